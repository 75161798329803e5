/**
 * The files a closed voice session leaves in object storage, built from what
 * was recorded. Pure: parts and cues in, bytes out.
 */

/** A stretch of one participant's audio: `offset` samples after the session started, at the participant's rate. */
export interface AudioPart {
  offset: number;
  samples: Float32Array;
}

export interface Cue {
  start: number;
  end: number;
  text: string;
}

/** One participant's track: every part at its place, silence elsewhere, `seconds` long in all. */
export function assembleTrack(parts: readonly AudioPart[], sampleRate: number, seconds: number): Float32Array {
  const track = new Float32Array(Math.round(seconds * sampleRate));
  for (const part of parts) {
    const room = Math.max(0, Math.min(part.samples.length, track.length - part.offset));
    if (part.offset >= 0) track.set(part.samples.subarray(0, room), part.offset);
  }
  return track;
}

/** `HH:MM:SS.mmm`, as WebVTT timestamps are written. */
export function vttTime(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}

/** WebVTT captions of one speaker: each cue voiced by them (`<v Name>`); text can never end the cue block early. */
export function webVtt(speaker: string, cues: readonly Cue[]): string {
  const voice = speaker.replace(/[<>&\n\r]/g, ' ').trim() || 'Speaker';
  const blocks = cues.map((cue, i) => {
    // A blank line or "-->" inside a cue's text would end or corrupt it.
    const text = cue.text.replace(/-->/g, '→').replace(/\r?\n\s*\r?\n/g, '\n').replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
    return `${i + 1}\n${vttTime(cue.start)} --> ${vttTime(Math.max(cue.end, cue.start + 0.001))}\n<v ${voice}>${text}`;
  });
  return `WEBVTT\n\n${blocks.join('\n\n')}${blocks.length ? '\n' : ''}`;
}

/** JSON Lines: one event a line, in order. */
export function jsonLines(events: readonly object[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '');
}

/**
 * The caption of a sung (or spoken) stretch without a transcript: the notes
 * it held, in order, repeats folded ("♪ A3 C4 E4").
 */
export function notesCaption(notes: readonly string[], max = 12): string {
  const folded: string[] = [];
  for (const note of notes) if (folded.at(-1) !== note) folded.push(note);
  const shown = folded.slice(0, max);
  return `♪ ${shown.join(' ')}${folded.length > max ? ' …' : ''}`;
}
