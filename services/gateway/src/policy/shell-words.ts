/**
 * A strict POSIX shell-word parser (XCU 2.2 quoting, 2.3 token recognition):
 * a command line becomes argv exactly as `sh` would split and unquote it,
 * and every construct that would make a shell do more than that (pipes,
 * redirection, chaining, background jobs, subshells, parameter, command and
 * arithmetic expansion, globbing, brace and tilde expansion, line
 * continuation) is refused with the rule that names it. Nothing parsed here
 * ever reaches a shell: argv goes to spawn() as it is. Comments are the one
 * construct implemented, as a shell does: `#` starting a word ends the line.
 */

export type ShellWordsResult = { ok: true; argv: string[] } | { ok: false; rule: string; reason: string; at: number };

export const MAX_LINE_CHARS = 8192;
export const MAX_ARGS = 512;

// Controls a terminal or a log would act on; TAB is plain whitespace. C1 controls too (ESC in 8 bits).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
const NAME_START = /[A-Za-z_]/;
// What may follow `$` to start an expansion: a name, a special parameter, a digit, `{`, `(`, or bash's $'...' / $"...".
const EXPANSION_START = /[A-Za-z_0-9{(@*#?$!\-'"]/;

class Refusal {
  constructor(
    readonly rule: string,
    readonly reason: string,
    readonly at: number,
  ) {}
}

export function parseShellWords(line: string): ShellWordsResult {
  try {
    return { ok: true, argv: split(line) };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, rule: err.rule, reason: err.reason, at: err.at };
    throw err;
  }
}

function split(line: string): string[] {
  if (line.length > MAX_LINE_CHARS) throw new Refusal('syntax.too-long', `a command line may be at most ${MAX_LINE_CHARS} characters`, MAX_LINE_CHARS);
  const control = CONTROL.exec(line);
  if (control) {
    const code = control[0].charCodeAt(0);
    const what = code === 10 || code === 13 ? 'a line break: send one command per line' : `the control character \\x${code.toString(16).padStart(2, '0')}`;
    throw new Refusal('syntax.control-character', `the line contains ${what}`, control.index);
  }
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  const end = () => {
    if (!inWord) return;
    if (argv.length >= MAX_ARGS) throw new Refusal('syntax.too-many-arguments', `a command may have at most ${MAX_ARGS} arguments`, line.length);
    argv.push(word);
    word = '';
    inWord = false;
  };

  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const wordStart = !inWord;
    switch (c) {
      case ' ':
      case '\t':
        end();
        continue;
      case "'": {
        const close = line.indexOf("'", i + 1);
        if (close === -1) throw new Refusal('syntax.unterminated-quote', 'a single quote is never closed', i);
        word += line.slice(i + 1, close);
        inWord = true;
        i = close;
        continue;
      }
      case '"':
        i = doubleQuoted(line, i, (text) => (word += text));
        inWord = true;
        continue;
      case '\\':
        if (i + 1 >= line.length) throw new Refusal('syntax.continuation', 'a trailing backslash would continue the line', i);
        word += line[i + 1];
        inWord = true;
        i++;
        continue;
      case '$':
        if (i + 1 < line.length && EXPANSION_START.test(line[i + 1]!)) throw expansion(line, i);
        word += c;
        inWord = true;
        continue;
      case '`':
        throw new Refusal('syntax.substitution', 'command substitution (`...`) is not supported: nothing runs through a shell here', i);
      case '|':
        throw line[i + 1] === '|'
          ? new Refusal('syntax.chain', 'chaining commands (||) is not supported: run one command at a time', i)
          : new Refusal('syntax.pipe', 'pipes (|) are not supported: run one command at a time', i);
      case '&':
        throw line[i + 1] === '&'
          ? new Refusal('syntax.chain', 'chaining commands (&&) is not supported: run one command at a time', i)
          : new Refusal('syntax.background', 'background jobs (&) are not supported', i);
      case ';':
        throw new Refusal('syntax.chain', 'chaining commands (;) is not supported: run one command at a time', i);
      case '<':
      case '>':
        if (line[i + 1] === '(') throw new Refusal('syntax.substitution', `process substitution (${c}(...)) is not supported`, i);
        throw new Refusal('syntax.redirect', `redirection (${c}) is not supported: output comes back over SSH, and files are named as arguments`, i);
      case '(':
      case ')':
        throw new Refusal('syntax.subshell', 'subshells and grouping (( )) are not supported', i);
      case '*':
      case '?':
      case '[':
        throw new Refusal('syntax.glob', `globbing (${c}) is not supported: name files explicitly, or quote the pattern`, i);
      case '{':
        if (isBraceExpansion(line, i)) throw new Refusal('syntax.brace-expansion', 'brace expansion ({a,b}) is not supported', i);
        word += c;
        inWord = true;
        continue;
      case '~':
        if (wordStart) throw new Refusal('syntax.tilde', 'tilde expansion (~) is not supported: paths are relative to your workspace', i);
        word += c;
        inWord = true;
        continue;
      case '#':
        if (wordStart) {
          // A comment, as in sh: the rest of the line is ignored.
          i = line.length;
          continue;
        }
        word += c;
        inWord = true;
        continue;
      default:
        word += c;
        inWord = true;
    }
  }
  end();
  return argv;
}

/** Reads "..." starting at `open`; returns the index of the closing quote. Inside, `\` escapes only $ ` " \ (XCU 2.2.3). */
function doubleQuoted(line: string, open: number, add: (text: string) => void): number {
  for (let i = open + 1; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') return i;
    if (c === '\\') {
      const next = line[i + 1];
      if (next === undefined) break;
      if (next === '$' || next === '`' || next === '"' || next === '\\') {
        add(next);
        i++;
      } else {
        add(c);
      }
      continue;
    }
    if (c === '`') throw new Refusal('syntax.substitution', 'command substitution (`...`) is not supported: nothing runs through a shell here', i);
    // $'...' and $"..." mean nothing special inside double quotes.
    if (c === '$' && i + 1 < line.length && EXPANSION_START.test(line[i + 1]!) && line[i + 1] !== '"' && line[i + 1] !== "'") throw expansion(line, i);
    add(c);
  }
  throw new Refusal('syntax.unterminated-quote', 'a double quote is never closed', open);
}

function expansion(line: string, at: number): Refusal {
  const next = line[at + 1]!;
  if (next === '(') {
    return line[at + 2] === '('
      ? new Refusal('syntax.substitution', 'arithmetic expansion ($((...))) is not supported', at)
      : new Refusal('syntax.substitution', 'command substitution ($(...)) is not supported: nothing runs through a shell here', at);
  }
  if (next === "'" || next === '"') return new Refusal('syntax.expansion', `${next === "'" ? "ANSI-C quoting ($'...')" : 'locale quoting ($"...")'} is not supported`, at);
  const name = next === '{' ? (/^\{([^}]*)\}?/.exec(line.slice(at + 1))?.[1] ?? '') : NAME_START.test(next) ? /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(at + 1))![0] : next;
  return new Refusal('syntax.expansion', `variable expansion ($${next === '{' ? `{${name}}` : name}) is not supported: the environment is fixed by the gateway`, at);
}

/** `{a,b}` or `{1..3}` unquoted within one word: what bash would expand. `HEAD@{1}` is not. */
function isBraceExpansion(line: string, open: number): boolean {
  let depth = 0;
  let separated = false;
  for (let i = open; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === "'" || c === '"') return false;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return separated;
    } else if (depth === 1 && (c === ',' || (c === '.' && line[i + 1] === '.'))) separated = true;
  }
  return false;
}
