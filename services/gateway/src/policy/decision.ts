/** What the policy decided about one command line. Every refusal names the rule that fired. */
export type Decision =
  | { kind: 'empty' }
  | { kind: 'builtin'; name: BuiltinName; args: string[]; argv: string[] }
  | Denial
  | { kind: 'run'; rule: string; argv: string[]; plan: CommandPlan; approval?: ApprovalRequirement };

export interface Denial {
  kind: 'deny';
  rule: string;
  reason: string;
  /** What parsed, when the line parsed (empty otherwise). */
  argv: string[];
}

export interface ApprovalRequirement {
  rule: string;
  reason: string;
}

/** How to run an allowed command: never through a shell. */
export interface CommandPlan {
  /** The policy's name for it (git, ls, vim, node, ...). */
  command: string;
  /** Executable names to look for, in order, in the gateway's fixed command path. */
  binaries: readonly string[];
  /** The arguments the program gets (hardening flags of ours included, options validated, operands after `--`). */
  args: string[];
  /** A full-screen program that drives its own terminal (editors): no output translation, and the session's time as its limit. */
  interactive: boolean;
}

export const BUILTINS = ['cd', 'exit', 'logout', 'help', 'history'] as const;
export type BuiltinName = (typeof BUILTINS)[number];

export function deny(rule: string, reason: string, argv: string[] = []): Denial {
  return { kind: 'deny', rule, reason, argv };
}

/** A directory (or file) inside which paths may be read, and, for the workspace, written. */
export interface PathInspector {
  /** The real path (symlinks resolved) of an existing path; undefined when nothing is there. */
  realpath(path: string): string | undefined;
  /** The git repository `cwd` is in, found the way git finds it but never above the workspace. */
  gitRepository(cwd: string, workspace: string): GitRepositoryInfo | undefined;
}

export interface GitRepositoryInfo {
  /** The working tree's root. */
  root: string;
  /** Where the repository's data is (real path), normally `<root>/.git`. */
  gitDir: string;
  /**
   * Other places git would read this repository from (real or resolved paths): a linked worktree's
   * `commondir` (whose config git reads too) and object `alternates`. All must be inside the workspace.
   */
  elsewhere: string[];
  /** Every key set in the repository's own config files, lowercased as git compares them (`filter.lfs.clean`). */
  configKeys: string[];
}

export interface PolicyContext {
  /** The caller's workspace (a real path): where commands run, read and write. */
  workspace: string;
  /** The current directory: the workspace or a directory inside it (a real path). */
  cwd: string;
  /** More directories that may be read (not written); real paths. */
  readRoots: readonly string[];
  /** The SSH key's scopes. */
  scopes: readonly string[];
  aiCli: { enabled: boolean; commands: readonly string[] };
  /**
   * Whether this user's commands run as a uid of their own (the gateway is root and GATEWAY_USER_UID_BASE
   * is set). Otherwise they share a uid with other users' commands, or with the gateway itself, and a
   * program that can open any file (vim's :e) could read another workspace or the gateway's secrets
   * (/proc/<gateway>/environ), so such programs are refused.
   */
  isolatedUser: boolean;
  /**
   * How commands are kept from the gateway (see the runner's SandboxMode). With `none` they run as the
   * gateway's own user beside it and could read its secrets (/proc/<gateway>/environ), so programs that run
   * code of the caller's choosing (AI-CLI mode) are refused, approval or not.
   */
  sandbox: 'uid+namespaces' | 'namespaces' | 'uid' | 'none';
  /** The client asked for a terminal (`ssh -t`): commands run in a pty of its size. */
  terminal: boolean;
  inspector: PathInspector;
}
