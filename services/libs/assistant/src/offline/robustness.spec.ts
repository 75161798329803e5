import { createRandom } from '@dawg/music';
import { safeParseToolArguments } from '../tools';
import { offlineRespond } from './respond';
import { STUDIO_PROJECT } from './fixtures';

const WORDS = [
  'make', 'add', 'mute', 'solo', 'pan', 'left', 'the', 'a', 'drums', 'bass', 'vox', 'keys', 'track', 'tempo', 'bpm', '140', '-6', 'db',
  'key', 'F#', 'minor', 'Bb', 'dorian', 'beat', 'melody', 'chords', 'trap', 'dnb', 'lyrics', 'about', 'rain', 'and', ',', '?', 'bar', '17',
  'marker', 'chorus', 'rename', 'to', 'delete', 'mix', 'master', 'what', 'how', 'many', 'sharps', 'relative', 'ii-V-I', 'called', '"Lead"',
  'seed', '99999999999', '0', '1e9', '½', '🎹', 'DROP', 'TABLE', ';', 'ok', 'please', 'louder', 'by', '300', 'lufs', '-40', 'in',
];

describe('offline provider robustness', () => {
  it('never throws, and every call it makes passes its tool schema', () => {
    const rng = createRandom(20240501);
    for (let n = 0; n < 2000; n++) {
      const length = rng.int(0, 14);
      const text = Array.from({ length }, () => rng.pick(WORDS)).join(' ');
      for (const project of [STUDIO_PROJECT, undefined]) {
        const reply = offlineRespond({ messages: [{ role: 'user', content: text }], ...(project ? { project } : {}) });
        expect(typeof reply.text).toBe('string');
        expect(reply.text.length).toBeGreaterThan(0);
        for (const call of reply.toolCalls) {
          const parsed = safeParseToolArguments(call.name, call.arguments);
          if (!parsed.ok) throw new Error(`"${text}" produced an invalid call: ${parsed.error.message}`);
        }
      }
    }
  });

  it('handles empty, huge and odd messages', () => {
    for (const content of ['', '   ', '?!?', 'a'.repeat(20_000), 'mute the drums '.repeat(500), '\u0000\u202e', '"unterminated quote']) {
      const reply = offlineRespond({ messages: [{ role: 'user', content }], project: STUDIO_PROJECT });
      expect(typeof reply.text).toBe('string');
    }
  });

  it('makes each distinct call once and at most 16 calls per reply', () => {
    const repeated = offlineRespond({ messages: [{ role: 'user', content: 'mute the drums and '.repeat(50) }], project: STUDIO_PROJECT });
    expect(repeated.toolCalls).toEqual([{ name: 'update_track', arguments: { track: 'Drums', mute: true } }]);
    const many = offlineRespond({ messages: [{ role: 'user', content: 'add 8 synth tracks, add 8 pad tracks and add 8 guitar tracks' }], project: STUDIO_PROJECT });
    expect(many.toolCalls).toHaveLength(16);
    expect(many.text).toContain("I'll do the first 16");
  });

  it('tolerates malformed tool results', () => {
    const reply = offlineRespond({
      messages: [
        { role: 'user', content: 'mute the drums' },
        { role: 'assistant', content: '', toolCalls: [{ id: '1', name: 'update_track', arguments: { track: 'Drums', mute: true } }] },
        { role: 'tool', toolCallId: '1', name: 'update_track', content: 'not json' },
        { role: 'tool', toolCallId: 'unknown', name: 'set_tempo', content: 'null' },
      ],
      project: STUDIO_PROJECT,
    });
    expect(reply.toolCalls).toEqual([]);
    expect(reply.text).toContain('Drums is now muted.');
  });
});
