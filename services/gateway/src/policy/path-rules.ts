import { relative, resolve, sep } from 'node:path';
import { deny, type Denial, type PolicyContext } from './decision';

export type Access = 'read' | 'write';

export function isWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Checks one path argument: it must stay inside the workspace (or, to read,
 * inside an extra read root) both as written and once symlinks are resolved,
 * so `../../etc/passwd`, `/etc/passwd` and a link pointing out are refused
 * with the rule that says which. Paths that do not exist yet (a file an
 * editor will create) are judged by their nearest existing parent.
 * Returns the denial, or undefined when the path is fine.
 */
export function checkPath(arg: string, access: Access, ctx: PolicyContext, options: { editor?: boolean } = {}): Denial | undefined {
  if (arg === '') return deny('path.empty', 'an empty path names nothing');
  const roots = access === 'write' ? [ctx.workspace] : [ctx.workspace, ...ctx.readRoots];
  const where = access === 'write' ? 'your workspace' : roots.length > 1 ? 'your workspace or the readable roots' : 'your workspace';
  const absolute = resolve(ctx.cwd, arg);
  if (!roots.some((root) => isWithin(absolute, root))) {
    const climbs = arg.split('/').includes('..');
    return climbs
      ? deny('path.traversal', `"${arg}" climbs out of ${where} with ..`)
      : deny('path.outside-roots', `"${arg}" is outside ${where}`);
  }
  const real = realOrParent(absolute, ctx);
  if (real === undefined || !roots.some((root) => isWithin(real, root))) {
    return deny('path.symlink-escape', `"${arg}" is a symbolic link (or inside one) that leads out of ${where}`);
  }
  if (options.editor) {
    const inside = relative(ctx.workspace, real).split(sep);
    if (inside.includes('.git')) return deny('path.git-internals', `"${arg}" is inside a .git directory, whose files can make git run programs`);
  }
  return undefined;
}

/** The real path of `absolute`, or of its nearest existing ancestor with the rest appended. */
function realOrParent(absolute: string, ctx: PolicyContext): string | undefined {
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    const real = ctx.inspector.realpath(current);
    if (real !== undefined) return missing.length ? resolve(real, ...missing.reverse()) : real;
    const parent = resolve(current, '..');
    if (parent === current) return undefined;
    missing.push(current.slice(parent.length).replace(/^\//, ''));
    current = parent;
  }
}
