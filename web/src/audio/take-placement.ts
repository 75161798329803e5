/**
 * Where a recorded take goes on the timeline. A frame captured at context
 * time t was played along to what the musician heard at t − latency (the
 * output's delay to the ears plus the input's delay to the recorder), so
 * the take is shifted back by the latency; frames from before playback
 * started are skipped.
 */
export interface TakePlacement {
  startBeat: number;
  /** Seconds skipped at the start of the recording. */
  sourceOffsetSeconds: number;
  lengthBeats: number;
}

export function placeTake(take: { startTime: number; seconds: number }, playback: { fromBeat: number; startTime: number; bpm: number }, latencySeconds: number): TakePlacement | null {
  const spb = 60 / playback.bpm;
  // Seconds into the recording that line up with the playback's start.
  const skip = Math.max(0, playback.startTime + latencySeconds - take.startTime);
  const startBeat = playback.fromBeat + (take.startTime + skip - latencySeconds - playback.startTime) / spb;
  const lengthBeats = (take.seconds - skip) / spb;
  if (lengthBeats <= 0.01) return null;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return { startBeat: round(Math.max(0, startBeat)), sourceOffsetSeconds: round(skip), lengthBeats: round(lengthBeats) };
}
