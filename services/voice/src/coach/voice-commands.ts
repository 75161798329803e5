import { Inject, Injectable } from '@nestjs/common';
import OpenAI, { toFile } from 'openai';
import type { ChatTurn, VoiceServerToClientEvents } from '@dawg/contracts';
import { encodeWav } from '@dawg/music';
import { ApiCallError, type Credential } from '@dawg/platform';
import type { Utterance } from './utterances';
import { VOICE_SETTINGS, type VoiceSettings } from './voice.settings';

type Emit = <E extends keyof VoiceServerToClientEvents & string>(event: E, payload: Parameters<VoiceServerToClientEvents[E]>[0]) => void;

/**
 * What is said during a take: each utterance transcribed by the OpenAI model
 * as it streams back (`transcript:partial`, then `transcript:final`), and,
 * for voice commands, sent to the assistant's conversation as a message,
 * whose tool calls come back as `function:call` (the same tools the chat
 * runs, with the speaker's own credential) and its answer as `command:reply`.
 */
@Injectable()
export class VoiceCommands {
  private readonly client: OpenAI | null;

  constructor(@Inject(VOICE_SETTINGS) private readonly settings: VoiceSettings) {
    const t = settings.transcription;
    this.client = t ? new OpenAI({ apiKey: t.apiKey, baseURL: t.baseUrl, maxRetries: 1, timeout: 30_000 }) : null;
  }

  get available(): boolean {
    return this.client !== null;
  }

  /** Transcribes one utterance and, when asked, runs it as a command; failures are events, never exceptions. */
  async handle(utterance: Utterance, take: { sessionId: string; sampleRate: number; credential: Credential; requestId: string; conversationId?: string }, emit: Emit): Promise<void> {
    const base = { sessionId: take.sessionId, utterance: utterance.index };
    let text: string;
    try {
      text = await this.transcribe(utterance, take.sampleRate, (partial) => emit('transcript:partial', { ...base, text: partial }));
    } catch (err) {
      return emit('transcript:error', { ...base, code: 'TRANSCRIPTION_FAILED', message: (err as Error).message });
    }
    emit('transcript:final', { ...base, text, startSeconds: round(utterance.startSeconds), endSeconds: round(utterance.endSeconds) });
    if (!take.conversationId || !text) return;
    try {
      const turn = await this.command(take.conversationId, text, take.credential, take.requestId);
      const calls = new Map(turn.messages.flatMap((m) => m.toolCalls ?? []).map((c) => [c.id, c]));
      for (const m of turn.messages) {
        if (m.role !== 'tool' || !m.toolCallId) continue;
        emit('function:call', { ...base, name: m.toolName ?? '', arguments: calls.get(m.toolCallId)?.arguments ?? {}, status: m.toolStatus === 'ok' ? 'ok' : 'error', summary: m.summary ?? '' });
      }
      const reply = turn.messages.filter((m) => m.role === 'assistant' && m.content).at(-1);
      if (reply) emit('command:reply', { ...base, text: reply.content });
    } catch (err) {
      emit('transcript:error', { ...base, code: err instanceof ApiCallError ? err.code : 'COMMAND_FAILED', message: (err as Error).message });
    }
  }

  private async transcribe(utterance: Utterance, sampleRate: number, onPartial: (text: string) => void): Promise<string> {
    const wav = encodeWav({ sampleRate, channels: [utterance.samples] }, { bitDepth: 16 });
    const stream = await this.client!.audio.transcriptions.create({
      file: await toFile(wav, `utterance-${utterance.index}.wav`, { type: 'audio/wav' }),
      model: this.settings.transcription!.model,
      stream: true,
    });
    let text = '';
    for await (const event of stream) {
      if (event.type === 'transcript.text.delta') {
        text += event.delta;
        onPartial(text);
      } else if (event.type === 'transcript.text.done') {
        text = event.text;
      }
    }
    return text.trim();
  }

  /** The assistant's turn for the command, through ai-brain's REST with the speaker's credential. */
  private async command(conversationId: string, content: string, credential: Credential, requestId: string): Promise<ChatTurn> {
    const res = await fetch(`${this.settings.aiUrl()}/api/v1/chat/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        ...(credential.kind === 'bearer' ? { authorization: `Bearer ${credential.value}` } : { 'x-api-key': credential.value }),
      },
      body: JSON.stringify({ content }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await res.json()) as ChatTurn & { error?: { code: string; message: string } };
    if (!res.ok) throw new ApiCallError(res.status, body.error?.code ?? 'UNKNOWN', body.error?.message ?? `The assistant answered ${res.status}.`);
    return body;
  }
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
