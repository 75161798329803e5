import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { parse as shellQuoteParse, quote } from 'shell-quote';
import { parseShellWords } from './shell-words';

const ok = (line: string) => {
  const r = parseShellWords(line);
  if (!r.ok) throw new Error(`${line}: refused by ${r.rule}`);
  return r.argv;
};
const rule = (line: string) => {
  const r = parseShellWords(line);
  return r.ok ? `accepted ${JSON.stringify(r.argv)}` : r.rule;
};

describe('parseShellWords', () => {
  it('splits and unquotes words as sh does', () => {
    expect(ok(`git log --format='%H %s' -n 3`)).toEqual(['git', 'log', '--format=%H %s', '-n', '3']);
    expect(ok(`echo "a \\"b\\" \\$c \\\\ \\x" 'd\\e' f\\ g`)).toEqual(['echo', 'a "b" $c \\ \\x', 'd\\e', 'f g']);
    expect(ok(`echo '' "" x`)).toEqual(['echo', '', '', 'x']);
    expect(ok(`echo a'b'"c"d`)).toEqual(['echo', 'abcd']);
    expect(ok(`  grep\t-n  x  `)).toEqual(['grep', '-n', 'x']);
    expect(ok(`git show HEAD@{1} HEAD~2 a=b $ a$ "$" 100%`)).toEqual(['git', 'show', 'HEAD@{1}', 'HEAD~2', 'a=b', '$', 'a$', '$', '100%']);
    expect(ok(`echo '*' "?" \\[ '{a,b}' '~' "a|b;c&d>e<f(g)"`)).toEqual(['echo', '*', '?', '[', '{a,b}', '~', 'a|b;c&d>e<f(g)']);
    expect(ok(`echo hi # a comment; rm -rf /`)).toEqual(['echo', 'hi']);
    expect(ok(`echo a#b`)).toEqual(['echo', 'a#b']);
    expect(ok('')).toEqual([]);
  });

  it('refuses every construct that would make a shell do more than split words, naming it', () => {
    expect(rule('a | b')).toBe('syntax.pipe');
    expect(rule('a || b')).toBe('syntax.chain');
    expect(rule('a && b')).toBe('syntax.chain');
    expect(rule('a; b')).toBe('syntax.chain');
    expect(rule('a & b')).toBe('syntax.background');
    expect(rule('a > f')).toBe('syntax.redirect');
    expect(rule('a 2>&1')).toBe('syntax.redirect');
    expect(rule('a < f')).toBe('syntax.redirect');
    expect(rule('a <(b)')).toBe('syntax.substitution');
    expect(rule('a $(b)')).toBe('syntax.substitution');
    expect(rule('a "$(b)"')).toBe('syntax.substitution');
    expect(rule('a `b`')).toBe('syntax.substitution');
    expect(rule('a "`b`"')).toBe('syntax.substitution');
    expect(rule('a $((1+2))')).toBe('syntax.substitution');
    expect(rule('a $HOME')).toBe('syntax.expansion');
    expect(rule('a "${HOME}"')).toBe('syntax.expansion');
    expect(rule('a $1 $@ $? $$')).toBe('syntax.expansion');
    expect(rule(`a $'\\x41'`)).toBe('syntax.expansion');
    expect(rule('(a)')).toBe('syntax.subshell');
    expect(rule('ls *.txt')).toBe('syntax.glob');
    expect(rule('ls a?')).toBe('syntax.glob');
    expect(rule('ls [ab]')).toBe('syntax.glob');
    expect(rule('echo {a,b}')).toBe('syntax.brace-expansion');
    expect(rule('echo {1..3}')).toBe('syntax.brace-expansion');
    expect(rule('cat ~/x')).toBe('syntax.tilde');
    expect(rule(`echo 'open`)).toBe('syntax.unterminated-quote');
    expect(rule(`echo "open`)).toBe('syntax.unterminated-quote');
    expect(rule('echo \\')).toBe('syntax.continuation');
    expect(rule('echo a\nrm -rf /')).toBe('syntax.control-character');
    expect(rule('echo \x1b[2J')).toBe('syntax.control-character');
    expect(rule('echo \u009b31m')).toBe('syntax.control-character');
    expect(rule('x'.repeat(9000))).toBe('syntax.too-long');
    expect(rule(`echo ${'a '.repeat(600)}`)).toBe('syntax.too-many-arguments');
  });

  // Lines of words, spaces and quotes only: here any POSIX parser must agree, so shell-quote is a fair oracle.
  it('agrees with shell-quote on lines without shell syntax', () => {
    const plain = fc.constantFrom(...'abcXYZ019-_=.,:/@%+'.split(''));
    const word = fc.oneof(
      fc.array(plain, { minLength: 1, maxLength: 6 }).map((cs) => cs.join('')),
      fc.array(fc.oneof(plain, fc.constantFrom(' ', '"', '$', '|', ';', '*', '\\')), { maxLength: 6 }).map((cs) => `'${cs.join('')}'`),
      fc.array(fc.oneof(plain, fc.constantFrom(' ', "'", '|', ';', '*')), { maxLength: 6 }).map((cs) => `"${cs.join('')}"`),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), fc.constantFrom(' ', '  ', '\t'), (words, gap) => {
        const line = words.join(gap);
        expect(ok(line)).toEqual(shellQuoteParse(line));
      }),
      { numRuns: 500 },
    );
  });

  // The property the gateway rests on: random lines full of metacharacters either are refused, or become argv that
  // re-quotes to the same words, and that a real program receives verbatim (spawned without a shell, as the gateway
  // does): nothing in them was ever expanded, substituted or run.
  it('never lets a metacharacter act: refused, or passed to the program verbatim', () => {
    const atom = fc.oneof(
      fc.constantFrom('echo', 'git', 'touch /tmp/dawg-pwned', '$HOME', '${X}', '$(id)', '`id`', '|', '||', '&&', ';', '&', '>', '<', '>>', '2>&1', '(', ')', '*', '?', '[a]', '{a,b}', '~', '#', '\\', "'", '"', '$', '!', '=', '\n', '\x1b', ' ', '\t', '-c', '--upload-pack=x', '../..', 'LD_PRELOAD=x'),
      fc.string({ maxLength: 4 }),
    );
    const accepted: string[][] = [];
    fc.assert(
      fc.property(fc.array(atom, { minLength: 1, maxLength: 12 }), (atoms) => {
        const line = atoms.join('');
        const result = parseShellWords(line);
        if (!result.ok) {
          expect(result.rule).toMatch(/^syntax\./);
          return;
        }
        // Round trip: the argv, quoted for a shell and parsed again, is the same argv.
        expect(ok(quote(result.argv))).toEqual(result.argv);
        if (result.argv.length) accepted.push(result.argv);
      }),
      { numRuns: 3000 },
    );
    expect(accepted.length).toBeGreaterThan(50);
    for (const argv of accepted.slice(0, 150)) {
      const printed = spawnSync('/usr/bin/printf', ['%s\\0', ...argv], { encoding: 'utf8' });
      expect(printed.stdout.split('\0').slice(0, -1)).toEqual(argv);
    }
  });
});
