import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { RecordingReady, voiceNamespaceClientEvents, VoiceServerToClientEvents } from '@dawg/contracts';
import { encodeWav } from '@dawg/music';
import { AppError, REDIS_CLIENT, ROOT_LOGGER } from '@dawg/platform';
import { SocketServer } from '@dawg/realtime';
import { OBJECT_STORAGE, type ObjectStorage } from '@dawg/storage';
import { decodePcm } from '../coach/pcm';
import { CueSegmenter } from './cue-segmenter';
import { assembleTrack, jsonLines, webVtt } from './session-files';
import { type Participant, VoiceSessionsStore } from './voice-sessions.store';

type VoiceSocketServer = SocketServer<typeof voiceNamespaceClientEvents, VoiceServerToClientEvents>;

/** A participant whose audio this replica receives. */
interface Held {
  sessionId: string;
  ownerId: string;
  participant: Participant;
  pending: Float32Array[];
  pendingSamples: number;
  /** Samples stored so far, from where the participant joined. */
  stored: number;
  nextSeq: number;
  cues: CueSegmenter;
}

/** Audio is written to object storage in parts of about this long. */
const PART_SECONDS = 2;
/** How long closing waits for other replicas to store what they hold. */
const FLUSH_WAIT_MS = 5_000;
const MAX_CHUNK_BYTES = 96_000 * 4;

/**
 * Recorded voice sessions on /realtime-voice. Each participant's audio is
 * received by whichever replica holds their socket, written to object
 * storage in parts, and captioned as it arrives; the session itself lives in
 * Redis. Closing asks every replica to store what it holds, then assembles
 * one aligned WAV track and one WebVTT file per participant, the JSONL event
 * log and session.json, and tells every participant (`recording.ready`).
 */
@Injectable()
export class VoiceSessionsGateway implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly held = new Map<string, Held>();
  private subscriber?: Redis;

  constructor(
    private readonly sockets: SocketServer,
    private readonly store: VoiceSessionsStore,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const sockets = this.sockets as unknown as VoiceSocketServer;
    sockets.handle('session:open', async (request, ctx) => {
      const sessionId = randomUUID();
      await this.store.create(sessionId, { ownerId: ctx.user.id, title: request.title ?? 'Voice session', projectId: request.projectId ?? null, startedAt: Date.now(), status: 'open' });
      await this.store.logEvent(sessionId, { type: 'open', userId: ctx.user.id });
      return { sessionId };
    });

    sockets.handle('session:join', async (request, ctx) => {
      const meta = await this.store.meta(request.sessionId);
      if (!meta) throw AppError.notFound('The voice session');
      if (meta.status !== 'open') throw new AppError('CONFLICT', 'The voice session has ended.');
      const participant: Participant = {
        participantId: randomUUID(),
        userId: ctx.user.id,
        name: request.name ?? `Speaker ${(await this.store.participants(request.sessionId)).length + 1}`,
        sampleRate: request.sampleRate,
        format: request.format,
        offsetSeconds: (Date.now() - meta.startedAt) / 1000,
      };
      await this.store.addParticipant(request.sessionId, participant);
      await this.store.logEvent(request.sessionId, { type: 'join', participantId: participant.participantId, userId: ctx.user.id, name: participant.name, offsetSeconds: participant.offsetSeconds });
      const held: Held = { sessionId: request.sessionId, ownerId: meta.ownerId, participant, pending: [], pendingSamples: 0, stored: 0, nextSeq: 0, cues: new CueSegmenter(request.sampleRate, participant.offsetSeconds) };
      this.held.set(this.heldKey(ctx.socket, request.sessionId), held);
      ctx.socket.once('disconnect', () => void this.leave(ctx.socket, request.sessionId, 'disconnected'));
      return { participantId: participant.participantId, offsetSeconds: participant.offsetSeconds };
    });

    sockets.handle('session:audio', async (request, ctx) => {
      const held = this.heldOf(ctx.socket, request.sessionId);
      if (request.pcm.byteLength > MAX_CHUNK_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'A chunk may hold at most one second of audio.');
      if (request.seq !== held.nextSeq) throw new AppError('CONFLICT', `Chunk ${request.seq} arrived where ${held.nextSeq} was expected.`, { expected: held.nextSeq });
      const samples = decodePcm(request.pcm, held.participant.format);
      held.nextSeq++;
      held.pending.push(samples);
      held.pendingSamples += samples.length;
      await this.store.addCues(held.sessionId, held.participant.participantId, held.cues.push(samples));
      if (held.pendingSamples >= PART_SECONDS * held.participant.sampleRate) await this.storePart(held);
      return { seconds: (held.stored + held.pendingSamples) / held.participant.sampleRate };
    });

    sockets.handle('session:mark', async (request, ctx) => {
      const meta = await this.store.meta(request.sessionId);
      if (!meta || meta.status !== 'open') throw AppError.notFound('The voice session');
      const atSeconds = (Date.now() - meta.startedAt) / 1000;
      await this.store.logEvent(request.sessionId, { type: 'mark', userId: ctx.user.id, label: request.label, atSeconds });
      return { atSeconds };
    });

    sockets.handle('session:leave', async (request, ctx) => ({ left: await this.leave(ctx.socket, request.sessionId, 'left') }));

    sockets.handle('session:close', async (request, ctx) => {
      const meta = await this.store.meta(request.sessionId);
      if (!meta) throw AppError.notFound('The voice session');
      if (meta.ownerId !== ctx.user.id) throw new AppError('FORBIDDEN', 'Only whoever opened the session can close it.');
      if (!(await this.store.beginClose(request.sessionId))) throw new AppError('CONFLICT', 'The voice session is already closing or closed.');
      await this.store.logEvent(request.sessionId, { type: 'close', userId: ctx.user.id });
      return this.finish(request.sessionId, meta.ownerId, ctx.log);
    });
  }

  /** Every replica stores what it holds of a session that is closing, when asked. */
  async onApplicationBootstrap(): Promise<void> {
    // A subscriber waits for Redis rather than failing (the shared client fails fast for requests).
    this.subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, connectionName: 'dawg-voice-sessions-sub' });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel, sessionId: string) => void this.flushSession(sessionId));
    await this.subscriber.subscribe(this.store.flushChannel);
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  private async finish(sessionId: string, ownerId: string, log: Logger): Promise<RecordingReady> {
    await this.redis.publish(this.store.flushChannel, sessionId);
    await this.flushSession(sessionId);
    const participants = await this.store.participants(sessionId);
    const deadline = Date.now() + FLUSH_WAIT_MS;
    for (;;) {
      const flushed = await this.store.flushed(sessionId);
      const waiting = participants.filter((p) => !flushed.has(p.participantId));
      if (waiting.length === 0) break;
      if (Date.now() > deadline) {
        log.warn({ sessionId, waiting: waiting.map((p) => p.participantId) }, 'closing a voice session without audio some replicas did not store in time');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const base = `voice-sessions/${ownerId}/${sessionId}`;
    const tracks = await Promise.all(participants.map(async (p) => ({ participant: p, parts: await this.store.parts(sessionId, p.participantId) })));
    // Every track is the session's length: from its start to the end of the last audio anyone sent.
    const durationSeconds = Math.max(0, ...tracks.map(({ participant, parts }) => participant.offsetSeconds + parts.reduce((n, part) => Math.max(n, part.offset + part.samples), 0) / participant.sampleRate));
    const files: RecordingReady['files'] = [];
    for (const [i, { participant, parts }] of tracks.entries()) {
      const stem = `${String(i + 1).padStart(2, '0')}-${safeName(participant.name)}`;
      const audio = await Promise.all(parts.map(async (part) => ({ offset: Math.round(participant.offsetSeconds * participant.sampleRate) + part.offset, samples: toFloat32(await this.read(part.key)) })));
      const track = assembleTrack(audio, participant.sampleRate, durationSeconds);
      const wav = encodeWav({ sampleRate: participant.sampleRate, channels: [track] }, { bitDepth: 16 });
      files.push({ ...(await this.put(`${base}/tracks/${stem}.wav`, wav, 'audio/wav')), kind: 'wav', participantId: participant.participantId, durationSeconds: track.length / participant.sampleRate });
      const vtt = webVtt(participant.name, await this.store.cues(sessionId, participant.participantId));
      files.push({ ...(await this.put(`${base}/captions/${stem}.vtt`, Buffer.from(vtt), 'text/vtt; charset=utf-8')), kind: 'vtt', participantId: participant.participantId });
    }
    files.push({ ...(await this.put(`${base}/events.jsonl`, Buffer.from(jsonLines(await this.store.events(sessionId))), 'application/jsonl')), kind: 'jsonl' });
    const meta = await this.store.meta(sessionId);
    const session = { sessionId, title: meta?.title, projectId: meta?.projectId, ownerId, startedAt: new Date(meta?.startedAt ?? 0).toISOString(), durationSeconds, participants, files: [...files] };
    files.push({ ...(await this.put(`${base}/session.json`, Buffer.from(`${JSON.stringify(session, null, 2)}\n`), 'application/json')), kind: 'json' });
    await this.store.setStatus(sessionId, 'closed');

    const ready: RecordingReady = { sessionId, durationSeconds, files };
    const sockets = this.sockets as unknown as VoiceSocketServer;
    for (const userId of new Set([ownerId, ...participants.map((p) => p.userId)])) sockets.toUser(userId).emit('recording.ready', ready);
    log.info({ sessionId, participants: participants.length, durationSeconds, files: files.length }, 'voice session recorded');
    return ready;
  }

  /** Stores everything this replica holds of a session: the last part and cue of each participant it receives. */
  private async flushSession(sessionId: string): Promise<void> {
    for (const [key, held] of [...this.held]) {
      if (held.sessionId !== sessionId) continue;
      this.held.delete(key);
      await this.settle(held).catch((err: unknown) => this.logger.error({ err, sessionId }, 'storing a voice session participant failed'));
    }
  }

  private async leave(socket: Socket, sessionId: string, reason: string): Promise<boolean> {
    const key = this.heldKey(socket, sessionId);
    const held = this.held.get(key);
    if (!held) return false;
    this.held.delete(key);
    await this.settle(held);
    await this.store.logEvent(sessionId, { type: 'leave', participantId: held.participant.participantId, reason });
    return true;
  }

  private async settle(held: Held): Promise<void> {
    await this.storePart(held);
    await this.store.addCues(held.sessionId, held.participant.participantId, held.cues.flush());
    await this.store.markFlushed(held.sessionId, held.participant.participantId);
  }

  private async storePart(held: Held): Promise<void> {
    if (held.pendingSamples === 0) return;
    const samples = new Float32Array(held.pendingSamples);
    let at = 0;
    for (const chunk of held.pending) {
      samples.set(chunk, at);
      at += chunk.length;
    }
    held.pending = [];
    held.pendingSamples = 0;
    const offset = held.stored;
    held.stored += samples.length;
    const key = `voice-sessions/${held.ownerId}/${held.sessionId}/parts/${held.participant.participantId}/${String(offset).padStart(12, '0')}.f32`;
    await this.storage.put(key, Buffer.from(samples.buffer), { contentType: 'application/octet-stream' });
    await this.store.addPart(held.sessionId, held.participant.participantId, { key, offset, samples: samples.length });
  }

  private heldOf(socket: Socket, sessionId: string): Held {
    const held = this.held.get(this.heldKey(socket, sessionId));
    if (!held) throw AppError.notFound('Your place in this voice session (join it first)');
    return held;
  }

  private heldKey(socket: Socket, sessionId: string): string {
    return `${socket.id}:${sessionId}`;
  }

  private async read(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of (await this.storage.get(key)).body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  private async put(key: string, bytes: Uint8Array, contentType: string): Promise<{ name: string; key: string; sizeBytes: number }> {
    const { sizeBytes } = await this.storage.put(key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { contentType });
    return { name: key.slice(key.lastIndexOf('/') + 1), key, sizeBytes };
  }
}

function toFloat32(bytes: Buffer): Float32Array {
  // A copy: the Buffer may sit at an offset that is not a multiple of four in a shared pool.
  return new Float32Array(Uint8Array.from(bytes).buffer);
}

function safeName(name: string): string {
  return name.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'speaker';
}
