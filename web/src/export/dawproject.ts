/**
 * DAWproject (the open interchange format of Bitwig and PreSonus, read by
 * several DAWs): a ZIP with project.xml, metadata.xml and the audio files.
 * This covers what DAWG AI's model has: tempo and time signature, audio and
 * instrument tracks with volume, pan and mute, audio clips (with offset and
 * fades) and note clips on a beat timeline, and markers. Clip gain has no
 * place in the format and is left out.
 */

export interface DawprojectTrack {
  id: string;
  name: string;
  kind: 'audio' | 'midi';
  color: string;
  volumeDb: number;
  pan: number;
  mute: boolean;
  solo: boolean;
}

export interface DawprojectClip {
  trackId: string;
  name: string;
  startBeat: number;
  lengthBeats: number;
  sourceOffsetSeconds: number;
  fadeInSeconds: number;
  fadeOutSeconds: number;
  /** Path of the recording inside the archive, for audio clips. */
  audioPath: string | null;
  audioSeconds: number | null;
  notes: Array<{ pitch: number; startBeat: number; lengthBeats: number; velocity: number }> | null;
}

export interface DawprojectModel {
  name: string;
  bpm: number;
  timeSignature: { numerator: number; denominator: number };
  tracks: DawprojectTrack[];
  clips: DawprojectClip[];
  markers: Array<{ name: string; beat: number; color: string }>;
}

const esc = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (value: number): string => String(Math.round(value * 1e6) / 1e6);
const dbToLinear = (db: number): number => (db <= -96 ? 0 : 10 ** (db / 20));
const linearToDb = (gain: number): number => (gain <= 0 ? -96 : Math.max(-96, Math.min(12, 20 * Math.log10(gain))));

/** project.xml for the model. */
export function projectXml(model: DawprojectModel, application = { name: 'DAWG AI', version: '0.1.0' }): string {
  let next = 0;
  const id = () => `id${next++}`;
  const masterChannel = id();
  const trackIds = new Map(model.tracks.map((t) => [t.id, id()]));
  const lines: string[] = [];
  lines.push('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>');
  lines.push('<Project version="1.0">');
  lines.push(`  <Application name="${esc(application.name)}" version="${esc(application.version)}"/>`);
  lines.push('  <Transport>');
  lines.push(`    <Tempo unit="bpm" value="${num(model.bpm)}" id="${id()}" name="Tempo"/>`);
  lines.push(`    <TimeSignature numerator="${model.timeSignature.numerator}" denominator="${model.timeSignature.denominator}" id="${id()}"/>`);
  lines.push('  </Transport>');
  lines.push('  <Structure>');
  for (const track of model.tracks) {
    lines.push(`    <Track contentType="${track.kind === 'audio' ? 'audio' : 'notes'}" loaded="true" id="${trackIds.get(track.id)}" name="${esc(track.name)}" color="${esc(track.color)}">`);
    lines.push(`      <Channel audioChannels="2" destination="${masterChannel}" role="regular" solo="${track.solo}" id="${id()}">`);
    lines.push(`        <Mute value="${track.mute}" id="${id()}" name="Mute"/>`);
    lines.push(`        <Pan max="1" min="0" unit="normalized" value="${num((track.pan + 1) / 2)}" id="${id()}" name="Pan"/>`);
    lines.push(`        <Volume max="2" min="0" unit="linear" value="${num(dbToLinear(track.volumeDb))}" id="${id()}" name="Volume"/>`);
    lines.push('      </Channel>');
    lines.push('    </Track>');
  }
  lines.push(`    <Track contentType="audio notes" loaded="true" id="${id()}" name="Master">`);
  lines.push(`      <Channel audioChannels="2" role="master" solo="false" id="${masterChannel}">`);
  lines.push(`        <Volume max="2" min="0" unit="linear" value="1" id="${id()}" name="Volume"/>`);
  lines.push('      </Channel>');
  lines.push('    </Track>');
  lines.push('  </Structure>');
  lines.push(`  <Arrangement id="${id()}">`);
  lines.push(`    <Lanes timeUnit="beats" id="${id()}">`);
  for (const track of model.tracks) {
    const clips = model.clips.filter((c) => c.trackId === track.id);
    lines.push(`      <Lanes track="${trackIds.get(track.id)}" id="${id()}">`);
    lines.push(`        <Clips id="${id()}">`);
    for (const clip of clips) {
      const common = `time="${num(clip.startBeat)}" duration="${num(clip.lengthBeats)}" name="${esc(clip.name)}"`;
      if (clip.audioPath) {
        const fades = `fadeTimeUnit="seconds" fadeInTime="${num(clip.fadeInSeconds)}" fadeOutTime="${num(clip.fadeOutSeconds)}"`;
        lines.push(`          <Clip ${common} contentTimeUnit="seconds" playStart="${num(clip.sourceOffsetSeconds)}" ${fades}>`);
        lines.push(`            <Audio algorithm="raw" channels="2" duration="${num(clip.audioSeconds ?? 0)}" sampleRate="44100" id="${id()}">`);
        lines.push(`              <File path="${esc(clip.audioPath)}"/>`);
        lines.push('            </Audio>');
        lines.push('          </Clip>');
      } else {
        lines.push(`          <Clip ${common} contentTimeUnit="beats" playStart="0">`);
        lines.push(`            <Notes id="${id()}">`);
        for (const n of clip.notes ?? []) {
          lines.push(`              <Note time="${num(n.startBeat)}" duration="${num(n.lengthBeats)}" channel="0" key="${n.pitch}" vel="${num(n.velocity / 127)}" rel="0.5"/>`);
        }
        lines.push('            </Notes>');
        lines.push('          </Clip>');
      }
    }
    lines.push('        </Clips>');
    lines.push('      </Lanes>');
  }
  lines.push('    </Lanes>');
  lines.push(`    <Markers id="${id()}">`);
  for (const marker of model.markers) lines.push(`      <Marker time="${num(marker.beat)}" name="${esc(marker.name)}" color="${esc(marker.color)}"/>`);
  lines.push('    </Markers>');
  lines.push('  </Arrangement>');
  lines.push('</Project>');
  return `${lines.join('\n')}\n`;
}

export function metadataXml(title: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<MetaData>\n  <Title>${esc(title)}</Title>\n</MetaData>\n`;
}

export class DawprojectError extends Error {}

/**
 * Reads project.xml back into the model (from DAWG AI or another DAW):
 * tracks with audio or notes content, their clips on beat-timed lanes
 * (nested lanes and clip groups flattened), markers. Unknown content is
 * skipped rather than refused, as the format allows much more than we hold.
 */
export function parseProjectXml(xml: string, parser: DOMParser = new DOMParser()): DawprojectModel {
  const doc = parser.parseFromString(xml, 'application/xml');
  const root = doc.documentElement;
  if (!root || root.nodeName !== 'Project' || doc.getElementsByTagName('parsererror').length) throw new DawprojectError('project.xml is not a DAWproject document.');
  const attr = (el: Element | null | undefined, name: string, fallback = '') => el?.getAttribute(name) ?? fallback;
  const number = (el: Element | null | undefined, name: string, fallback = 0) => {
    const value = Number(attr(el, name, ''));
    return Number.isFinite(value) && attr(el, name, '') !== '' ? value : fallback;
  };
  const children = (el: Element, name: string) => [...el.children].filter((c) => c.nodeName === name);
  const first = (el: Element | null | undefined, name: string) => (el ? (children(el, name)[0] ?? null) : null);

  const transport = first(root, 'Transport');
  const bpm = number(first(transport, 'Tempo'), 'value', 120);
  const tsEl = first(transport, 'TimeSignature');
  const timeSignature = { numerator: number(tsEl, 'numerator', 4), denominator: number(tsEl, 'denominator', 4) };

  const tracks: DawprojectTrack[] = [];
  const collectTracks = (el: Element) => {
    for (const track of children(el, 'Track')) {
      const content = attr(track, 'contentType');
      const channel = first(track, 'Channel');
      if (attr(channel, 'role') !== 'master' && /audio|notes/.test(content)) {
        const pan = first(channel, 'Pan');
        const volume = first(channel, 'Volume');
        const panValue = attr(pan, 'unit') === 'normalized' || !pan ? number(pan, 'value', 0.5) * 2 - 1 : number(pan, 'value', 0);
        const volumeValue = attr(volume, 'unit') === 'decibel' ? number(volume, 'value', 0) : linearToDb(number(volume, 'value', 1));
        tracks.push({
          id: attr(track, 'id'),
          name: attr(track, 'name', 'Track') || 'Track',
          kind: content.includes('notes') && !content.startsWith('audio') ? 'midi' : 'audio',
          color: /^#[0-9a-f]{6}$/i.test(attr(track, 'color')) ? attr(track, 'color') : '#40a9ff',
          volumeDb: Math.round(volumeValue * 10) / 10,
          pan: Math.max(-1, Math.min(1, Math.round(panValue * 100) / 100)),
          mute: attr(first(channel, 'Mute'), 'value') === 'true',
          solo: attr(channel, 'solo') === 'true',
        });
      }
      collectTracks(track);
    }
  };
  const structure = first(root, 'Structure');
  if (structure) collectTracks(structure);

  const clips: DawprojectClip[] = [];
  const markers: DawprojectModel['markers'] = [];
  const trackIds = new Set(tracks.map((t) => t.id));
  const bps = bpm / 60;
  const walkLanes = (el: Element, trackId: string | null, unit: string) => {
    for (const child of [...el.children]) {
      if (child.nodeName === 'Lanes') walkLanes(child, attr(child, 'track') || trackId, attr(child, 'timeUnit') || unit);
      else if (child.nodeName === 'Clips' && trackId && trackIds.has(trackId)) {
        for (const clip of children(child, 'Clip')) {
          const toBeats = (v: number) => (unit === 'seconds' ? v * bps : v);
          const audio = clip.getElementsByTagName('Audio')[0];
          const notes = clip.getElementsByTagName('Notes')[0];
          const fadeToSeconds = (v: number) => (attr(clip, 'fadeTimeUnit', 'beats') === 'seconds' ? v : v / bps);
          const contentSeconds = attr(clip, 'contentTimeUnit', unit) === 'seconds';
          const base = { trackId, name: attr(clip, 'name'), startBeat: toBeats(number(clip, 'time')), lengthBeats: toBeats(number(clip, 'duration')) };
          if (audio) {
            const path = attr(audio.getElementsByTagName('File')[0], 'path');
            if (!path) continue;
            clips.push({
              ...base,
              sourceOffsetSeconds: contentSeconds ? number(clip, 'playStart') : number(clip, 'playStart') / bps,
              fadeInSeconds: fadeToSeconds(number(clip, 'fadeInTime')),
              fadeOutSeconds: fadeToSeconds(number(clip, 'fadeOutTime')),
              audioPath: path,
              audioSeconds: number(audio, 'duration', 0) || null,
              notes: null,
            });
          } else if (notes) {
            const offset = contentSeconds ? number(clip, 'playStart') * bps : number(clip, 'playStart');
            clips.push({
              ...base,
              sourceOffsetSeconds: 0,
              fadeInSeconds: 0,
              fadeOutSeconds: 0,
              audioPath: null,
              audioSeconds: null,
              notes: [...notes.getElementsByTagName('Note')]
                .map((n) => ({
                  pitch: Math.round(number(n, 'key', 60)),
                  startBeat: (contentSeconds ? number(n, 'time') * bps : number(n, 'time')) - offset,
                  lengthBeats: contentSeconds ? number(n, 'duration') * bps : number(n, 'duration'),
                  velocity: Math.max(1, Math.min(127, Math.round(number(n, 'vel', 0.8) * 127))),
                }))
                .filter((n) => n.startBeat >= 0 && n.lengthBeats > 0 && n.pitch >= 0 && n.pitch <= 127),
            });
          }
        }
      } else if (child.nodeName === 'Markers') {
        for (const marker of children(child, 'Marker')) {
          const time = number(marker, 'time');
          markers.push({ name: attr(marker, 'name', 'Marker') || 'Marker', beat: unit === 'seconds' ? time * bps : time, color: /^#[0-9a-f]{6}$/i.test(attr(marker, 'color')) ? attr(marker, 'color') : '#ffc53d' });
        }
      }
    }
  };
  const arrangement = first(root, 'Arrangement');
  if (arrangement) walkLanes(arrangement, null, 'beats');
  return { name: '', bpm, timeSignature, tracks, clips, markers };
}

/** The title in metadata.xml, if any. */
export function parseMetadataTitle(xml: string, parser: DOMParser = new DOMParser()): string | null {
  const doc = parser.parseFromString(xml, 'application/xml');
  return doc.getElementsByTagName('Title')[0]?.textContent?.trim() || null;
}
