import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AutomixTrackInput } from '@dawg/contracts';

interface ClipRow {
  track_id: string;
  track_name: string;
  storage_key: string;
  start_seconds: number;
  duration_seconds: number;
  source_offset_seconds: number;
  gain_db: number;
  fade_in_seconds: number;
  fade_out_seconds: number;
}

/**
 * What an automix job plays: the audio clips of a project's audio tracks, in
 * seconds at the project's tempo. Only what is heard: the active take of a
 * take group, and (unless named) no muted track.
 */
@Injectable()
export class AutomixSourceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async tracksOf(projectId: string, trackIds?: readonly string[]): Promise<AutomixTrackInput[]> {
    const rows = await this.db.query<ClipRow[]>(
      `SELECT t.id AS track_id, t.name AS track_name, f.storage_key,
              c.start_beat * 60.0 / p.bpm AS start_seconds, c.length_beats * 60.0 / p.bpm AS duration_seconds,
              c.source_offset_seconds, c.gain_db, c.fade_in_seconds, c.fade_out_seconds
         FROM tracks t
         JOIN projects p ON p.id = t.project_id
         JOIN clips c ON c.track_id = t.id
         JOIN audio_files f ON f.id = c.audio_file_id AND f.status = 'ready'
         LEFT JOIN take_groups g ON g.id = c.take_group_id
        WHERE t.project_id = $1 AND t.kind = 'audio'
          AND (c.take_group_id IS NULL OR g.active_clip_id = c.id)
          AND (CASE WHEN $2::uuid[] IS NULL THEN NOT t.mute ELSE t.id = ANY($2::uuid[]) END)
        ORDER BY t.position, t.id, c.start_beat`,
      [projectId, trackIds ?? null],
    );
    const tracks = new Map<string, AutomixTrackInput>();
    for (const row of rows) {
      const track = tracks.get(row.track_id) ?? { trackId: row.track_id, name: row.track_name, clips: [] };
      track.clips.push({
        storageKey: row.storage_key,
        startSeconds: Number(row.start_seconds),
        durationSeconds: Number(row.duration_seconds),
        sourceOffsetSeconds: row.source_offset_seconds,
        gainDb: row.gain_db,
        fadeInSeconds: row.fade_in_seconds,
        fadeOutSeconds: row.fade_out_seconds,
      });
      tracks.set(row.track_id, track);
    }
    return [...tracks.values()];
  }
}
