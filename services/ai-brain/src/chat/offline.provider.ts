import { offlineRespond, type ProjectContext } from '@dawg/assistant';
import type { ChatEvent, ChatProvider, ChatRequest } from '../providers/provider';

export const OFFLINE_MODEL = 'dawg-offline-1';

/** Where the project's state travels in the system prompt, for every provider alike. */
const PROJECT_BLOCK = /<project>\n([\s\S]*?)\n<\/project>/;

/** The project state block the system prompt carries (see projectBlock). */
export function projectBlock(state: ProjectContext): string {
  return `<project>\n${JSON.stringify(state)}\n</project>`;
}

/**
 * The embedded default: @dawg/assistant's deterministic parser behind the
 * same streaming interface as the LLMs, so it drives the same tools with the
 * same arguments. Its text streams word by word; tokens are estimated (four
 * characters each) so usage and budgets work the same; it costs nothing.
 */
export class OfflineProvider implements ChatProvider {
  readonly name = 'offline' as const;
  readonly model = OFFLINE_MODEL;

  async *stream(request: ChatRequest): AsyncIterable<ChatEvent> {
    const block = PROJECT_BLOCK.exec(request.system);
    const project = block ? (JSON.parse(block[1]!) as ProjectContext) : undefined;
    const reply = offlineRespond({ messages: request.messages, ...(project ? { project } : {}) });
    const inputTokens = estimateTokens(request.system + request.messages.map((m) => m.content).join('\n'));
    for (const word of reply.text.match(/\S+\s*/g) ?? []) {
      if (request.signal?.aborted) {
        yield { type: 'done', model: this.model, usage: { inputTokens, outputTokens: 0 }, stopReason: 'cancelled' };
        return;
      }
      yield { type: 'text', delta: word };
    }
    const turn = request.messages.length;
    for (const [i, call] of reply.toolCalls.entries()) yield { type: 'tool_call', call: { id: `offline-${turn}-${i + 1}`, name: call.name, arguments: call.arguments } };
    const outputTokens = estimateTokens(reply.text + JSON.stringify(reply.toolCalls));
    yield { type: 'done', model: this.model, usage: { inputTokens, outputTokens }, stopReason: reply.toolCalls.length > 0 ? 'tool_calls' : 'end' };
  }
}

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
