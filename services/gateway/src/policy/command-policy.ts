import { quote } from 'shell-quote';
import { BASE_COMMANDS, type CommandSpec, EDITOR_OPTION_REASON, KNOWN_REFUSALS } from './commands';
import { BUILTINS, type BuiltinName, deny, type Decision, type PolicyContext } from './decision';
import { gitDecision } from './git';
import { parseOptions } from './options';
import { checkPath } from './path-rules';
import { parseShellWords } from './shell-words';

/** The base allowlist, in the order `help` lists it. */
export const BASE_ALLOWLIST = ['git', 'ps', 'top', 'df', 'free', 'ls', 'cat', 'grep', 'pwd', 'echo', 'vim', 'nano'] as const;
/** AI-CLI mode's default commands: added only when enabled, and each run needs an admin's approval. */
export const DEFAULT_AI_CLI_COMMANDS = ['node', 'python3', 'npx', 'gh', 'claude', 'codex', 'gemini', 'aider'] as const;

/**
 * The whole decision for one command line: parse it into argv (refusing
 * every shell construct), then decide by argv[0]: a builtin of the
 * restricted shell, a base command checked option by option and path by
 * path, an AI-CLI command that needs approval, or a refusal naming its
 * rule. Pure: the file system is reached only through ctx.inspector.
 */
export function decide(line: string, ctx: PolicyContext): Decision {
  const parsed = parseShellWords(line);
  if (!parsed.ok) return deny(parsed.rule, parsed.reason);
  const argv = parsed.argv;
  if (argv.length === 0) return { kind: 'empty' };
  const name = argv[0]!;

  const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(name);
  if (assignment) {
    const variable = assignment[1]!;
    const family = /^(LD_|GIT_|DYLD_)/.test(variable) ? ` (${variable.replace(/_.*/, '_*')} variables change how programs load or what git runs)` : '';
    return deny('env.assignment', `setting environment variables is not allowed${family}: the gateway fixes the environment`, argv);
  }
  if (name.includes('/')) return deny('command.path', `commands are named, not given as paths ("${name}"): only the allowlist runs, from the gateway's own directories`, argv);
  if ((BUILTINS as readonly string[]).includes(name)) return { kind: 'builtin', name: name as BuiltinName, args: argv.slice(1), argv };

  const spec = Object.prototype.hasOwnProperty.call(BASE_COMMANDS, name) ? BASE_COMMANDS[name] : undefined;
  if (spec || name === 'git') {
    if (!ctx.scopes.includes('gateway:exec')) return deny('scope.exec', 'this SSH key lacks the gateway:exec scope', argv);
    return name === 'git' ? gitDecision(argv, ctx) : baseDecision(spec!, argv, ctx);
  }
  if (ctx.aiCli.commands.includes(name)) {
    if (!ctx.aiCli.enabled) return deny('ai-cli.disabled', `${name} is an AI-CLI command, and AI-CLI mode is off on this gateway`, argv);
    if (!ctx.scopes.includes('gateway:ai-cli')) return deny('scope.ai-cli', `${name} needs an SSH key with the gateway:ai-cli scope`, argv);
    if (ctx.sandbox === 'none') {
      return deny(
        'ai-cli.no-sandbox',
        `${name} runs code, and this gateway has no sandbox for it: commands run as the gateway's own user and could read its secrets (run the gateway where user namespaces are allowed, or as root so commands drop to GATEWAY_RUN_AS)`,
        argv,
      );
    }
    return {
      kind: 'run',
      rule: 'ai-cli.approval',
      argv,
      plan: { command: name, binaries: [name], args: argv.slice(1), interactive: false },
      approval: { rule: 'ai-cli.approval', reason: `${name} runs code, so every run needs an admin's approval` },
    };
  }
  const known = Object.prototype.hasOwnProperty.call(KNOWN_REFUSALS, name) ? KNOWN_REFUSALS[name] : undefined;
  if (known) return deny(known.rule, known.reason, argv);
  return deny('command.not-allowed', `${name} is not on the allowlist (${allowedNames(ctx).join(', ')})`, argv);
}

export function allowedNames(ctx: Pick<PolicyContext, 'aiCli'>): string[] {
  return [...BASE_ALLOWLIST, ...(ctx.aiCli.enabled ? ctx.aiCli.commands : [])];
}

function baseDecision(spec: CommandSpec, argv: string[], ctx: PolicyContext): Decision {
  const args = argv.slice(1);
  if (spec.verbatim) return run(spec, argv, args);

  let bsd: string[] = [];
  let rest = args;
  if (spec.name === 'vim' && !ctx.isolatedUser) {
    return deny(
      'vim.shared-user',
      "vim can open any file its user can read (:e), and here commands do not run as a user of their own (the gateway's user, or one shared by everyone's commands); use nano, whose restricted mode opens only the files named",
      argv,
    );
  }
  // ps aux, ps axjf: BSD options come without a dash (never e, which prints other processes' environments).
  if (spec.name === 'ps' && args[0] && /^[aAcefhjlmrsSTuvwxXZ]+$/.test(args[0]) && args[0].includes('e')) {
    return deny('ps.environment', "ps e prints other processes' environments, where secrets live", argv);
  }
  if (spec.name === 'ps' && args[0] && /^[aAcfhjlmrsSTuvwxXZ]+$/.test(args[0])) {
    bsd = [args[0]];
    rest = args.slice(1);
  }
  if (spec.name === 'vim' && rest.some((a) => a.startsWith('+'))) return deny('vim.option', EDITOR_OPTION_REASON.vim!, argv);
  const parsed = parseOptions(spec.name, rest, spec.options, ctx);
  if ('kind' in parsed) {
    if (spec.interactive && parsed.rule === 'args.unknown-option') return deny(`${spec.name}.option`, EDITOR_OPTION_REASON[spec.name]!, argv);
    return { ...parsed, argv };
  }
  const { options, operands, seen } = parsed;
  const { kind, max, leadingText = 0, textOptions = [] } = spec.operands;
  if (kind === 'none' && operands.length > 0) return deny('args.operand', `${spec.name} takes no operands here ("${operands[0]}")`, argv);
  const textCount = kind === 'text' ? operands.length : textOptions.some((o) => seen.has(o)) ? 0 : Math.min(leadingText, operands.length);
  const paths = operands.slice(textCount);
  if (max !== undefined && paths.length > max) return deny('args.too-many', `${spec.name} takes at most ${max} files at a time here`, argv);
  if (kind === 'read-paths' || kind === 'write-paths') {
    for (const path of paths) {
      if (path === '-' && kind === 'read-paths') continue;
      const bad = checkPath(path, kind === 'write-paths' ? 'write' : 'read', ctx, { editor: spec.interactive });
      if (bad) return { ...bad, argv };
    }
  }
  if (spec.interactive && paths.length === 0 && spec.name === 'nano') return deny('nano.file', 'name the file to edit: restricted nano only opens the files it is given', argv);
  if (spec.name === 'top' && ctx.terminal && !seen.has('-b') && !seen.has('-n')) {
    // In a terminal, top runs full-screen in secure mode: no kill, no renice, no changing the delay.
    return run(spec, argv, ['-s', ...options], true);
  }
  const extra = spec.name === 'top' && !seen.has('-n') ? ['-n', '1'] : [];
  const operandArgs = operands.length && spec.endOfOptions ? ['--', ...operands] : operands;
  return run(spec, argv, [...(spec.fixedArgs ?? []), ...bsd, ...options, ...extra, ...operandArgs]);
}

function run(spec: CommandSpec, argv: string[], args: string[], interactive = spec.interactive ?? false): Decision {
  return { kind: 'run', rule: `allow.${spec.name}`, argv, plan: { command: spec.name, binaries: spec.binaries, args, interactive } };
}

/** argv back into one line, quoted so it reads (and would parse) as the same words. */
export function displayLine(argv: readonly string[]): string {
  return quote([...argv]);
}
