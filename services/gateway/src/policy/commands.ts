import type { OptionSpec, OptionTable } from './options';

/**
 * The base allowlist: git, ps, top, df, free, ls, cat, grep, pwd, echo, vim
 * and nano, each with the options it may take (everything else is refused,
 * known escapes with a rule of their own) and what its operands are.
 */
export interface CommandSpec {
  name: string;
  binaries: readonly string[];
  options: OptionTable;
  /**
   * What the operands are: paths to read or write (checked against the
   * workspace), free text (echo), none; `leadingText` operands come first
   * and are text (grep's pattern) unless one of `textOptions` was given.
   */
  operands: { kind: 'read-paths' | 'write-paths' | 'text' | 'none'; max?: number; leadingText?: number; textOptions?: readonly string[] };
  /** Arguments of ours placed first: the modes that make a program safe (vim -Z, nano --restricted, top -b). */
  fixedArgs?: readonly string[];
  /** Passes `--` before the operands, so no operand can ever be read as an option. */
  endOfOptions: boolean;
  /** Full-screen programs (editors). */
  interactive?: boolean;
  /** Takes no option parsing at all (echo: every argument is printed). */
  verbatim?: boolean;
}

const flag: OptionSpec = {};
const flags = (names: string): Record<string, OptionSpec> => Object.fromEntries([...names].map((n) => [n, flag]));
const longFlags = (...names: string[]): Record<string, OptionSpec> => Object.fromEntries(names.map((n) => [n, flag]));
const number = (min: number, max: number): OptionSpec => ({ value: { kind: 'number', min, max } });
const oneOf = (...values: string[]): OptionSpec => ({ value: { kind: 'pattern', pattern: new RegExp(`^(${values.join('|')})$`), describe: values.join(', ') } });
const word = (pattern: RegExp, describe: string): OptionSpec => ({ value: { kind: 'pattern', pattern, describe } });
const readPath: OptionSpec = { value: { kind: 'path', access: 'read' } };
const text: OptionSpec = { value: { kind: 'text' } };

const followLinks = (command: string) => ({
  rule: `${command}.follow-symlinks`,
  reason: `${command} would follow symbolic links wherever they point, out of the workspace`,
});

export const BASE_COMMANDS: Record<string, CommandSpec> = {
  ls: {
    name: 'ls',
    binaries: ['ls'],
    options: {
      short: flags('aAlhR1trSdFinspgoGQxCmucUXvk'),
      long: {
        ...longFlags('all', 'almost-all', 'human-readable', 'si', 'recursive', 'reverse', 'size', 'classify', 'inode', 'directory', 'numeric-uid-gid', 'group-directories-first', 'full-time', 'no-group', 'quote-name'),
        color: { ...oneOf('never', 'auto', 'always'), inline: true },
        sort: oneOf('none', 'size', 'time', 'version', 'extension', 'width'),
        'time-style': word(/^(full-iso|long-iso|iso|locale)$/, 'full-iso, long-iso, iso or locale'),
      },
      denied: { '-L': followLinks('ls'), '--dereference': followLinks('ls'), '-H': followLinks('ls'), '--dereference-command-line': followLinks('ls') },
    },
    operands: { kind: 'read-paths', max: 64 },
    endOfOptions: true,
  },
  cat: {
    name: 'cat',
    binaries: ['cat'],
    options: {
      short: flags('AbeEnstTuv'),
      long: longFlags('show-all', 'number-nonblank', 'number', 'squeeze-blank', 'show-ends', 'show-tabs', 'show-nonprinting'),
    },
    operands: { kind: 'read-paths', max: 64 },
    endOfOptions: true,
  },
  grep: {
    name: 'grep',
    binaries: ['grep'],
    options: {
      short: {
        ...flags('iyvwxclLnhHoqsrEFGPzZaIUbT'),
        e: text,
        f: readPath,
        m: number(0, 1_000_000),
        A: number(0, 10_000),
        B: number(0, 10_000),
        C: number(0, 10_000),
        d: oneOf('read', 'skip', 'recurse'),
        D: oneOf('skip'),
      },
      long: {
        ...longFlags('ignore-case', 'no-ignore-case', 'invert-match', 'word-regexp', 'line-regexp', 'count', 'files-with-matches', 'files-without-match', 'line-number', 'no-filename', 'with-filename', 'only-matching', 'quiet', 'silent', 'no-messages', 'recursive', 'extended-regexp', 'fixed-strings', 'basic-regexp', 'perl-regexp', 'null', 'null-data', 'text', 'byte-offset', 'initial-tab'),
        regexp: text,
        file: readPath,
        'max-count': number(0, 1_000_000),
        'after-context': number(0, 10_000),
        'before-context': number(0, 10_000),
        context: number(0, 10_000),
        'binary-files': oneOf('binary', 'text', 'without-match'),
        color: { ...oneOf('never', 'auto', 'always'), inline: true },
        colour: { ...oneOf('never', 'auto', 'always'), inline: true },
        include: text,
        exclude: text,
        'exclude-dir': text,
        directories: oneOf('read', 'skip', 'recurse'),
        devices: oneOf('skip'),
      },
      denied: { '-R': followLinks('grep'), '--dereference-recursive': followLinks('grep') },
    },
    operands: { kind: 'read-paths', max: 64, leadingText: 1, textOptions: ['-e', '--regexp', '-f', '--file'] },
    endOfOptions: true,
  },
  pwd: { name: 'pwd', binaries: ['pwd'], options: { short: flags('LP'), long: longFlags('logical', 'physical') }, operands: { kind: 'none' }, endOfOptions: false },
  echo: { name: 'echo', binaries: ['echo'], options: { short: {}, long: {} }, operands: { kind: 'text' }, endOfOptions: false, verbatim: true },
  ps: {
    name: 'ps',
    binaries: ['ps'],
    options: {
      short: {
        ...flags('AadeFfHjlLMNTwxyZ'),
        o: word(/^[\w,:=%+-]+$/, 'a list of output fields'),
        p: word(/^\d+(,\d+)*$/, 'process ids'),
        u: word(/^[\w.,-]+$/, 'user names or ids'),
        U: word(/^[\w.,-]+$/, 'user names or ids'),
        C: word(/^[\w.,-]+$/, 'command names'),
      },
      long: {
        ...longFlags('forest', 'no-headers', 'headers', 'cumulative'),
        format: word(/^[\w,:=%+-]+$/, 'a list of output fields'),
        pid: word(/^\d+(,\d+)*$/, 'process ids'),
        user: word(/^[\w.,-]+$/, 'user names or ids'),
        sort: word(/^[\w,+-]+$/, 'sort keys'),
        cols: number(20, 1000),
        columns: number(20, 1000),
        width: number(20, 1000),
      },
    },
    // BSD-style options without a dash (`ps aux`) are handled in the policy.
    operands: { kind: 'none' },
    endOfOptions: false,
  },
  top: {
    name: 'top',
    binaries: ['top'],
    options: {
      short: {
        ...flags('cHiS1b'),
        n: number(1, 10),
        d: number(0.1, 10),
        o: word(/^[+-]?(%CPU|%MEM|PID|PPID|USER|UID|TIME\+?|RES|VIRT|SHR|PR|NI|S|COMMAND|P|SWAP|CODE|DATA)$/, 'a field such as %CPU, %MEM, PID, TIME+ or RES'),
        w: number(80, 512),
        E: oneOf('k', 'm', 'g', 't', 'p', 'e'),
        e: oneOf('k', 'm', 'g', 't', 'p'),
        u: word(/^[\w.-]+$/, 'a user name or id'),
        p: word(/^\d+(,\d+)*$/, 'process ids'),
      },
      long: {},
    },
    operands: { kind: 'none' },
    // Batch mode: top prints and exits, and its interactive commands (kill, renice, Inspect) never run. In a
    // terminal, with neither -b nor -n, it runs full-screen in secure mode instead (see the policy).
    fixedArgs: ['-b'],
    endOfOptions: false,
  },
  df: {
    name: 'df',
    binaries: ['df'],
    options: {
      short: { ...flags('ahHiklPT'), t: word(/^[\w.-]+$/, 'a file system type'), x: word(/^[\w.-]+$/, 'a file system type'), B: word(/^\w+$/, 'a block size') },
      long: {
        ...longFlags('all', 'human-readable', 'si', 'inodes', 'local', 'portability', 'print-type', 'total', 'sync', 'no-sync'),
        output: { ...word(/^[\w,]+$/, 'a list of fields'), inline: true },
        type: word(/^[\w.-]+$/, 'a file system type'),
        'exclude-type': word(/^[\w.-]+$/, 'a file system type'),
        'block-size': word(/^\w+$/, 'a block size'),
      },
    },
    operands: { kind: 'read-paths', max: 16 },
    endOfOptions: true,
  },
  free: {
    name: 'free',
    binaries: ['free'],
    options: {
      short: { ...flags('bkmghltwv'), s: number(0.1, 10), c: number(1, 10) },
      long: {
        ...longFlags('bytes', 'kilo', 'mega', 'giga', 'tera', 'peta', 'kibi', 'mebi', 'gibi', 'tebi', 'pebi', 'human', 'wide', 'lohi', 'total', 'si', 'committed'),
        seconds: number(0.1, 10),
        count: number(1, 10),
      },
    },
    operands: { kind: 'none' },
    endOfOptions: false,
  },
  vim: {
    name: 'vim',
    binaries: ['vim', 'vim.basic', 'vim.tiny'],
    // -R (read-only) is the only option a caller may give: -c, --cmd, +cmd, -S, -u, -i, ... all run Ex commands.
    options: { short: flags('R'), long: {} },
    operands: { kind: 'write-paths', max: 16 },
    // Restricted mode (-Z): no shell, no filters, no system(), no :terminal, no Python/Lua/Ruby. No vimrc,
    // plugins, viminfo or swap files, and no modelines, whatever the files say.
    fixedArgs: ['-Z', '-n', '-i', 'NONE', '-u', 'NONE', '--noplugin', '--cmd', 'set nomodeline noexrc secure'],
    endOfOptions: true,
    interactive: true,
  },
  nano: {
    name: 'nano',
    binaries: ['nano'],
    // Every nano option is refused: --speller, --rcfile, --operatingdir and friends could run or reach anything.
    options: { short: {}, long: {} },
    operands: { kind: 'write-paths', max: 16 },
    // Restricted mode: only the files named here, no speller or "execute command", no suspending, no backups; no rc files.
    fixedArgs: ['--restricted', '--ignorercfiles', '--nohelp'],
    endOfOptions: true,
    interactive: true,
  },
};

/** Option denials that name the escape for the editors. */
export const EDITOR_OPTION_REASON: Record<string, string> = {
  vim: 'vim options run Ex commands (-c, --cmd, +cmd, -S) or load other files (-u, -i); only file names (and -R) are accepted',
  nano: 'nano options can set a speller, an rc file or an operating directory; only file names are accepted',
};

/**
 * Programs people try that are not on the allowlist, with why: the reason
 * is part of the answer, so nobody has to guess what the gateway objects to.
 */
export const KNOWN_REFUSALS: Record<string, { rule: string; reason: string }> = {
  ...Object.fromEntries(
    ['sh', 'bash', 'dash', 'zsh', 'fish', 'ksh', 'mksh', 'csh', 'tcsh', 'busybox', 'rbash', 'ash'].map((name) => [name, { rule: 'command.shell', reason: `${name} is a shell, and this gateway never starts one` }]),
  ),
  find: { rule: 'command.not-allowed', reason: 'find can run programs (-exec, -execdir, -ok) and delete files; use ls -R or grep -r' },
  ...Object.fromEntries(['awk', 'gawk', 'mawk', 'nawk'].map((name) => [name, { rule: 'command.not-allowed', reason: `${name} can run programs (system(), pipes to commands)` }])),
  sed: { rule: 'command.not-allowed', reason: 'sed can run programs (the e command) and write files (w)' },
  ...Object.fromEntries(['less', 'more', 'most', 'man', 'pg'].map((name) => [name, { rule: 'command.not-allowed', reason: `${name} is a pager, and pagers run shell commands (!command)` }])),
  ...Object.fromEntries(['vi', 'view', 'ex', 'rvim', 'vimdiff', 'emacs', 'ed', 'pico', 'joe', 'mcedit'].map((name) => [name, { rule: 'command.not-allowed', reason: `${name} is not an allowed editor; use vim or nano, which run in restricted mode here` }])),
  ...Object.fromEntries(
    ['env', 'xargs', 'nohup', 'timeout', 'nice', 'ionice', 'setsid', 'sudo', 'su', 'doas', 'chroot', 'script', 'expect', 'strace', 'ltrace', 'gdb', 'watch', 'flock', 'stdbuf', 'taskset', 'unshare', 'nsenter', 'time', 'exec', 'eval', 'command', 'builtin', 'source', '.'].map((name) => [
      name,
      { rule: 'command.not-allowed', reason: `${name} runs another program of the caller's choosing` },
    ]),
  ),
  ...Object.fromEntries(['ssh', 'scp', 'sftp', 'rsync', 'curl', 'wget', 'nc', 'ncat', 'netcat', 'socat', 'telnet', 'ftp'].map((name) => [name, { rule: 'command.not-allowed', reason: `${name} reaches the network or moves files off the gateway` }])),
  ...Object.fromEntries(['perl', 'ruby', 'php', 'lua', 'tclsh', 'irb', 'python', 'python2', 'ipython'].map((name) => [name, { rule: 'command.not-allowed', reason: `${name} runs arbitrary code` }])),
  ...Object.fromEntries(['tar', 'zip', 'unzip', 'dd', 'cp', 'mv', 'rm', 'ln', 'chmod', 'chown', 'touch', 'mkdir', 'tee', 'install'].map((name) => [name, { rule: 'command.not-allowed', reason: `${name} is not on the allowlist (git, ps, top, df, free, ls, cat, grep, pwd, echo, vim, nano)` }])),
};
