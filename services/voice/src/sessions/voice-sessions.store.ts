import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { PLATFORM_ENV, type PlatformEnv, REDIS_CLIENT } from '@dawg/platform';
import type { Cue } from './session-files';

export interface SessionMeta {
  ownerId: string;
  title: string;
  projectId: string | null;
  /** Epoch ms. */
  startedAt: number;
  status: 'open' | 'closing' | 'closed';
}

export interface Participant {
  participantId: string;
  userId: string;
  name: string;
  sampleRate: number;
  format: 'f32' | 's16';
  /** Where the participant's audio starts in the session, seconds. */
  offsetSeconds: number;
}

export interface StoredPart {
  key: string;
  /** Samples after the session start, at the participant's rate. */
  offset: number;
  samples: number;
}

/** A session and everything about it lives a day in Redis; the recording itself goes to object storage. */
const TTL_SECONDS = 24 * 3600;

/**
 * A voice session's shared state in Redis, so its participants may be
 * connected to any replica: the session, its participants, the parts of
 * audio each replica has stored, the captions' cues, and the event log.
 */
@Injectable()
export class VoiceSessionsStore {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(PLATFORM_ENV) private readonly env: PlatformEnv,
  ) {}

  key(sessionId: string, part: string): string {
    return `${this.env.REDIS_KEY_PREFIX}voice:session:${sessionId}:${part}`;
  }

  /** The channel replicas hear "flush what you hold of this session" on. */
  get flushChannel(): string {
    return `${this.env.REDIS_KEY_PREFIX}voice:session-flush`;
  }

  async create(sessionId: string, meta: SessionMeta): Promise<void> {
    await this.redis
      .multi()
      .hset(this.key(sessionId, 'meta'), { ...meta, projectId: meta.projectId ?? '' })
      .expire(this.key(sessionId, 'meta'), TTL_SECONDS)
      .exec();
  }

  async meta(sessionId: string): Promise<SessionMeta | undefined> {
    const raw = await this.redis.hgetall(this.key(sessionId, 'meta'));
    if (!raw.ownerId) return undefined;
    return { ownerId: raw.ownerId, title: raw.title ?? '', projectId: raw.projectId || null, startedAt: Number(raw.startedAt), status: raw.status as SessionMeta['status'] };
  }

  /** Moves an open session to closing, once: false when it was not open (already closing or closed). */
  async beginClose(sessionId: string): Promise<boolean> {
    const moved = await this.redis.eval(
      "if redis.call('hget', KEYS[1], 'status') == 'open' then redis.call('hset', KEYS[1], 'status', 'closing') return 1 end return 0",
      1,
      this.key(sessionId, 'meta'),
    );
    return moved === 1;
  }

  async setStatus(sessionId: string, status: SessionMeta['status']): Promise<void> {
    await this.redis.hset(this.key(sessionId, 'meta'), 'status', status);
  }

  async addParticipant(sessionId: string, participant: Participant): Promise<void> {
    const key = this.key(sessionId, 'participants');
    await this.redis.multi().hset(key, participant.participantId, JSON.stringify(participant)).expire(key, TTL_SECONDS).exec();
  }

  async participants(sessionId: string): Promise<Participant[]> {
    const raw = await this.redis.hvals(this.key(sessionId, 'participants'));
    return raw.map((p) => JSON.parse(p) as Participant).sort((a, b) => a.offsetSeconds - b.offsetSeconds || a.participantId.localeCompare(b.participantId));
  }

  async addPart(sessionId: string, participantId: string, part: StoredPart): Promise<void> {
    await this.push(this.key(sessionId, `parts:${participantId}`), [part]);
  }

  async parts(sessionId: string, participantId: string): Promise<StoredPart[]> {
    return (await this.redis.lrange(this.key(sessionId, `parts:${participantId}`), 0, -1)).map((p) => JSON.parse(p) as StoredPart);
  }

  async addCues(sessionId: string, participantId: string, cues: readonly Cue[]): Promise<void> {
    if (cues.length) await this.push(this.key(sessionId, `cues:${participantId}`), cues);
  }

  async cues(sessionId: string, participantId: string): Promise<Cue[]> {
    return (await this.redis.lrange(this.key(sessionId, `cues:${participantId}`), 0, -1)).map((c) => JSON.parse(c) as Cue);
  }

  async logEvent(sessionId: string, event: Record<string, unknown>): Promise<void> {
    await this.push(this.key(sessionId, 'events'), [{ at: new Date().toISOString(), ...event }]);
  }

  async events(sessionId: string): Promise<object[]> {
    return (await this.redis.lrange(this.key(sessionId, 'events'), 0, -1)).map((e) => JSON.parse(e) as object);
  }

  /** Records that this replica has stored all it held of a participant, for the closer waiting on it. */
  async markFlushed(sessionId: string, participantId: string): Promise<void> {
    const key = this.key(sessionId, 'flushed');
    await this.redis.multi().sadd(key, participantId).expire(key, TTL_SECONDS).exec();
  }

  async flushed(sessionId: string): Promise<Set<string>> {
    return new Set(await this.redis.smembers(this.key(sessionId, 'flushed')));
  }

  private async push(key: string, values: readonly object[]): Promise<void> {
    await this.redis
      .multi()
      .rpush(key, ...values.map((v) => JSON.stringify(v)))
      .expire(key, TTL_SECONDS)
      .exec();
  }
}
