import fc from 'fast-check';
import { BASE_ALLOWLIST, decide, DEFAULT_AI_CLI_COMMANDS } from './command-policy';
import type { Decision, GitRepositoryInfo, PathInspector, PolicyContext } from './decision';
import { GIT_HARDENING } from './git';

const W = '/srv/ws/u1';
/** A file system of a few paths: `leak` is a link to /etc/passwd, `out` a link to /etc. */
class FakeFiles implements PathInspector {
  readonly real = new Map<string, string>([
    ['/', '/'],
    ['/srv', '/srv'],
    ['/srv/ws', '/srv/ws'],
    [W, W],
    [`${W}/notes.txt`, `${W}/notes.txt`],
    [`${W}/src`, `${W}/src`],
    [`${W}/leak`, '/etc/passwd'],
    [`${W}/out`, '/etc'],
    ['/etc', '/etc'],
    ['/etc/passwd', '/etc/passwd'],
    ['/srv/shared', '/srv/shared'],
  ]);
  repo: GitRepositoryInfo | undefined;
  realpath(path: string): string | undefined {
    if (this.real.has(path)) return this.real.get(path);
    if (path.startsWith(`${W}/out/`)) return `/etc/${path.slice(`${W}/out/`.length)}`;
    return undefined;
  }
  gitRepository(): GitRepositoryInfo | undefined {
    return this.repo;
  }
}

const files = new FakeFiles();
const ctx = (over: Partial<PolicyContext> = {}): PolicyContext => ({
  workspace: W,
  cwd: W,
  readRoots: [],
  scopes: ['gateway:exec'],
  aiCli: { enabled: false, commands: [...DEFAULT_AI_CLI_COMMANDS] },
  isolatedUser: true,
  sandbox: 'uid+namespaces',
  terminal: false,
  inspector: files,
  ...over,
});
const verdict = (line: string, over: Partial<PolicyContext> = {}): string => {
  const d: Decision = decide(line, over ? ctx(over) : ctx());
  return d.kind === 'deny' ? d.rule : d.kind === 'run' ? (d.approval ? `approval:${d.approval.rule}` : 'run') : d.kind;
};
const args = (line: string, over: Partial<PolicyContext> = {}): string[] => {
  const d = decide(line, ctx(over));
  if (d.kind !== 'run') throw new Error(`${line}: ${d.kind === 'deny' ? d.rule : d.kind}`);
  return d.plan.args;
};

describe('the command policy', () => {
  it('allows the base commands with their safe options, and puts -- before operands', () => {
    expect(args('ls -la src')).toEqual(['-l', '-a', '--', 'src']);
    expect(args('cat -n notes.txt')).toEqual(['-n', '--', 'notes.txt']);
    expect(args('grep -rn -e TODO src')).toEqual(['-r', '-n', '-e', 'TODO', '--', 'src']);
    expect(args('grep TODO notes.txt')).toEqual(['--', 'TODO', 'notes.txt']);
    expect(args('grep -- -x notes.txt')).toEqual(['--', '-x', 'notes.txt']);
    expect(args("echo 'a | b' --help")).toEqual(['a | b', '--help']);
    expect(args('ps aux')).toEqual(['aux']);
    expect(args('ps -ef')).toEqual(['-e', '-f']);
    expect(args('df -h .')).toEqual(['-h', '--', '.']);
    expect(args('free -m')).toEqual(['-m']);
    expect(args('pwd')).toEqual([]);
  });

  it('runs top in batch mode and editors in their restricted modes', () => {
    expect(args('top')).toEqual(['-b', '-n', '1']);
    expect(args('top -n 3 -o %MEM')).toEqual(['-b', '-n', '3', '-o', '%MEM']);
    expect(args('vim notes.txt')).toEqual(['-Z', '-n', '-i', 'NONE', '-u', 'NONE', '--noplugin', '--cmd', 'set nomodeline noexrc secure', '--', 'notes.txt']);
    expect(args('nano notes.txt')).toEqual(['--restricted', '--ignorercfiles', '--nohelp', '--', 'notes.txt']);
    expect(verdict('nano')).toBe('nano.file');
    expect(verdict('vim notes.txt', { isolatedUser: false })).toBe('vim.shared-user');
    expect(verdict('top -o ENVIRON')).toBe('args.option-value');
  });

  it('runs top full-screen in secure mode in a terminal, unless asked for batch output', () => {
    const terminal = { terminal: true };
    expect(args('top', terminal)).toEqual(['-s']);
    expect(args('top -d 2', terminal)).toEqual(['-s', '-d', '2']);
    expect((decide('top', ctx(terminal)) as { plan: { interactive: boolean } }).plan.interactive).toBe(true);
    expect(args('top -b -n1', terminal)).toEqual(['-b', '-b', '-n', '1']);
    expect(args('top -n 2', terminal)).toEqual(['-b', '-n', '2']);
  });

  it('runs git with hooks, pagers, editors, helpers and other transports off', () => {
    expect(args('git log -n 3')).toEqual([...GIT_HARDENING, 'log', '-n', '3']);
    expect(GIT_HARDENING).toEqual(expect.arrayContaining(['core.hooksPath=/dev/null', 'core.fsmonitor=false', 'protocol.allow=never', 'safe.bareRepository=explicit']));
    expect(verdict('git commit -m "a message"')).toBe('run');
    expect(verdict('git diff HEAD~1..HEAD -- src')).toBe('run');
    expect(verdict('git remote -v')).toBe('run');
    expect(verdict('git remote add x https://example.com/x.git')).toBe('git.subcommand');
  });

  it('refuses a repository whose config runs programs, or whose .git points out of the workspace', () => {
    files.repo = { root: W, gitDir: `${W}/.git`, elsewhere: [], configKeys: ['core.bare', 'filter.lfs.clean'] };
    expect(verdict('git status')).toBe('git.repo-config');
    files.repo = { root: W, gitDir: '/elsewhere/.git', elsewhere: [], configKeys: [] };
    expect(verdict('git status')).toBe('git.repository-outside');
    files.repo = { root: W, gitDir: `${W}/.git/worktrees/x`, elsewhere: ['/tmp/evil'], configKeys: [] };
    expect(verdict('git status')).toBe('git.repository-outside');
    files.repo = { root: W, gitDir: `${W}/.git`, elsewhere: [`${W}/other/.git/objects`], configKeys: ['core.bare', 'user.name', 'branch.main.remote'] };
    expect(verdict('git status')).toBe('run');
    files.repo = undefined;
  });

  it('keeps paths inside the workspace, as written and once links are followed', () => {
    expect(verdict('cat /etc/passwd')).toBe('path.outside-roots');
    expect(verdict('cat ../../../etc/passwd')).toBe('path.traversal');
    expect(verdict(`cat ${W}/../u2/secret`)).toBe('path.traversal');
    expect(verdict(`cat ${W}/notes.txt`)).toBe('run');
    expect(verdict('cat src/../notes.txt')).toBe('run');
    expect(verdict('cat leak')).toBe('path.symlink-escape');
    expect(verdict('cat out/shadow')).toBe('path.symlink-escape');
    expect(verdict('vim out/new-file')).toBe('path.symlink-escape');
    expect(verdict('vim .git/config')).toBe('path.git-internals');
    expect(verdict('vim src/.git/hooks/pre-commit')).toBe('path.git-internals');
    expect(verdict('cat /srv/shared', { readRoots: ['/srv/shared'] })).toBe('run');
    expect(verdict('vim /srv/shared', { readRoots: ['/srv/shared'] })).toBe('path.outside-roots');
    expect(verdict('grep -f /etc/passwd x notes.txt')).toBe('path.outside-roots');
    expect(verdict("cat ''")).toBe('path.empty');
  });

  it('refuses unknown options rather than passing them on, and known escapes with their own rule', () => {
    expect(verdict('cat --files0-from=x')).toBe('args.unknown-option');
    expect(verdict('ls -Z')).toBe('args.unknown-option');
    expect(verdict('ls -L')).toBe('ls.follow-symlinks');
    expect(verdict('ls -laL')).toBe('ls.follow-symlinks');
    expect(verdict('grep -R x')).toBe('grep.follow-symlinks');
    expect(verdict('ls --color=rainbow')).toBe('args.option-value');
    expect(verdict('grep -m lots x')).toBe('args.option-value');
    expect(verdict('pwd extra')).toBe('args.operand');
    expect(verdict('vim -c ":!sh" x')).toBe('vim.option');
    expect(verdict('vim +:!sh x')).toBe('vim.option');
    expect(verdict('nano -s sh x')).toBe('nano.option');
    expect(verdict('ps e')).toBe('ps.environment');
    expect(verdict('ps axe')).toBe('ps.environment');
  });

  it('names what is not allowed, and why', () => {
    expect(verdict('rm -rf /')).toBe('command.not-allowed');
    expect(verdict('bash')).toBe('command.shell');
    expect(verdict('/usr/bin/ls')).toBe('command.path');
    expect(verdict('GIT_DIR=/ git status')).toBe('env.assignment');
    expect(verdict('definitely-not-a-command')).toBe('command.not-allowed');
    expect(verdict('cd src')).toBe('builtin');
    expect(verdict('   ')).toBe('empty');
    expect(verdict('echo hi', { scopes: ['gateway:ai-cli'] })).toBe('scope.exec');
  });

  it('asks for approval of AI-CLI commands when the mode is on and the key may use it, and of git over the network', () => {
    expect(verdict('node -e 1')).toBe('ai-cli.disabled');
    expect(verdict('node -e 1', { aiCli: { enabled: true, commands: ['node'] } })).toBe('scope.ai-cli');
    expect(verdict('node -e 1', { aiCli: { enabled: true, commands: ['node'] }, scopes: ['gateway:ai-cli'] })).toBe('approval:ai-cli.approval');
    expect(verdict('node -e 1', { aiCli: { enabled: true, commands: ['node'] }, scopes: ['gateway:ai-cli'], sandbox: 'namespaces' })).toBe('approval:ai-cli.approval');
    expect(verdict('node -e 1', { aiCli: { enabled: true, commands: ['node'] }, scopes: ['gateway:ai-cli'], sandbox: 'uid' })).toBe('approval:ai-cli.approval');
    // Without a sandbox, code would run beside the gateway as its own user: refused before any approval is asked.
    expect(verdict('python3 -c 1', { aiCli: { enabled: true, commands: ['python3'] }, scopes: ['gateway:ai-cli'], sandbox: 'none' })).toBe('ai-cli.no-sandbox');
    expect(verdict('git fetch origin')).toBe('scope.admin');
    expect(verdict('git fetch origin', { scopes: ['gateway:exec', 'gateway:admin'] })).toBe('approval:git.network');
    expect(verdict('git clone git@example.com:x.git', { scopes: ['gateway:exec', 'gateway:admin'] })).toBe('git.transport');
    expect(verdict('git clone https://example.com/x.git ../x', { scopes: ['gateway:exec', 'gateway:admin'] })).toBe('path.traversal');
  });

  it('runs nothing but the allowlist, whatever the line', () => {
    const token = fc.oneof(
      fc.constantFrom(...BASE_ALLOWLIST, 'sh', 'node', 'find', 'awk', '-c', '--upload-pack=x', '-exec', '../../etc/passwd', '/etc/passwd', 'leak', 'out/x', '.git/config', '$(id)', '`id`', '|', ';', '&&', '>', '*', "'", '"', 'X=1', '--', '-L', '-R', '+:!sh'),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 8 }), fc.boolean(), (tokens, aiCli) => {
        const d = decide(tokens.join(' '), ctx({ aiCli: { enabled: aiCli, commands: ['node'] }, scopes: ['gateway:exec', 'gateway:ai-cli'] }));
        if (d.kind !== 'run') return;
        const allowed: string[] = [...BASE_ALLOWLIST, ...(aiCli ? ['node'] : [])];
        expect(allowed).toContain(d.argv[0]);
        expect(d.plan.binaries.some((b) => ['sh', 'bash', 'dash'].includes(b))).toBe(false);
        if (d.argv[0] === 'node') expect(d.approval).toBeDefined();
        // Options that open escapes never reach a program that would read them as options (echo prints its arguments;
        // after -- they are operands).
        if (d.argv[0] === 'echo' || d.argv[0] === 'node') return;
        const end = d.plan.args.indexOf('--');
        for (const arg of end === -1 ? d.plan.args : d.plan.args.slice(0, end)) {
          expect(arg.startsWith('--upload-pack')).toBe(false);
          expect(['-exec', '+:!sh'].includes(arg)).toBe(false);
          if (d.argv[0] === 'ls') expect(['-L', '-H'].includes(arg)).toBe(false);
          if (d.argv[0] === 'grep') expect(arg).not.toBe('-R');
        }
      }),
      { numRuns: 3000 },
    );
  });
});
