/**
 * Makes untrusted text safe to store and show: control characters (C0, DEL,
 * C1), line and paragraph separators and bidirectional overrides become
 * visible escapes (`\n`, `\x1b`, `\u202e`), and a backslash is doubled, so
 * a stored line can never forge another log line, move a terminal's cursor
 * or reorder what an admin reads. Long text is cut with a marker.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const SHORT: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function neutralise(text: string, maxChars = 8192): string {
  const cut = text.length > maxChars ? text.slice(0, maxChars) : text;
  const safe = cut.replace(UNSAFE, (c) => {
    const short = SHORT[c];
    if (short) return short;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return cut === text ? safe : `${safe}…(${text.length - maxChars} more characters)`;
}
