import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { GitRepositoryInfo, PathInspector } from '../policy/decision';
import { isWithin } from '../policy/path-rules';

/**
 * Where commands run: one workspace directory per user (their agents
 * share it, so a person can see what their agent did), owned by the user
 * commands run as, and an empty HOME nobody can write, so no program finds
 * or leaves a dotfile (a ~/.gitconfig would be a way to run programs).
 */
export class Workspaces {
  readonly home: string;
  private readonly workspaces: string;
  private prepared = false;

  constructor(private readonly root: string) {
    this.workspaces = join(root, 'workspaces');
    this.home = join(root, 'home');
  }

  /** Makes the directories (once); throws with the reason when the file system refuses. */
  prepare(): void {
    if (this.prepared) return;
    // Traversable by the commands' user, listable by nobody else.
    mkdirSync(this.root, { recursive: true, mode: 0o711 });
    chmodSync(this.root, 0o711);
    mkdirSync(this.workspaces, { recursive: true, mode: 0o711 });
    chmodSync(this.workspaces, 0o711);
    mkdirSync(this.home, { recursive: true, mode: 0o555 });
    chmodSync(this.home, 0o555);
    this.prepared = true;
  }

  /** The user's workspace (created on first use, owned by the user their commands run as), as a real path. */
  forUser(userId: string, owner: { uid: number; gid: number } | undefined): string {
    this.prepare();
    if (!/^[0-9a-f-]{36}$/.test(userId)) throw new Error('a workspace is named by a user id');
    const dir = join(this.workspaces, userId);
    if (!existsSync(dir)) mkdirSync(dir, { mode: 0o700 });
    if (owner) {
      const stat = statSync(dir);
      if (stat.uid !== owner.uid || stat.gid !== owner.gid) chownSync(dir, owner.uid, owner.gid);
    }
    return realpathSync.native(dir);
  }
}

/** The policy's window on the file system (sync: a few stat calls per command). */
export class NodePathInspector implements PathInspector {
  realpath(path: string): string | undefined {
    try {
      return realpathSync.native(path);
    } catch {
      return undefined;
    }
  }

  gitRepository(cwd: string, workspace: string): GitRepositoryInfo | undefined {
    for (let dir = cwd; isWithin(dir, workspace); dir = dirname(dir)) {
      const dotGit = join(dir, '.git');
      let gitDir: string | undefined;
      try {
        const stat = statSync(dotGit);
        if (stat.isDirectory()) gitDir = realpathSync.native(dotGit);
        else if (stat.isFile()) {
          const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'))?.[1];
          if (pointer) gitDir = this.realpath(isAbsolute(pointer) ? pointer : resolve(dir, pointer)) ?? resolve(dir, pointer);
        }
      } catch {
        gitDir = undefined;
      }
      if (gitDir) {
        const elsewhere: string[] = [];
        const configKeys = [...readConfigKeys(join(gitDir, 'config')), ...readConfigKeys(join(gitDir, 'config.worktree'))];
        // A linked worktree reads the main repository's config through commondir.
        const common = readLines(join(gitDir, 'commondir'))[0];
        if (common !== undefined) {
          const commonDir = this.realpath(resolve(gitDir, common)) ?? resolve(gitDir, common);
          elsewhere.push(commonDir);
          configKeys.push(...readConfigKeys(join(commonDir, 'config')));
        }
        for (const alternate of readLines(join(gitDir, 'objects', 'info', 'alternates'))) {
          const path = resolve(gitDir, 'objects', alternate);
          elsewhere.push(this.realpath(path) ?? path);
        }
        return { root: dir, gitDir, elsewhere, configKeys };
      }
      if (dir === workspace) break;
    }
    return undefined;
  }
}

/** The keys a git config file sets (`section.subsection.key`, section and key lowercased as git compares them). */
export function parseGitConfigKeys(text: string): string[] {
  const keys: string[] = [];
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\](.*)$/.exec(line);
      if (!header) {
        // Something git may read differently: make it a key no rule can miss.
        keys.push(`unparsed.${line.slice(1, 40).toLowerCase()}`);
        section = 'unparsed';
        continue;
      }
      section = header[1]!.toLowerCase() + (header[2] !== undefined ? `.${header[2]}` : '');
      line = header[3]!.trim();
      if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    }
    const key = /^([A-Za-z][A-Za-z0-9-]*)/.exec(line)?.[1];
    if (key) keys.push(`${section}.${key.toLowerCase()}`);
  }
  return keys;
}

function readLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
  } catch {
    return [];
  }
}

function readConfigKeys(file: string): string[] {
  try {
    return parseGitConfigKeys(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
}
