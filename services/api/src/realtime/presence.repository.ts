import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The I/O of presence beyond the sockets: the display names of the people in a room. */
@Injectable()
export class PresenceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async displayNames(userIds: readonly string[]): Promise<Map<string, string>> {
    if (!userIds.length) return new Map();
    const rows: Array<{ id: string; display_name: string }> = await this.db.query('SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])', [userIds]);
    return new Map(rows.map((row) => [row.id, row.display_name]));
  }
}
