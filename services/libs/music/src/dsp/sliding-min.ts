/**
 * Forward sliding-window minimum: out[i] = min(x[i .. i+width-1]), treating
 * samples past the end as `pad`. Van Herk / Gil-Werman: running minima
 * forwards and backwards within blocks of `width`, then one combining pass,
 * O(n) whatever the width, no queues and no allocation per sample.
 */
export function forwardWindowMin(x: Float32Array, width: number, pad: number, out: Float32Array = new Float32Array(x.length)): Float32Array {
  const n = x.length;
  const w = Math.max(1, Math.floor(width));
  const total = n + w;
  const prefix = new Float32Array(total);
  const suffix = new Float32Array(total);
  for (let blockStart = 0; blockStart < total; blockStart += w) {
    const blockEnd = Math.min(total, blockStart + w);
    let run = Infinity;
    for (let i = blockStart; i < blockEnd; i++) {
      const v = i < n ? x[i] : pad;
      if (v < run) run = v;
      prefix[i] = run;
    }
    run = Infinity;
    for (let i = blockEnd - 1; i >= blockStart; i--) {
      const v = i < n ? x[i] : pad;
      if (v < run) run = v;
      suffix[i] = run;
    }
  }
  combine(suffix, prefix, w, out, n);
  return out;
}

/**
 * A window [i, i+w-1] spans at most two blocks: the tail of i's block and the head of the next.
 * Its own function so V8 optimises it whole (not an on-stack replacement that then deoptimises).
 */
function combine(suffix: Float32Array, prefix: Float32Array, w: number, out: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const a = suffix[i];
    const b = prefix[i + w - 1];
    out[i] = a < b ? a : b;
  }
}
