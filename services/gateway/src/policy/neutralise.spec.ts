import { neutralise } from './neutralise';

describe('neutralise', () => {
  it('makes control characters, separators and bidirectional overrides visible, and doubles backslashes', () => {
    expect(neutralise('echo "\x1b]0;owned\x07"\nrm -rf / \\x41')).toBe('echo "\\x1b]0;owned\\x07"\\nrm -rf / \\\\x41');
    expect(neutralise('a\r\tb\x00c\x7fd\u0085e\u2028f\u202eg\u2066h')).toBe('a\\r\\tb\\x00c\\x7fd\\x85e\\u2028f\\u202eg\\u2066h');
    expect(neutralise('plain ascii and ünïcödé ♫')).toBe('plain ascii and ünïcödé ♫');
  });

  it('cannot be made to forge a line: no output contains a raw control character', () => {
    const all = Array.from({ length: 0x3000 }, (_, i) => String.fromCharCode(i)).join('');
    // eslint-disable-next-line no-control-regex
    expect(neutralise(all, 100_000)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  });

  it('cuts long text with a marker', () => {
    expect(neutralise('x'.repeat(20), 5)).toBe('xxxxx…(15 more characters)');
  });
});
