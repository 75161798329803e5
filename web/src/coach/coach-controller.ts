/**
 * The vocal coach's controller: one Socket.IO connection to /realtime-voice
 * (typed with @dawg/contracts), the microphone, and the state (through the
 * pure coachReducer) for the panel to show. A take streams the microphone
 * hop by hop and draws the pitch the server answers; push-to-talk streams a
 * transcribed take whose words run as assistant commands. Every frame is
 * traced from capture to screen (capture, send, pitch received, drawn).
 */
import {
  type ClientToServerEventsOf,
  type SocketAck,
  type voiceClientEvents,
  type VoiceScore,
  voiceServerEventSchemas,
  type VoiceServerToClientEvents,
  type VoiceTarget,
} from '@dawg/contracts';
import { io, type Socket } from 'socket.io-client';
import type { Api } from '../api/api';
import { unwrap } from '../api/client';
import { createStore, type Store } from '../state/store';
import { type CoachAction, coachReducer, type CoachState, initialCoachState } from './coach-session';
import { CoachMicrophone } from './coach-microphone';

type VoiceSocket = Socket<VoiceServerToClientEvents, ClientToServerEventsOf<typeof voiceClientEvents>>;
type VoiceTempo = { bpm: number; subdivision: number; offsetSeconds: number };

/** One frame's trip, on the page's clock (ms): captured → sent → its pitch received → drawn. */
export interface FrameTrace {
  seq: number;
  capturedAt: number;
  sentAt: number;
  receivedAt: number;
  drawnAt: number;
  /** The capture time is the frame's arrival on the page (the clock mapping put it later). */
  clamped: boolean;
}

/** Traces kept (about three minutes of frames). */
const MAX_TRACES = 16_000;

interface OpenTake {
  sessionId: string;
  microphone: CoachMicrophone;
  seq: number;
}

export class CoachController {
  readonly store: Store<CoachState> = createStore(initialCoachState());
  /** Completed frame traces, oldest first. */
  readonly traces: FrameTrace[] = [];
  private socket: VoiceSocket | null = null;
  private connected: Promise<VoiceSocket> | null = null;
  private take: OpenTake | null = null;
  private talk: OpenTake | null = null;
  private readonly pending = new Map<number, Omit<FrameTrace, 'drawnAt' | 'receivedAt'> & { receivedAt?: number }>();
  private conversation: { projectId: string; id: string } | null = null;
  private disposed = false;
  /** Push-to-talk released while the microphone was still opening. */
  private releasedEarly = false;

  constructor(
    private readonly api: Api,
    /** The studio's audio context (one per page: the engine's). */
    private readonly audioContext: () => Promise<AudioContext>,
  ) {}

  get state(): CoachState {
    return this.store.get();
  }

  dispatch(action: CoachAction): void {
    this.store.set((s) => coachReducer(s, action));
  }

  /** Connects and asks what the coach can do (whether voice commands are offered). */
  async init(): Promise<void> {
    try {
      const socket = await this.connect();
      const caps = await ask(socket, 'voice:capabilities', {});
      this.dispatch({ type: 'capabilities', transcription: caps.transcription });
    } catch (err) {
      this.dispatch({ type: 'unreachable', message: messageOf(err) });
    }
  }

  /**
   * Starts a take. With `align`, the take begins at the audio-clock time it
   * answers (called once the microphone is open, e.g. when playback of the
   * reference reaches its first beat, plus the round-trip latency): frames
   * captured before that are not sent, so the take's time 0 is that moment.
   */
  async startTake(target: VoiceTarget, lanes: number[], tempo: VoiceTempo | null, align?: (inputLatency: number) => Promise<number>): Promise<void> {
    if (this.take) return;
    this.dispatch({ type: 'take/start', target, lanes });
    try {
      const ctx = await this.audioContext();
      const socket = await this.connect();
      const started = await ask(socket, 'voice:start', { sampleRate: ctx.sampleRate, format: 'f32', target, ...(tempo ? { tempo } : {}) });
      this.pending.clear();
      const open: OpenTake = { sessionId: started.sessionId, microphone: null as unknown as CoachMicrophone, seq: 0 };
      this.dispatch({ type: 'take/started', sessionId: started.sessionId, toleranceCents: started.toleranceCents });
      // Until aligned, nothing is sent; then only what was captured from the start time on.
      let startAt = align ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
      open.microphone = await CoachMicrophone.open(ctx, Math.round(started.hopSeconds * ctx.sampleRate), (frame) => {
        const before = Math.round((startAt - (frame.endTime - frame.samples.length / ctx.sampleRate)) * ctx.sampleRate);
        if (before >= frame.samples.length) return;
        const samples = before > 0 ? frame.samples.slice(before) : frame.samples;
        const seq = open.seq++;
        socket.emit('voice:chunk', { sessionId: open.sessionId, seq, pcm: new Uint8Array(samples.buffer) }, (ack) => {
          if (!ack.ok && this.take === open) void this.failTake(ack.error.message);
        });
        this.pending.set(seq, { seq, capturedAt: frame.capturedAt, clamped: frame.clamped, sentAt: performance.now() });
      });
      if (this.disposed) return open.microphone.close();
      this.take = open;
      if (align) startAt = await align(open.microphone.inputLatency);
    } catch (err) {
      const open = this.take;
      this.take = null;
      if (open) {
        open.microphone.close();
        // Frees the server's take; its score is not wanted.
        void this.connect().then((socket) => ask(socket, 'voice:stop', { sessionId: open.sessionId }).catch(() => undefined));
      }
      this.dispatch({ type: 'take/failed', message: messageOf(err) });
    }
  }

  /** Ends the take: the score (and its feedback) arrives in the state. */
  async stopTake(): Promise<VoiceScore | null> {
    const open = this.take;
    if (!open) return null;
    this.take = null;
    open.microphone.close();
    this.dispatch({ type: 'take/stopping' });
    try {
      const score = await ask(await this.connect(), 'voice:stop', { sessionId: open.sessionId });
      this.dispatch({ type: 'score', score });
      return score;
    } catch (err) {
      this.dispatch({ type: 'take/failed', message: messageOf(err) });
      return null;
    }
  }

  /** Push-to-talk pressed: a transcribed take whose words go to the project's voice-command conversation. */
  async startTalk(projectId: string): Promise<void> {
    if (this.talk || this.state.talk.status === 'starting') return;
    this.dispatch({ type: 'talk/start' });
    try {
      const conversationId = await this.conversationFor(projectId);
      const ctx = await this.audioContext();
      const socket = await this.connect();
      const started = await ask(socket, 'voice:start', { sampleRate: ctx.sampleRate, format: 'f32', transcribe: true, commands: { conversationId } });
      const open: OpenTake = { sessionId: started.sessionId, microphone: null as unknown as CoachMicrophone, seq: 0 };
      this.dispatch({ type: 'talk/started', sessionId: started.sessionId });
      open.microphone = await CoachMicrophone.open(ctx, Math.round(started.hopSeconds * ctx.sampleRate), (frame) => {
        socket.emit('voice:chunk', { sessionId: open.sessionId, seq: open.seq++, pcm: new Uint8Array(frame.samples.buffer) }, (ack) => {
          if (!ack.ok) this.dispatch({ type: 'talk/failed', message: ack.error.message });
        });
      });
      this.talk = open;
      // Released while the microphone was opening: stop at once.
      if (this.releasedEarly || this.disposed) {
        this.releasedEarly = false;
        await this.stopTalk();
      }
    } catch (err) {
      this.dispatch({ type: 'talk/failed', message: messageOf(err) });
    }
  }

  /** Push-to-talk released: the last words are transcribed and run. */
  async stopTalk(): Promise<void> {
    const open = this.talk;
    if (!open) {
      if (this.state.talk.status === 'starting') this.releasedEarly = true;
      return;
    }
    this.talk = null;
    open.microphone.close();
    this.dispatch({ type: 'talk/stopping' });
    try {
      await ask(await this.connect(), 'voice:stop', { sessionId: open.sessionId });
      this.dispatch({ type: 'talk/stopped' });
    } catch (err) {
      this.dispatch({ type: 'talk/failed', message: messageOf(err) });
    }
  }

  /** The canvas drew every point up to `seq`: those frames' trips end now. */
  markDrawn(seq: number, at = performance.now()): void {
    for (const [s, trace] of this.pending) {
      if (s > seq) continue;
      this.pending.delete(s);
      if (trace.receivedAt === undefined) continue;
      this.traces.push({ ...trace, receivedAt: trace.receivedAt, drawnAt: at });
      if (this.traces.length > MAX_TRACES) this.traces.splice(0, this.traces.length - MAX_TRACES);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.take?.microphone.close();
    this.talk?.microphone.close();
    this.take = this.talk = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.connected = null;
  }

  private async failTake(message: string): Promise<void> {
    const open = this.take;
    this.take = null;
    open?.microphone.close();
    this.dispatch({ type: 'take/failed', message });
  }

  private async conversationFor(projectId: string): Promise<string> {
    if (this.conversation?.projectId === projectId) return this.conversation.id;
    const created = await unwrap(this.api.client.POST('/api/v1/chat/conversations', { body: { projectId, title: 'Voice commands' } }));
    this.conversation = { projectId, id: created.id };
    return created.id;
  }

  private connect(): Promise<VoiceSocket> {
    if (this.connected) return this.connected;
    const socket: VoiceSocket = io('/realtime-voice', {
      path: '/voice/socket.io',
      // A function, so each (re)connection presents a live token.
      auth: (cb: (data: object) => void) => void this.api.session.token().then((token) => cb({ token })),
      transports: ['websocket'],
    });
    this.socket = socket;
    this.listen(socket);
    this.connected = new Promise<VoiceSocket>((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (err) => {
        this.connected = null;
        socket.removeAllListeners();
        socket.disconnect();
        reject(new Error(`The voice service is not reachable: ${err.message}`));
      });
    });
    return this.connected;
  }

  private listen(socket: VoiceSocket): void {
    socket.on('pitch', (payload) => {
      const parsed = voiceServerEventSchemas.pitch.safeParse(payload);
      if (!parsed.success) return;
      const trace = parsed.data.seq === undefined ? undefined : this.pending.get(parsed.data.seq);
      if (trace && trace.receivedAt === undefined) trace.receivedAt = performance.now();
      this.dispatch({ type: 'pitch', event: parsed.data });
    });
    socket.on('onset', (payload) => {
      const parsed = voiceServerEventSchemas.onset.safeParse(payload);
      if (parsed.success) this.dispatch({ type: 'onset', event: parsed.data });
    });
    socket.on('vibrato', (payload) => {
      const parsed = voiceServerEventSchemas.vibrato.safeParse(payload);
      if (parsed.success) this.dispatch({ type: 'vibrato', event: parsed.data });
    });
    socket.on('transcript:partial', (payload) => {
      const parsed = voiceServerEventSchemas['transcript:partial'].safeParse(payload);
      if (parsed.success) this.dispatch({ type: 'transcript', ...parsed.data, final: false });
    });
    socket.on('transcript:final', (payload) => {
      const parsed = voiceServerEventSchemas['transcript:final'].safeParse(payload);
      if (parsed.success) this.dispatch({ type: 'transcript', sessionId: parsed.data.sessionId, utterance: parsed.data.utterance, text: parsed.data.text, final: true });
    });
    socket.on('transcript:error', (payload) => {
      const parsed = voiceServerEventSchemas['transcript:error'].safeParse(payload);
      if (parsed.success) this.dispatch({ type: 'command-error', sessionId: parsed.data.sessionId, utterance: parsed.data.utterance, message: parsed.data.message });
    });
    socket.on('function:call', (payload) => {
      const parsed = voiceServerEventSchemas['function:call'].safeParse(payload);
      if (!parsed.success) return;
      const { sessionId, utterance, name, status, summary } = parsed.data;
      this.dispatch({ type: 'function-call', sessionId, utterance, call: { name, status, summary } });
    });
    socket.on('command:reply', (payload) => {
      const parsed = voiceServerEventSchemas['command:reply'].safeParse(payload);
      if (parsed.success) this.dispatch({ type: 'command-reply', ...parsed.data });
    });
    socket.on('disconnect', () => {
      if (this.take) void this.failTake('The connection to the voice service dropped; start the take again.');
      if (this.talk) {
        this.talk.microphone.close();
        this.talk = null;
        this.dispatch({ type: 'talk/failed', message: 'The connection to the voice service dropped.' });
      }
    });
  }
}

type Events = ClientToServerEventsOf<typeof voiceClientEvents>;
type Result<E extends keyof Events> = Parameters<Events[E]>[1] extends (response: SocketAck<infer T>) => void ? T : never;

/** Emits an event and resolves with its ack's data, or rejects with the server's message. */
function ask<E extends keyof Events & string>(socket: VoiceSocket, event: E, payload: Parameters<Events[E]>[0]): Promise<Result<E>> {
  return new Promise((resolve, reject) => {
    const emit = socket.emit.bind(socket) as unknown as (e: string, p: unknown, ack: (response: SocketAck<Result<E>>) => void) => void;
    emit(event, payload, (response) => (response.ok ? resolve(response.data) : reject(new Error(response.error.message))));
  });
}

function messageOf(err: unknown): string {
  if (err instanceof DOMException && err.name === 'NotAllowedError') return 'The browser refused the microphone: allow it for this site and try again.';
  if (err instanceof DOMException && err.name === 'NotFoundError') return 'No microphone was found.';
  return err instanceof Error ? err.message : String(err);
}
