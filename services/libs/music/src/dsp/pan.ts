/**
 * Constant-power pan law: pan -1 (hard left) … 0 (centre) … +1 (hard right).
 * At the centre each channel gets cos(π/4) ≈ 0.7071 (-3 dB) and the total
 * power is the same at every position.
 */
export function panGains(pan: number): { left: number; right: number } {
  const p = Math.max(-1, Math.min(1, pan));
  const theta = ((p + 1) * Math.PI) / 4;
  return { left: Math.cos(theta), right: Math.sin(theta) };
}

/**
 * The 2×2 matrix that places a stereo source at `pan` with `gain`:
 * out = [ll·L + lr·R, rl·L + rr·R]. The mid (L+R)/2 is panned with the
 * constant-power law; the side (L−R)/2 gets the centre's -3 dB and narrows to
 * nothing at either extreme. So a mono source (L = R) follows the classic law
 * exactly, a centred stereo stem keeps its image at -3 dB, and hard left puts
 * everything in the left channel.
 */
export function stereoPanMatrix(pan: number, gain: number): { ll: number; lr: number; rl: number; rr: number } {
  const p = Math.max(-1, Math.min(1, pan));
  const { left, right } = panGains(p);
  const side = Math.SQRT1_2 * (1 - Math.abs(p));
  return {
    ll: (gain * (left + side)) / 2,
    lr: (gain * (left - side)) / 2,
    rl: (gain * (right - side)) / 2,
    rr: (gain * (right + side)) / 2,
  };
}
