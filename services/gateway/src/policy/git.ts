import { checkPath, isWithin } from './path-rules';
import { deny, type Decision, type Denial, type PolicyContext } from './decision';

/**
 * git, the allowlisted command with the most ways out. Layers:
 *  1. options before the subcommand: only --no-pager; -c, -C, --git-dir,
 *     --work-tree, --exec-path, --config-env are refused with their rule;
 *  2. the subcommand: a list of local ones (status, log, diff, commit, ...),
 *     network ones that need gateway:admin and an approval, and the rest
 *     refused (config, submodule, rebase --exec, difftool, archive, ...);
 *  3. subcommand options known to run programs or to reach outside
 *     (--upload-pack, --receive-pack, --exec, --template, --output,
 *     --no-index, -O/--open-files-in-pager, --ext-diff, --textconv, ...);
 *  4. the repository's own config is read first, and a repository whose
 *     config defines drivers or hooks that git would run (filter.*,
 *     diff.*.textconv, core.fsmonitor, core.worktree, include.path, ...) is
 *     refused, because anyone who can edit files in the workspace can write it;
 *  5. we run git with our own -c settings, which win over any config file:
 *     no hooks, no fsmonitor, no pager, no editor, no credential helper,
 *     no auto-gc, bare repositories only when named, https as the only
 *     transport, and no external diff.
 */

const LOCAL = new Set(['status', 'log', 'show', 'diff', 'branch', 'tag', 'rev-parse', 'ls-files', 'ls-tree', 'blame', 'shortlog', 'describe', 'init', 'add', 'commit', 'restore', 'switch', 'checkout', 'stash', 'reset', 'mv', 'rm', 'grep', 'reflog', 'show-ref', 'merge', 'remote', 'version', 'cat-file', 'diff-tree', 'whatchanged', 'count-objects']);
const NETWORK = new Set(['fetch', 'pull', 'push', 'clone', 'ls-remote']);
const REFUSED_SUBCOMMANDS: Record<string, string> = {
  config: 'git config writes settings that make git run programs (core.sshCommand, core.pager, aliases, drivers)',
  submodule: 'submodules bring in repositories whose configuration and commands we do not control (submodule foreach runs commands)',
  rebase: 'rebase --exec and its editor run programs',
  bisect: 'bisect run runs programs',
  difftool: 'difftool runs a diff program of the caller\'s choosing (-x, --extcmd, --tool)',
  mergetool: 'mergetool runs a merge program of the caller\'s choosing',
  archive: 'archive --remote --exec runs a program, and --output writes anywhere',
  'filter-branch': 'filter-branch runs shell snippets',
  daemon: 'daemon serves repositories to the network',
  instaweb: 'instaweb starts a web server',
  'send-email': 'send-email sends mail through programs of the caller\'s choosing',
  help: 'git help starts a pager or a browser',
  worktree: 'worktrees may live outside the workspace',
  credential: 'credential helpers are programs',
  'upload-pack': 'the wire protocol helpers are for transports, not people',
  'receive-pack': 'the wire protocol helpers are for transports, not people',
  'upload-archive': 'the wire protocol helpers are for transports, not people',
  gc: 'gc runs hooks (pre-auto-gc) and may detach into the background',
  maintenance: 'maintenance schedules background jobs',
  am: 'am runs hooks and applies mail from files anywhere',
  hook: 'git hook runs hooks',
  'sparse-checkout': 'not needed here, and it rewrites config',
};

/** Options before the subcommand. */
const GLOBAL_DENIED: Record<string, { rule: string; reason: string }> = {
  '-c': { rule: 'git.config-override', reason: 'git -c sets configuration, and settings such as core.pager, core.sshCommand or alias.* run programs' },
  '--config-env': { rule: 'git.config-override', reason: 'git --config-env sets configuration from the environment, and settings can run programs' },
  '-C': { rule: 'git.change-directory', reason: 'git -C runs git in another directory; cd inside your workspace instead' },
  '--git-dir': { rule: 'git.repository-override', reason: 'git --git-dir points git at a repository of the caller\'s choosing, outside the workspace too' },
  '--work-tree': { rule: 'git.repository-override', reason: 'git --work-tree points git at files of the caller\'s choosing, outside the workspace too' },
  '--namespace': { rule: 'git.repository-override', reason: 'git --namespace is not needed here' },
  '--bare': { rule: 'git.repository-override', reason: 'git --bare treats the current directory as a repository' },
  '--exec-path': { rule: 'git.exec-path', reason: 'git --exec-path makes git run its helpers from a directory of the caller\'s choosing' },
  '-p': { rule: 'git.pager', reason: 'git -p starts a pager, and pagers run shell commands' },
  '--paginate': { rule: 'git.pager', reason: 'git --paginate starts a pager, and pagers run shell commands' },
};
const GLOBAL_ALLOWED = new Set(['--no-pager', '-P', '--literal-pathspecs', '--no-replace-objects', '--no-optional-locks']);

const PROGRAM = (option: string, what: string) => ({ rule: 'git.upload-pack', reason: `${option} runs ${what} of the caller's choosing` });
/** Subcommand options that run programs or reach outside, whatever the subcommand. Keyed without a value. */
const SUB_DENIED: Record<string, { rule: string; reason: string }> = {
  '--upload-pack': PROGRAM('--upload-pack', 'a program'),
  '--receive-pack': PROGRAM('--receive-pack', 'a program'),
  '--exec': { rule: 'git.exec', reason: '--exec runs a program of the caller\'s choosing' },
  '--config': { rule: 'git.config-override', reason: '--config sets configuration that can make git run programs' },
  '--template': { rule: 'git.template', reason: '--template copies hooks and config from a directory of the caller\'s choosing' },
  '--separate-git-dir': { rule: 'git.repository-override', reason: '--separate-git-dir puts the repository outside the workspace' },
  '--git-dir': { rule: 'git.repository-override', reason: '--git-dir points at a repository of the caller\'s choosing' },
  '--work-tree': { rule: 'git.repository-override', reason: '--work-tree points at files of the caller\'s choosing' },
  '--output': { rule: 'git.output', reason: '--output writes a file wherever it is told' },
  '--no-index': { rule: 'git.no-index', reason: '--no-index compares files anywhere on the machine, not the repository\'s' },
  '-O': { rule: 'git.pager', reason: 'git grep -O opens the files in a pager of the caller\'s choosing' },
  '--open-files-in-pager': { rule: 'git.pager', reason: '--open-files-in-pager runs a program of the caller\'s choosing' },
  '--ext-diff': { rule: 'git.external-diff', reason: '--ext-diff runs an external diff program' },
  '--textconv': { rule: 'git.external-diff', reason: '--textconv runs conversion programs' },
  '--recurse-submodules': { rule: 'git.submodules', reason: 'submodules bring in repositories whose config we do not control' },
  '--recursive': { rule: 'git.submodules', reason: 'submodules bring in repositories whose config we do not control' },
  '--reference': { rule: 'git.reads-outside', reason: '--reference borrows objects from a repository anywhere on the machine' },
  '--reference-if-able': { rule: 'git.reads-outside', reason: '--reference borrows objects from a repository anywhere on the machine' },
  '--shared': { rule: 'git.reads-outside', reason: '--shared borrows objects from another repository' },
  '--mirror': { rule: 'git.repository-override', reason: '--mirror makes a bare repository' },
  '--bare': { rule: 'git.repository-override', reason: '--bare makes a bare repository' },
  '--extcmd': { rule: 'git.exec', reason: '--extcmd runs a program of the caller\'s choosing' },
  '--tool': { rule: 'git.exec', reason: '--tool runs a program of the caller\'s choosing' },
};
/** Per-subcommand short options with the same effect. */
const SUB_DENIED_SHORT: Record<string, Record<string, { rule: string; reason: string }>> = {
  clone: { u: PROGRAM('git clone -u', 'a program'), c: SUB_DENIED['--config']!, s: SUB_DENIED['--shared']! },
  'ls-remote': { u: PROGRAM('git ls-remote -u', 'a program') },
  grep: { O: SUB_DENIED['-O']! },
  rebase: { x: SUB_DENIED['--exec']! },
};
/** Options whose value is a file git reads: it must be inside the workspace. */
const PATH_VALUED = new Set(['-F', '--file', '-t', '--template-file', '--contents', '-f', '--pathspec-from-file', '--exclude-from']);

/** Keys of a repository's own config that make git run programs or leave the workspace. */
const DANGEROUS_CONFIG = [
  /^filter\./,
  /^diff\.[^.]+\.(textconv|command|cachetextconv)$/,
  /^diff\.external$/,
  /^merge\.[^.]+\.driver$/,
  /^include\.path$/,
  /^includeif\./,
  /^core\.(worktree|fsmonitor|hookspath|sshcommand|pager|editor|askpass|gitproxy|attributesfile|excludesfile)$/,
  /^remote\.[^.]+\.(uploadpack|receivepack|proxy|vcs)$/,
  /^url\./,
  /^pager\./,
  /^alias\./,
  /^credential\./,
  /^gpg\./,
  /^sequence\.editor$/,
  /^uploadpack\./,
  /^protocol\./,
  /^http\.proxy$/,
  /^extensions\.worktreeconfig$/,
];

/** What we put in front of every git command; command-line settings win over every config file. */
export const GIT_HARDENING = [
  '--no-pager',
  '-c', 'core.fsmonitor=false',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'core.pager=cat',
  '-c', 'core.editor=false',
  '-c', 'sequence.editor=false',
  '-c', 'core.sshCommand=false',
  '-c', 'core.askPass=false',
  '-c', 'credential.helper=',
  '-c', 'diff.external=',
  '-c', 'gpg.program=false',
  '-c', 'gc.auto=0',
  '-c', 'maintenance.auto=false',
  '-c', 'safe.bareRepository=explicit',
  '-c', 'protocol.allow=never',
  '-c', 'protocol.https.allow=always',
  '-c', 'submodule.recurse=false',
];

export function gitDecision(argv: string[], ctx: PolicyContext): Decision {
  const args = argv.slice(1);
  const globals: string[] = [];
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const arg = args[i]!;
    const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    const denied = GLOBAL_DENIED[name] ?? (name.startsWith('-c') && !name.startsWith('--') ? GLOBAL_DENIED['-c'] : undefined) ?? (name.startsWith('-C') && !name.startsWith('--') ? GLOBAL_DENIED['-C'] : undefined);
    if (denied) return deny(denied.rule, denied.reason, argv);
    if (!GLOBAL_ALLOWED.has(arg)) return deny('args.unknown-option', `git ${arg} is not an option this gateway allows before the subcommand`, argv);
    globals.push(arg);
  }
  const sub = args[i];
  if (sub === undefined) return deny('git.subcommand', 'name a git subcommand, e.g. git status', argv);
  const refused = REFUSED_SUBCOMMANDS[sub];
  if (refused) return deny('git.subcommand', refused, argv);
  const network = NETWORK.has(sub);
  if (!network && !LOCAL.has(sub)) return deny('git.subcommand', `git ${sub} is not one of the git subcommands this gateway allows`, argv);
  const rest = args.slice(i + 1);

  const optionProblem = checkSubcommandArgs(sub, rest, ctx);
  if (optionProblem) return { ...optionProblem, argv };
  if (sub === 'remote' && rest.some((a) => a !== '-v' && a !== '--verbose')) return deny('git.subcommand', 'only `git remote` and `git remote -v` are allowed: adding or changing remotes rewrites config', argv);

  if (network) {
    const transport = checkTransport(sub, rest, ctx);
    if (transport) return { ...transport, argv };
  }
  if (sub === 'init') {
    const target = rest.find((a) => !a.startsWith('-'));
    const bad = target === undefined ? undefined : checkPath(target, 'write', ctx);
    if (bad) return { ...bad, argv };
  }
  const repository = ctx.inspector.gitRepository(ctx.cwd, ctx.workspace);
  if (repository) {
    if (!isWithin(repository.gitDir, ctx.workspace)) return deny('git.repository-outside', 'this repository\'s .git points outside the workspace', argv);
    if (repository.elsewhere.some((path) => !isWithin(path, ctx.workspace))) {
      return deny('git.repository-outside', 'this repository takes its config or objects from outside the workspace (commondir or alternates)', argv);
    }
    const dangerous = repository.configKeys.filter((key) => DANGEROUS_CONFIG.some((re) => re.test(key)));
    if (dangerous.length) {
      return deny('git.repo-config', `this repository's config sets ${[...new Set(dangerous)].slice(0, 5).join(', ')}, which can make git run programs or leave the workspace; remove those lines first`, argv);
    }
  }
  const plan = { command: 'git', binaries: ['git'], args: [...GIT_HARDENING, ...globals.filter((g) => g !== '--no-pager' && g !== '-P'), sub, ...rest], interactive: false };
  if (network) {
    if (!ctx.scopes.includes('gateway:admin')) return deny('scope.admin', `git ${sub} reaches the network: it needs an SSH key with the gateway:admin scope, and an approval`, argv);
    return { kind: 'run', rule: 'git.network', argv, plan, approval: { rule: 'git.network', reason: `git ${sub} reaches the network` } };
  }
  return { kind: 'run', rule: `allow.git`, argv, plan };
}

function checkSubcommandArgs(sub: string, rest: string[], ctx: PolicyContext): Denial | undefined {
  let endOfOptions = false;
  for (let j = 0; j < rest.length; j++) {
    const arg = rest[j]!;
    if (arg === '--') {
      endOfOptions = true;
      continue;
    }
    if (!endOfOptions && arg.startsWith('--')) {
      const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
      // git accepts unambiguous prefixes of long options (--upload-p): match those too.
      const denied = SUB_DENIED[name] ?? Object.entries(SUB_DENIED).find(([option]) => name.length > 4 && option.startsWith(name))?.[1];
      if (denied) return deny(denied.rule, denied.reason);
      if (PATH_VALUED.has(name)) {
        const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++j];
        if (value === undefined) continue;
        const bad = checkPath(value, 'read', ctx);
        if (bad) return bad;
      }
      continue;
    }
    if (!endOfOptions && arg.startsWith('-') && arg.length > 1) {
      const letters = arg.slice(1);
      const table = SUB_DENIED_SHORT[sub] ?? {};
      for (const letter of letters) {
        const denied = table[letter];
        if (denied) return deny(denied.rule, denied.reason);
      }
      if (PATH_VALUED.has(`-${letters[0]}`) && ((sub === 'commit' && 'Ft'.includes(letters[0]!)) || (sub === 'grep' && letters[0] === 'f'))) {
        const value = letters.length > 1 ? letters.slice(1) : rest[++j];
        if (value !== undefined) {
          const bad = checkPath(value, 'read', ctx);
          if (bad) return bad;
        }
      }
      continue;
    }
    // An operand that is a path reaching out (absolute, or climbing with ..) must stay inside the workspace: outside a
    // repository git diff compares any two files it is given. Revisions (HEAD~1..main) have no such path segments.
    if (arg.startsWith('/') || arg.split('/').includes('..')) {
      const bad = checkPath(arg, 'read', ctx);
      if (bad) return bad;
    }
    if (/^(ext|fd|file)::/.test(arg) || arg.startsWith('file://')) return deny('git.transport', `${arg.slice(0, 40)} is not an https URL: only https remotes are allowed`);
  }
  return undefined;
}

/** Network subcommands: only https URLs (or configured remote names, which GIT_ALLOW_PROTOCOL still limits to https). */
function checkTransport(sub: string, rest: string[], ctx: PolicyContext): Denial | undefined {
  const operands = rest.filter((a) => !a.startsWith('-'));
  const url = operands[0];
  if (sub === 'clone') {
    if (!url || !/^https:\/\/[^\s]+$/.test(url)) return deny('git.transport', 'git clone takes an https:// URL here (no ssh, git://, file:// or ext:: transports)');
    const target = operands[1];
    if (target !== undefined) return checkPath(target, 'write', ctx);
    return undefined;
  }
  if (url !== undefined && (url.includes(':') || url.includes('/') || url.startsWith('.'))) {
    if (!/^https:\/\/[^\s]+$/.test(url)) return deny('git.transport', `${url.slice(0, 60)} is not an https URL or a remote name: only https is allowed`);
  }
  return undefined;
}
