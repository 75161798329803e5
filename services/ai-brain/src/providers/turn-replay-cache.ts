/**
 * What a vendor needs to see again, verbatim, when a model turn that called
 * tools is sent back with the tools' results: Claude's thinking blocks and
 * Gemini's thought signatures are opaque and bound to the turn that produced
 * them, and the vendors refuse (or reason worse about) a tool loop whose
 * history lost them. `ChatMessage` carries text and tool calls only, so each
 * provider keeps its raw turns here, keyed by the turn's tool-call ids, for the
 * few seconds to minutes a tool loop takes.
 *
 * A turn not found (another replica answered it, the process restarted, it
 * expired) is rebuilt from the ChatMessage instead, as each provider documents.
 */
export class TurnReplayCache<T> {
  private readonly entries = new Map<string, { ids: readonly string[]; value: T; at: number }>();

  constructor(
    private readonly options: { maxTurns: number; ttlMs: number; now?: () => number } = { maxTurns: 2_000, ttlMs: 3_600_000 },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Keeps `value` for the turn whose tool calls have these ids (in order). */
  remember(ids: readonly string[], value: T): void {
    if (ids.length === 0) return;
    const key = ids.join('\u0000');
    this.entries.delete(key);
    this.entries.set(key, { ids: [...ids], value, at: this.now() });
    // Map iteration order is insertion order: the first entries are the oldest.
    while (this.entries.size > this.options.maxTurns) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The value kept for exactly these tool-call ids, if it is still fresh. */
  recall(ids: readonly string[]): T | undefined {
    if (ids.length === 0) return undefined;
    const key = ids.join('\u0000');
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.options.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  get size(): number {
    return this.entries.size;
  }
}
