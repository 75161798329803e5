import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AudioFileEntity } from '@dawg/db';

/** All I/O of the audio library's rows; the bytes are in object storage. */
@Injectable()
export class AudioRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * Bytes the user stores (pending uploads count at their declared size, so
   * parallel uploads cannot overrun the quota), with the user's row locked
   * until the transaction ends when `em` is one.
   */
  async lockStorageUsed(em: EntityManager, userId: string): Promise<number> {
    await em.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [userId]);
    return this.storageUsed(userId, em);
  }

  async storageUsed(userId: string, em: EntityManager = this.db.manager): Promise<number> {
    const rows: Array<{ n: string }> = await em.query(`SELECT coalesce(sum(size_bytes), 0) AS n FROM audio_files WHERE owner_id = $1`, [userId]);
    return Number(rows[0]!.n);
  }

  /** A file the user may read: their own, or one attached to a project they work on. */
  findReadable(id: string, userId: string): Promise<AudioFileEntity | null> {
    return this.db
      .getRepository(AudioFileEntity)
      .createQueryBuilder('a')
      .where('a.id = :id', { id })
      .andWhere(
        `(a.owner_id = :userId OR EXISTS (
           SELECT 1 FROM projects p LEFT JOIN project_members m ON m.project_id = p.id AND m.user_id = :userId
            WHERE p.id = a.project_id AND (p.owner_id = :userId OR m.user_id IS NOT NULL)))`,
        { userId },
      )
      .getOne();
  }

  findOwned(id: string, userId: string, em: EntityManager = this.db.manager): Promise<AudioFileEntity | null> {
    return em.findOneBy(AudioFileEntity, { id, ownerId: userId });
  }

  async list(userId: string, page: number, pageSize: number, projectId?: string): Promise<{ rows: AudioFileEntity[]; total: number }> {
    const query = this.db.getRepository(AudioFileEntity).createQueryBuilder('a');
    if (projectId) {
      query.where(
        `a.project_id = :projectId AND EXISTS (
           SELECT 1 FROM projects p LEFT JOIN project_members m ON m.project_id = p.id AND m.user_id = :userId
            WHERE p.id = :projectId AND (p.owner_id = :userId OR m.user_id IS NOT NULL))`,
        { projectId, userId },
      );
    } else {
      query.where('a.owner_id = :userId', { userId });
    }
    const [rows, total] = await query
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { rows, total };
  }

  /** Whether a clip still plays this file. */
  async inUse(id: string, em: EntityManager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM clips WHERE audio_file_id = $1 LIMIT 1`, [id]);
    return rows.length > 0;
  }
}
