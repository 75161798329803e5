import { readdirSync, readFileSync } from 'node:fs';

/**
 * Ends a command's processes: the process group it was started in (its own:
 * it is spawned detached, as a session leader), and every descendant still
 * linked to it by parent id, in case one moved to a group of its own.
 */
export function killProcessTree(pid: number, signal: NodeJS.Signals): void {
  const targets = [pid, ...descendants(pid)];
  tryKill(-pid, signal);
  for (const target of targets) {
    tryKill(target, signal);
    // A descendant that made its own group takes that group with it.
    tryKill(-target, signal);
  }
}

/**
 * Sends a signal (Ctrl-C, an SSH `signal` request) to every process of a
 * command: its group and each descendant. A command may sit behind the
 * programs that confine it (setpriv, unshare, timeout), in a namespace or a
 * process group of its own, so signalling the group alone would miss it.
 */
export function signalProcessTree(pid: number, signal: NodeJS.Signals): void {
  tryKill(-pid, signal);
  for (const target of [pid, ...descendants(pid)]) tryKill(target, signal);
}

function tryKill(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal);
  } catch {
    // ESRCH: already gone; EPERM: not ours (a pid reused by someone else's process), never ours to kill.
  }
}

/** Pids whose parent chain leads to `root`, read from /proc (empty where there is no /proc). */
export function descendants(root: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}
