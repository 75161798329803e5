import { type EditorAction, LineEditor } from './line-editor';

const submitted = (actions: EditorAction[]) => actions.filter((a) => a.type === 'submit').map((a) => (a as { line: string }).line);

describe('the restricted shell\'s line editor', () => {
  it('inserts, moves and deletes like readline', () => {
    const editor = new LineEditor([], '$ ', 80);
    // ehco, left twice (eh|co), backspace (e|co), right (ec|o), h, end, " hi".
    expect(submitted(editor.feed('ehco\x1b[D\x1b[D\x7f\x1b[Ch\x05 hi\r'))).toEqual(['echo hi']);
    expect(submitted(editor.feed('ab\x02\x02X\x06\x06Y\r'))).toEqual(['XabY']);
    expect(submitted(editor.feed('abc def\x17xyz\r'))).toEqual(['abc xyz']);
    expect(submitted(editor.feed('abc\x01\x1b[3~\r'))).toEqual(['bc']);
    expect(submitted(editor.feed('abcdef\x01\x06\x06\x0b\r'))).toEqual(['ab']);
    expect(submitted(editor.feed('junk\x15ok\r'))).toEqual(['ok']);
    expect(submitted(editor.feed('x\x1b[H>\x1b[F<\r'))).toEqual(['>x<']);
  });

  it('recalls history with Up/Down and Ctrl-P/N, keeping the line being typed', () => {
    const history: string[] = [];
    const editor = new LineEditor(history, '$ ', 80);
    editor.feed('first\rsecond\r');
    expect(history).toEqual(['first', 'second']);
    expect(submitted(editor.feed('draft\x1b[A\x1b[A\r'))).toEqual(['first']);
    expect(submitted(editor.feed('draft\x10\x0e\r'))).toEqual(['draft']);
  });

  it('drops the line on Ctrl-C, ends on Ctrl-D only when the line is empty, and ignores other controls', () => {
    const editor = new LineEditor([], '$ ', 80);
    expect(editor.feed('rm\x03').map((a) => a.type)).toContain('interrupt');
    expect(editor.feed('ab\x04').map((a) => a.type)).not.toContain('eof');
    // The line is still "ab": Home, Ctrl-D deletes the a, the controls do nothing, xyz goes in at the cursor.
    expect(submitted(editor.feed('\x01\x04\t\x00\x1b\x1bxyz\x9b\r'))).toEqual(['xyzb']);
    expect(editor.feed('\x04').map((a) => a.type)).toEqual(['draw', 'eof']);
  });

  it('handles CRLF once and escape sequences split across reads', () => {
    const editor = new LineEditor([], '$ ', 80);
    expect(submitted(editor.feed('a\r\nb\r'))).toEqual(['a', 'b']);
    editor.feed('xy\x1b[');
    expect(submitted(editor.feed('Dz\r'))).toEqual(['xzy']);
  });

  it('scrolls a line wider than the window sideways instead of wrapping', () => {
    const editor = new LineEditor([], '$ ', 20);
    const actions = editor.feed('a'.repeat(40));
    const draw = actions.filter((a) => a.type === 'draw').pop() as { text: string };
    // eslint-disable-next-line no-control-regex -- strips the cursor movements from what is drawn
    const visible = draw.text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace('\r', '');
    expect(visible.length).toBeLessThan(20);
  });
});
