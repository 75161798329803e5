import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '@dawg/testing';

interface NxGraph {
  graph: {
    nodes: Record<string, { data: { root: string; tags?: string[] } }>;
    dependencies: Record<string, Array<{ target: string }>>;
  };
}

function nxGraph(): NxGraph['graph'] {
  const dir = mkdtempSync(join(tmpdir(), 'dawg-graph-'));
  try {
    const file = join(dir, 'graph.json');
    execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/nx/dist/bin/nx.js'), 'graph', `--file=${file}`], {
      cwd: REPO_ROOT,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true' },
      stdio: 'pipe',
    });
    return (JSON.parse(readFileSync(file, 'utf8')) as NxGraph).graph;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'dist'].includes(entry.name) ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const DAWG_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](@dawg\/[\w-]+)/g;

describe('module boundaries', () => {
  const graph = nxGraph();
  const tagsOf = (project: string) => graph.nodes[project]?.data.tags ?? [];

  it('the Nx project graph has no cycles', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (node: string, path: string[]): void => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'visiting') throw new Error(`dependency cycle: ${[...path, node].join(' -> ')}`);
      state.set(node, 'visiting');
      for (const dep of graph.dependencies[node] ?? []) if (graph.nodes[dep.target]) visit(dep.target, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of Object.keys(graph.nodes)) visit(node, []);
    // Every workspace is a project of the graph, and nothing else is.
    const workspaces = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
    const names = workspaces.map((dir) => (JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8')) as { name: string }).name);
    expect(Object.keys(graph.nodes).sort()).toEqual(names.sort());
    expect(names).toEqual(expect.arrayContaining(['@dawg/api', '@dawg/storage', '@dawg/audio-analysis', '@dawg/unified']));
  });

  it('pure libraries (no NestJS, no I/O) depend only on pure libraries', () => {
    const offences: string[] = [];
    for (const [project, deps] of Object.entries(graph.dependencies)) {
      if (!tagsOf(project).includes('kind:pure')) continue;
      for (const { target } of deps.filter((d) => graph.nodes[d.target])) if (!tagsOf(target).includes('kind:pure')) offences.push(`${project} -> ${target}`);
      const pkg = JSON.parse(readFileSync(join(REPO_ROOT, graph.nodes[project]!.data.root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      for (const dep of Object.keys(pkg.dependencies ?? {})) if (/^@nestjs\/|^(pg|ioredis|typeorm|fastify)$/.test(dep)) offences.push(`${project} -> ${dep}`);
    }
    expect(Object.keys(graph.nodes).filter((p) => tagsOf(p).includes('kind:pure'))).toContain('@dawg/audio-analysis');
    expect(offences).toEqual([]);
  });

  it('libraries depend only on libraries, and only unified depends on services', () => {
    const offences: string[] = [];
    for (const [project, deps] of Object.entries(graph.dependencies)) {
      for (const { target } of deps.filter((d) => graph.nodes[d.target])) {
        const targetIsDeployable = tagsOf(target).some((t) => t === 'type:service' || t === 'type:composition');
        if (targetIsDeployable && !tagsOf(project).includes('type:composition')) offences.push(`${project} -> ${target}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('every @dawg import in the source is a declared dependency, so the graph above is the real one', () => {
    const undeclared: string[] = [];
    for (const node of Object.values(graph.nodes)) {
      const root = join(REPO_ROOT, node.data.root);
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; dependencies?: object; devDependencies?: object };
      const declared = new Set([pkg.name, ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
      for (const file of sourceFiles(root)) {
        for (const [, imported] of readFileSync(file, 'utf8').matchAll(DAWG_IMPORT)) {
          if (!declared.has(imported!)) undeclared.push(`${relative(REPO_ROOT, file)} imports ${imported}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });
});
