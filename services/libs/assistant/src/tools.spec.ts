import { BAR_COUNTS, GENRE_IDS, LYRIC_MOODS, SCALE_NAMES, TONIC_NAMES } from '@dawg/music';
import { MARKER_KINDS, parseToolArguments, safeParseToolArguments, ToolArgumentsError, toolDefinitions, TOOL_NAMES } from './tools';

type Schema = { type?: string; properties?: Record<string, Schema>; required?: string[]; enum?: unknown[]; items?: Schema; additionalProperties?: unknown; $schema?: string };

const byName = new Map(toolDefinitions().map((def) => [def.name, def]));
const props = (name: string) => (byName.get(name)!.parameters as Schema).properties!;

describe('tool definitions', () => {
  it('declares the fixed set of DAW tools, each with an LLM-facing description', () => {
    expect(TOOL_NAMES).toEqual([
      'get_project_state', 'create_track', 'rename_track', 'delete_track', 'update_track', 'set_tempo', 'set_key', 'add_marker',
      'generate_beat', 'generate_melody', 'generate_chords', 'generate_arrangement', 'generate_lyrics', 'mix_and_master', 'master',
    ]);
    for (const def of toolDefinitions()) expect(def.description.length).toBeGreaterThan(20);
  });

  it('gives every tool a plain JSON Schema object schema: no $schema, no unknown properties, required fields declared', () => {
    for (const def of toolDefinitions()) {
      const schema = def.parameters as Schema;
      expect(schema.type).toBe('object');
      expect(schema.$schema).toBeUndefined();
      expect(JSON.stringify(schema)).not.toMatch(/"(pattern|format)":/);
      expect(schema.additionalProperties).toBe(false);
      expect(typeof schema.properties).toBe('object');
      for (const field of schema.required ?? []) expect(schema.properties).toHaveProperty(field);
      // Survives a JSON round trip unchanged: nothing a vendor's API could not carry.
      expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    }
    expect((byName.get('get_project_state')!.parameters as Schema).properties).toEqual({});
  });

  it('uses the music engine\'s own lists for keys, scales, genres, bars and moods', () => {
    expect(props('set_key').tonic!.enum).toEqual([...TONIC_NAMES]);
    expect(props('set_key').scale!.enum).toEqual([...SCALE_NAMES]);
    for (const name of ['generate_beat', 'generate_melody', 'generate_chords', 'generate_arrangement']) {
      expect(props(name).genre!.enum).toEqual([...GENRE_IDS]);
      expect(props(name).key!.enum).toEqual([...TONIC_NAMES]);
      expect(props(name).scale!.enum).toEqual([...SCALE_NAMES]);
      expect(props(name).bars!.enum).toEqual([...BAR_COUNTS]);
      expect((byName.get(name)!.parameters as Schema).required).toEqual(['genre', 'bpm', 'bars', 'key']);
    }
    expect(GENRE_IDS).toHaveLength(13);
    expect(props('generate_lyrics').mood!.enum).toEqual([...LYRIC_MOODS]);
    expect(props('add_marker').kind!.enum).toEqual([...MARKER_KINDS]);
    expect(MARKER_KINDS).toEqual(expect.arrayContaining(['intro', 'verse', 'pre-chorus', 'chorus', 'bridge', 'breakdown', 'outro', 'custom']));
  });
});

describe('parseToolArguments', () => {
  it('returns typed arguments, trimmed, for a valid call', () => {
    expect(parseToolArguments('create_track', { name: '  Lead Vox ', kind: 'audio' })).toEqual({ name: 'Lead Vox', kind: 'audio' });
    expect(parseToolArguments('set_tempo', '{"bpm": 92}')).toEqual({ bpm: 92 });
    expect(parseToolArguments('get_project_state', undefined)).toEqual({});
    const beat = parseToolArguments('generate_beat', { genre: 'trap', bpm: 140, bars: 8, key: 'F', scale: 'minor' });
    expect(beat.genre).toBe('trap');
  });

  it('rejects bad arguments with a message naming the tool and each bad field', () => {
    expect(() => parseToolArguments('set_tempo', { bpm: 400 })).toThrow(ToolArgumentsError);
    expect(() => parseToolArguments('set_tempo', { bpm: 400 })).toThrow(/^Invalid arguments for set_tempo: bpm: .*300/);
    const result = safeParseToolArguments('generate_beat', { genre: 'polka', bpm: 140, bars: 7, key: 'H' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_TOOL_ARGUMENTS');
      expect(result.error.issues.map((issue) => issue.path).sort()).toEqual(['bars', 'genre', 'key']);
      expect(result.error.message).toMatch(/generate_beat: .*genre/);
    }
    expect(() => parseToolArguments('update_track', { track: 'Drums' })).toThrow('give at least one of mute, solo, volumeDb, pan');
    expect(() => parseToolArguments('update_track', { track: 'Drums', volumeDb: -80 })).toThrow(/volumeDb/);
    expect(() => parseToolArguments('update_track', { track: 'Drums', pan: 2 })).toThrow(/pan/);
    expect(() => parseToolArguments('create_track', { name: 'X', kind: 'video' })).toThrow(/kind/);
    expect(() => parseToolArguments('create_track', { name: 'X', kind: 'audio', colour: 'red' })).toThrow(/colour/);
    expect(() => parseToolArguments('add_marker', { name: 'Chorus', bar: 0 })).toThrow(/bar/);
    expect(() => parseToolArguments('generate_lyrics', { mood: 'sad', genre: 'trap', topic: 'rain; DROP TABLE' })).toThrow(/topic: letters, digits/);
    expect(() => parseToolArguments('master', { sourceJobId: 'not-a-job' })).toThrow(/sourceJobId/);
    expect(() => parseToolArguments('master', { targetLufs: -14 })).toThrow(/sourceJobId/);
    expect(() => parseToolArguments('set_tempo', '{bpm')).toThrow('Invalid arguments for set_tempo: arguments are not valid JSON.');
    expect(() => parseToolArguments('set_tempo', [92])).toThrow('arguments must be a JSON object');
  });

  it('refuses an unknown tool, listing the real ones', () => {
    try {
      parseToolArguments('play', {});
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ToolArgumentsError);
      expect((error as ToolArgumentsError).code).toBe('UNKNOWN_TOOL');
      expect((error as Error).message).toContain('Available tools: get_project_state, create_track');
    }
  });
});
