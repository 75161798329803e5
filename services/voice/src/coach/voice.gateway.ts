import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Socket } from 'socket.io';
import type { voiceClientEvents, VoiceServerToClientEvents } from '@dawg/contracts';
import { AppError, type Credential, type Logger } from '@dawg/platform';
import { SocketServer } from '@dawg/realtime';
import { CoachTake, toPitchEvent } from './coach-take';
import { decodePcm } from './pcm';
import { type Utterance, UtteranceCollector } from './utterances';
import { VoiceCommands } from './voice-commands';
import { VOICE_SETTINGS, type VoiceSettings } from './voice.settings';

type VoiceSocketServer = SocketServer<typeof voiceClientEvents, VoiceServerToClientEvents>;

interface OpenTake {
  take: CoachTake;
  format: 'f32' | 's16';
  nextSeq: number;
  /** When the take is transcribed: its utterances, and the conversation voice commands go to. */
  speech?: { utterances: UtteranceCollector; conversationId?: string; credential: Credential; requestId: string };
}

/** At most one second of audio per chunk, at the highest rate accepted, in Float32. */
const MAX_CHUNK_BYTES = 96_000 * 4;

/**
 * Socket.IO /realtime-voice: `voice:start` opens a take, each `voice:chunk`
 * of PCM is analysed at once and answered with `pitch` events (one per hop,
 * ~12 ms) and `onset` and `vibrato` events as they are found, and
 * `voice:stop` answers the score. Takes live in this process, with their
 * socket: a chunk must reach the replica that holds its take, which the
 * WebSocket transport (or sticky sessions for polling) guarantees.
 */
@Injectable()
export class VoiceGateway implements OnModuleInit {
  private readonly takes = new WeakMap<Socket, Map<string, OpenTake>>();

  constructor(
    private readonly sockets: SocketServer,
    @Inject(VOICE_SETTINGS) private readonly settings: VoiceSettings,
    private readonly commands: VoiceCommands,
  ) {}

  onModuleInit(): void {
    const sockets = this.sockets as unknown as VoiceSocketServer;
    sockets.handle('voice:capabilities', () => ({ transcription: this.commands.available, maxTakeSeconds: this.settings.maxTakeSeconds }));
    sockets.handle('voice:start', (start, ctx) => {
      const open = this.takesOf(ctx.socket);
      if (open.size >= this.settings.maxTakesPerSocket) throw new AppError('CONFLICT', `At most ${this.settings.maxTakesPerSocket} takes may be open on one connection; stop one first.`);
      const transcribe = start.transcribe || start.commands !== undefined;
      if (transcribe && !this.commands.available) {
        throw new AppError('VALIDATION_FAILED', 'Transcription is not configured on this installation (it needs OPENAI_API_KEY).', { issues: [{ path: 'transcribe', message: 'not available' }] });
      }
      const sessionId = randomUUID();
      const take = new CoachTake({ sampleRate: start.sampleRate, target: start.target, tempo: start.tempo, toleranceCents: start.toleranceCents, a4: start.a4 });
      const speech = transcribe
        ? { utterances: new UtteranceCollector(start.sampleRate), conversationId: start.commands?.conversationId, credential: { kind: 'bearer' as const, value: ctx.user.accessToken }, requestId: ctx.eventId }
        : undefined;
      open.set(sessionId, { take, format: start.format, nextSeq: 0, ...(speech ? { speech } : {}) });
      ctx.log.info({ sessionId, sampleRate: start.sampleRate, format: start.format, target: start.target?.kind ?? null }, 'voice take started');
      return { sessionId, hopSeconds: take.hopSeconds, toleranceCents: take.toleranceCents };
    });

    sockets.handle('voice:chunk', (chunk, ctx) => {
      const open = this.openTake(ctx.socket, chunk.sessionId);
      if (chunk.pcm.byteLength > MAX_CHUNK_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `A chunk may hold at most ${MAX_CHUNK_BYTES} bytes (one second of audio).`);
      if (chunk.seq !== open.nextSeq) throw new AppError('CONFLICT', `Chunk ${chunk.seq} arrived where ${open.nextSeq} was expected; chunks must come in order.`, { expected: open.nextSeq });
      const samples = decodePcm(chunk.pcm, open.format);
      if (open.take.durationSeconds + samples.length / open.take.sampleRate > this.settings.maxTakeSeconds) {
        throw new AppError('PAYLOAD_TOO_LARGE', `A take may last at most ${this.settings.maxTakeSeconds} s; stop it and start another.`);
      }
      // Counted only once accepted: a refused chunk may be sent again, fixed, under the same number.
      open.nextSeq++;
      const update = open.take.push(samples);
      for (const frame of update.frames) ctx.reply('pitch', { sessionId: chunk.sessionId, seq: chunk.seq, ...toPitchEvent(frame) });
      for (const onset of update.onsets) ctx.reply('onset', { sessionId: chunk.sessionId, ...onset });
      if (update.vibrato) ctx.reply('vibrato', { sessionId: chunk.sessionId, detected: update.vibrato.detected, rateHz: update.vibrato.rateHz, extentCents: update.vibrato.extentCents });
      if (open.speech) this.transcribe(open, chunk.sessionId, open.speech.utterances.push(samples, update.frames), ctx);
      return { frames: update.frames.length };
    });

    sockets.handle('voice:stop', (stop, ctx) => {
      const open = this.openTake(ctx.socket, stop.sessionId);
      this.takesOf(ctx.socket).delete(stop.sessionId);
      if (open.speech) this.transcribe(open, stop.sessionId, open.speech.utterances.flush(), ctx);
      const { pendingOnsets, ...score } = open.take.finish(stop.sessionId);
      for (const onset of pendingOnsets) ctx.reply('onset', { sessionId: stop.sessionId, ...onset });
      ctx.reply('score', score);
      ctx.log.info({ sessionId: stop.sessionId, durationSeconds: score.durationSeconds, overall: score.overall }, 'voice take scored');
      return score;
    });
  }

  /** Utterances are transcribed (and run as commands) in the background: the audio keeps flowing meanwhile. */
  private transcribe(open: OpenTake, sessionId: string, utterances: Utterance[], ctx: { reply: (event: never, payload: never) => void; log: Logger }): void {
    const emit = ctx.reply as unknown as (event: string, payload: unknown) => void;
    for (const utterance of utterances) {
      void this.commands
        .handle(utterance, { sessionId, sampleRate: open.take.sampleRate, ...open.speech!, ...(open.speech!.conversationId ? { conversationId: open.speech!.conversationId } : {}) }, emit)
        .catch((err: unknown) => ctx.log.error({ err, sessionId }, 'voice transcription failed'));
    }
  }

  private takesOf(socket: Socket): Map<string, OpenTake> {
    let open = this.takes.get(socket);
    if (!open) {
      open = new Map();
      this.takes.set(socket, open);
      socket.once('disconnect', () => this.takes.delete(socket));
    }
    return open;
  }

  private openTake(socket: Socket, sessionId: string): OpenTake {
    const open = this.takesOf(socket).get(sessionId);
    if (!open) throw AppError.notFound('The take');
    return open;
  }
}
