import { chmodSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayHarness, type TestKey, type TestUser } from './harness';

/**
 * GTFOBins-style escapes and argument injection, each over the real
 * OpenSSH client against the gateway: every one is refused with exit 126 and
 * the rule that fired, recorded as denied in the audit, and none of them
 * leaves a marker file or shows a secret from outside the workspace.
 * {M} is a marker path (a directory the commands' user could write, so a
 * working escape would leave a file there), S a secret file outside the
 * workspace that the commands' user could read.
 */
const ESCAPES: Array<[line: string, rule: string]> = [
  // git: configuration, helpers, transports and files outside
  [`git -c core.pager='touch {M}' log`, 'git.config-override'],
  [`git -c alias.x='!touch {M}' x`, 'git.config-override'],
  [`git --config-env=core.sshCommand=HOME fetch origin`, 'git.config-override'],
  [`git clone --config core.sshCommand='touch {M}' https://example.invalid/r.git`, 'git.config-override'],
  [`git fetch --upload-pack='touch {M}' .`, 'git.upload-pack'],
  [`git ls-remote --upload-pack='touch {M}' .`, 'git.upload-pack'],
  [`git clone -u 'touch {M}' https://example.invalid/r.git r`, 'git.upload-pack'],
  [`git clone --upload-p='touch {M}' https://example.invalid/r.git`, 'git.upload-pack'],
  [`git push --receive-pack='touch {M}' origin`, 'git.upload-pack'],
  [`git clone --template={S} https://example.invalid/r.git`, 'git.template'],
  [`git config core.sshCommand 'touch {M}'`, 'git.subcommand'],
  [`git submodule foreach 'touch {M}'`, 'git.subcommand'],
  [`git difftool -x 'touch {M}'`, 'git.subcommand'],
  [`git rebase --exec 'touch {M}' HEAD`, 'git.subcommand'],
  [`git -C / status`, 'git.change-directory'],
  [`git --git-dir=/ log`, 'git.repository-override'],
  [`git --exec-path=/tmp status`, 'git.exec-path'],
  [`git log --output={M}`, 'git.output'],
  [`git diff --no-index {S} /dev/null`, 'git.no-index'],
  [`git grep --open-files-in-pager='touch {M}' x`, 'git.pager'],
  [`git grep -O'touch {M}' x`, 'git.pager'],
  [`git diff --ext-diff`, 'git.external-diff'],
  [`git fetch 'ext::sh -c touch% {M}'`, 'git.transport'],
  [`git blame --contents={S} notes.txt`, 'path.outside-roots'],
  [`git diff {S} notes.txt`, 'path.outside-roots'],
  [`git init /tmp/dawg-escape-repo`, 'path.outside-roots'],
  // environment
  [`GIT_SSH_COMMAND='touch {M}' git fetch origin`, 'env.assignment'],
  [`LD_PRELOAD={S} ls`, 'env.assignment'],
  // programs that run programs
  [`find . -exec touch {M} +`, 'command.not-allowed'],
  [`awk 'BEGIN{system("touch {M}")}'`, 'command.not-allowed'],
  [`sed -n '1e touch {M}' notes.txt`, 'command.not-allowed'],
  [`less notes.txt`, 'command.not-allowed'],
  [`env touch {M}`, 'command.not-allowed'],
  [`perl -e 'system("touch {M}")'`, 'command.not-allowed'],
  [`sh -c 'touch {M}'`, 'command.shell'],
  [`bash -c 'touch {M}'`, 'command.shell'],
  [`/bin/sh -c 'touch {M}'`, 'command.path'],
  [`./evil.sh`, 'command.path'],
  [`python3 -c 'import os; os.system("touch {M}")'`, 'ai-cli.disabled'],
  [`node -e 'require("child_process").execSync("touch {M}")'`, 'ai-cli.disabled'],
  // editors: only file names, and only inside the workspace and outside .git
  [`vim -c ':!touch {M}' notes.txt`, 'vim.option'],
  [`vim '+:!touch {M}' notes.txt`, 'vim.option'],
  [`vim --cmd '!touch {M}' notes.txt`, 'vim.option'],
  [`vim -S {S} notes.txt`, 'vim.option'],
  [`vim repo/.git/config`, 'path.git-internals'],
  [`nano --speller='touch {M}' notes.txt`, 'nano.option'],
  // paths
  [`cat {S}`, 'path.outside-roots'],
  [`cat /proc/self/environ`, 'path.outside-roots'],
  [`cat ../../../../../../../../etc/passwd`, 'path.traversal'],
  [`cat leak`, 'path.symlink-escape'],
  [`ls linked-dir/`, 'path.symlink-escape'],
  [`ls -L .`, 'ls.follow-symlinks'],
  [`grep -R TOKEN .`, 'grep.follow-symlinks'],
  [`grep -f {S} notes.txt`, 'path.outside-roots'],
  // argument injection: options are checked against a list, never passed through
  [`cat --files0-from={S}`, 'args.unknown-option'],
  [`grep --exclude-from={S} x .`, 'args.unknown-option'],
  [`ls --color=never --dereference`, 'ls.follow-symlinks'],
  [`ps --exec touch`, 'args.unknown-option'],
  [`ps auxe`, 'ps.environment'],
  // shell syntax: nothing is ever handed to a shell
  [`echo hi; touch {M}`, 'syntax.chain'],
  [`echo hi && touch {M}`, 'syntax.chain'],
  [`echo hi || touch {M}`, 'syntax.chain'],
  [`echo hi | tee {M}`, 'syntax.pipe'],
  [`echo $(touch {M})`, 'syntax.substitution'],
  ['echo `touch {M}`', 'syntax.substitution'],
  [`echo "$(touch {M})"`, 'syntax.substitution'],
  [`echo <(touch {M})`, 'syntax.substitution'],
  [`echo hi > {M}`, 'syntax.redirect'],
  [`cat < {S}`, 'syntax.redirect'],
  [`(touch {M})`, 'syntax.subshell'],
  [`touch {M} &`, 'syntax.background'],
  [`echo \${IFS}`, 'syntax.expansion'],
  [`ls *`, 'syntax.glob'],
  [`cat ~/.ssh/id_rsa`, 'syntax.tilde'],
  ['echo hi\ntouch {M}', 'syntax.control-character'],
];

describe('escape attempts over SSH', () => {
  const h = new GatewayHarness();
  let user: TestUser;
  let key: TestKey;
  let markers: string;
  let secret: string;
  const token = `SECRET-${Math.random().toString(36).slice(2)}`;
  let workspace: string;

  beforeAll(async () => {
    // Each user's commands run as a uid of their own, which is what lets vim run at all.
    await h.start({ GATEWAY_USER_UID_BASE: '200000' });
    user = await h.user('escapes@example.com');
    key = await h.registeredKey(user);
    markers = join(h.dir, 'markers');
    mkdirSync(markers);
    chmodSync(markers, 0o777);
    secret = join(h.dir, 'secret.txt');
    writeFileSync(secret, `${token}\n`, { mode: 0o644 });
    // The workspace is made at the first command.
    workspace = (await h.ssh(key.path, 'pwd')).stdout.trim();
    writeFileSync(join(workspace, 'notes.txt'), 'notes\n');
    symlinkSync(secret, join(workspace, 'leak'));
    symlinkSync('/etc', join(workspace, 'linked-dir'));
    mkdirSync(join(workspace, 'repo', '.git'), { recursive: true });
  }, 60_000);
  afterAll(() => h.stop());

  it(`has at least 40 entries`, () => {
    expect(ESCAPES.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses every one with its rule, runs nothing, and records each as denied', async () => {
    const results: Array<{ line: string; expected: string; code: number | null; stderr: string; stdout: string }> = [];
    const queue = ESCAPES.map(([line, rule], i) => ({ line: line.replaceAll('{M}', join(markers, `m${i}`)).replaceAll('{S}', secret), rule }));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const r = await h.ssh(key.path, next.line);
        results.push({ line: next.line, expected: next.rule, ...r });
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const wrong = results.filter((r) => r.code !== 126 || !r.stderr.includes(`denied by rule ${r.expected}:`));
    expect(wrong.map((r) => ({ line: r.line, expected: r.expected, code: r.code, stderr: r.stderr.trim() }))).toEqual([]);
    expect(readdirSync(markers)).toEqual([]);
    for (const r of results) expect(r.stdout + r.stderr).not.toContain(token);

    const audit = await h.sql<{ decision: string; rule: string }>(`SELECT decision, rule FROM gateway_commands WHERE user_id = $1 AND decision = 'denied'`, [user.id]);
    expect(audit.length).toBe(ESCAPES.length);
    expect(new Set(audit.map((a) => a.rule))).toEqual(new Set(ESCAPES.map(([, rule]) => rule)));
  });

  it('refuses a repository whose own config would make git run a program (core.fsmonitor, filter drivers)', async () => {
    const other = await h.user('evil-repo@example.com');
    const otherKey = await h.registeredKey(other);
    const home = (await h.ssh(otherKey.path, 'pwd')).stdout.trim();
    mkdirSync(join(home, '.git'));
    const marker = join(markers, 'fsmonitor');
    writeFileSync(join(home, '.git', 'config'), `[core]\n\tfsmonitor = touch ${marker}\n[filter "x"]\n\tclean = touch ${marker}\n`);
    const r = await h.ssh(otherKey.path, 'git status');
    expect(r.code).toBe(126);
    expect(r.stderr).toContain('denied by rule git.repo-config:');
    expect(r.stderr).toContain('core.fsmonitor');
    expect(readdirSync(markers)).toEqual([]);
  });

  it('runs vim only in restricted mode: a shell escape typed into it runs nothing', async () => {
    const marker = join(markers, 'vim');
    const r = await h.ssh(key.path, 'vim notes.txt', { input: `:!touch ${marker}\n:call system('touch ${marker}')\n:terminal\n:q!\n` });
    const installed = ['vim', 'vim.basic', 'vim.tiny'].some((name) => ['/usr/local/bin', '/usr/bin', '/bin'].some((dir) => existsSync(join(dir, name))));
    if (installed) {
      expect(r.code).toBe(0);
      // E145: "Shell commands and some functionality not allowed in rvim".
      expect(r.stdout).toContain('E145');
    } else {
      // Without vim on this machine the gateway says so; the escape still runs nothing.
      expect(r).toMatchObject({ code: 127, stderr: expect.stringContaining('denied by rule command.not-installed') });
    }
    expect(readdirSync(markers)).toEqual([]);
  });
});
