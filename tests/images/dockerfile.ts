/**
 * A small Dockerfile parser and a .dockerignore matcher, for checking our
 * Dockerfiles where no Docker engine runs. They follow the Dockerfile
 * reference: parser directives (`# syntax=`, `# escape=`), comments, line
 * continuations with the escape character, flags (`--from=`, `--mount=`), exec
 * (JSON) and shell forms, `key=value` pairs with quotes, and global ARGs
 * substituted into FROM. Heredocs (`RUN <<EOF`) are refused rather than
 * misread.
 */

export interface Instruction {
  /** Upper-case keyword: FROM, RUN, COPY, ... */
  keyword: string;
  /** Leading `--name=value` flags (a bare `--name` is "true"). */
  flags: Record<string, string>;
  /** The arguments after the flags, continuations joined. */
  args: string;
  /** The exec form's array, when the arguments are one (CMD ["node", "x"]). */
  exec?: string[];
  /** Line (1-based) where the instruction starts. */
  line: number;
}

export interface Stage {
  index: number;
  name?: string;
  /** The image or earlier stage named by FROM, global ARGs substituted. */
  base: string;
  from: Instruction;
  instructions: Instruction[];
}

export interface Dockerfile {
  directives: Record<string, string>;
  /** ARGs before the first FROM. */
  globalArgs: Record<string, string | undefined>;
  stages: Stage[];
}

const FLAGGED = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);
const EXEC_FORM = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'COPY', 'ADD', 'VOLUME']);
const KNOWN = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

export function parseDockerfile(text: string): Dockerfile {
  const lines = text.split(/\r?\n/);
  const directives: Record<string, string> = {};

  // Parser directives come first, before any blank line, comment or instruction.
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^#\s*([A-Za-z][\w-]*)\s*=\s*(.*?)\s*$/.exec(lines[i]!);
    if (!m || !['syntax', 'escape', 'check'].includes(m[1]!.toLowerCase())) break;
    directives[m[1]!.toLowerCase()] = m[2]!;
  }
  const escape = directives.escape ?? '\\';
  if (escape !== '\\' && escape !== '`') throw new Error(`invalid escape directive: ${escape}`);

  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    const trimmed = raw.trim();
    // Comment lines and blank lines are dropped, also in the middle of a continuation.
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const body = raw.replace(/\s+$/, '');
    const continues = body.endsWith(escape);
    const piece = continues ? body.slice(0, -1) : body;
    pending = pending ? { text: pending.text + piece, line: pending.line } : { text: piece.replace(/^\s+/, ''), line: i + 1 };
    if (continues) continue;
    instructions.push(parseInstruction(pending.text, pending.line));
    pending = undefined;
  }
  if (pending) instructions.push(parseInstruction(pending.text, pending.line));

  const globalArgs: Record<string, string | undefined> = {};
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const words = splitWords(ins.args, escape);
      const as = words.length === 3 && words[1]!.toUpperCase() === 'AS' ? words[2] : undefined;
      if (!(words.length === 1 || as)) throw new Error(`line ${ins.line}: FROM image [AS name], got "${ins.args}"`);
      stages.push({ index: stages.length, name: as?.toLowerCase(), base: substitute(words[0]!, globalArgs), from: ins, instructions: [] });
    } else if (stages.length === 0) {
      if (ins.keyword !== 'ARG') throw new Error(`line ${ins.line}: only ARG may come before the first FROM`);
      Object.assign(globalArgs, parseArg(ins.args, escape));
    } else {
      stages.at(-1)!.instructions.push(ins);
    }
  }
  if (stages.length === 0) throw new Error('no FROM instruction');
  return { directives, globalArgs, stages };

  function parseInstruction(textLine: string, line: number): Instruction {
    const m = /^(\S+)\s*([\s\S]*)$/.exec(textLine)!;
    const keyword = m[1]!.toUpperCase();
    if (!KNOWN.has(keyword)) throw new Error(`line ${line}: unknown instruction ${m[1]}`);
    let args = m[2]!.trim();
    const flags: Record<string, string> = {};
    if (FLAGGED.has(keyword)) {
      for (let f = /^--([\w-]+)(?:=(\S*))?\s*/.exec(args); f; f = /^--([\w-]+)(?:=(\S*))?\s*/.exec(args)) {
        flags[f[1]!] = f[2] ?? 'true';
        args = args.slice(f[0].length);
      }
    }
    if (['RUN', 'COPY', 'ADD'].includes(keyword) && /<<-?\s*["']?[A-Za-z_]\w*/.test(args)) {
      throw new Error(`line ${line}: heredocs are not supported by this parser`);
    }
    const exec = EXEC_FORM.has(keyword) ? execForm(args) : undefined;
    return { keyword, flags, args, exec, line };
  }
}

/** `["a", "b"]` as an array, or undefined for the shell form (as Docker falls back on invalid JSON). */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(args);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Words as Docker splits ENV, LABEL, ARG and FROM arguments: whitespace
 * separates; double quotes (with escapes) and single quotes group.
 */
export function splitWords(text: string, escape = '\\'): string[] {
  const words: string[] = [];
  let word = '';
  let started = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (c === escape && i + 1 < text.length && (quote !== '"' || ['"', escape, '$'].includes(text[i + 1]!))) {
      word += text[++i];
      started = true;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (/\s/.test(c)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += c;
      started = true;
    }
  }
  if (quote) throw new Error(`unterminated quote in: ${text}`);
  if (started) words.push(word);
  return words;
}

/** ENV and LABEL pairs: `k=v k2="v 2"`, or the legacy `ENV key rest of value`. */
export function parsePairs(args: string, escape = '\\'): Record<string, string> {
  const words = splitWords(args, escape);
  if (words.length > 0 && !words[0]!.includes('=')) {
    return { [words[0]!]: args.trim().slice(args.trim().indexOf(' ') + 1).trim() };
  }
  const pairs: Record<string, string> = {};
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq <= 0) throw new Error(`expected key=value, got "${w}"`);
    pairs[w.slice(0, eq)] = w.slice(eq + 1);
  }
  return pairs;
}

/** `ARG name` or `ARG name=default` (several allowed). */
export function parseArg(args: string, escape = '\\'): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const w of splitWords(args, escape)) {
    const eq = w.indexOf('=');
    if (eq < 0) out[w] = undefined;
    else out[w.slice(0, eq)] = w.slice(eq + 1);
  }
  return out;
}

/** `$NAME`, `${NAME}` and `${NAME:-default}` from the given values; unknown names stay as written. */
export function substitute(text: string, values: Record<string, string | undefined>): string {
  return text.replace(/\$\{([A-Za-z_]\w*)(?::-([^}]*))?\}|\$([A-Za-z_]\w*)/g, (whole, braced?: string, fallback?: string, bare?: string) => {
    const value = values[(braced ?? bare)!];
    if (value !== undefined && value !== '') return value;
    return fallback ?? whole;
  });
}

/** An image reference split as Docker reads it: [registry/]repository[:tag][@digest]. */
export function parseImageRef(ref: string): { repository: string; tag?: string; digest?: string } {
  const [name, digest] = ref.split('@') as [string, string | undefined];
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const hasTag = colon > slash;
  return { repository: hasTag ? name.slice(0, colon) : name, tag: hasTag ? name.slice(colon + 1) : undefined, digest };
}

/** The stage a name or index refers to (COPY --from=build, FROM build). */
export function findStage(df: Dockerfile, ref: string): Stage | undefined {
  return /^\d+$/.test(ref) ? df.stages[Number(ref)] : df.stages.find((s) => s.name === ref.toLowerCase());
}

/**
 * .dockerignore semantics (moby/patternmatcher): one pattern a line, `#`
 * comments, a leading `!` re-includes, a leading `/` is dropped, `**` spans
 * directories, `*` and `?` stay within one path segment, and a pattern that
 * matches a directory excludes everything under it. The last matching pattern
 * decides.
 */
export class DockerIgnore {
  private readonly patterns: Array<{ negate: boolean; re: RegExp }>;

  constructor(text: string) {
    this.patterns = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => {
        const negate = l.startsWith('!');
        const pattern = cleanPath(negate ? l.slice(1).trim() : l);
        return { negate, re: globToRegExp(pattern) };
      });
  }

  /** Whether a path relative to the context root (with `/`) is left out of the context. */
  excludes(path: string): boolean {
    const clean = cleanPath(path);
    const parents = clean.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const { negate, re } of this.patterns) {
      if (parents.some((p) => re.test(p))) excluded = !negate;
    }
    return excluded;
  }

  /** Whether any pattern re-includes something, so an excluded folder must still be walked. */
  get hasExceptions(): boolean {
    return this.patterns.some((p) => p.negate);
  }
}

function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      i++;
      if (pattern[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else {
        re += '.*';
      }
    } else if (c === '*') {
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) throw new Error(`unterminated [ in .dockerignore pattern ${pattern}`);
      const body = pattern.slice(i + 1, end);
      re += `[${body.startsWith('!') || body.startsWith('^') ? `^${body.slice(1)}` : body}]`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += escapeRegExp(pattern[++i]!);
    } else {
      re += escapeRegExp(c);
    }
  }
  return new RegExp(`^${re}$`);
}

function escapeRegExp(c: string): string {
  return /[.+^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c;
}
