import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  apiClientEvents,
  beatRequestSchema,
  createProjectRequestSchema,
  generationAcceptedSchema,
  GENERATION_STATES,
  listProjectsQuerySchema,
  loginRequestSchema,
  registerRequestSchema,
  serverEventSchemas,
  updateProjectRequestSchema,
} from '@dawg/contracts';
import { REPO_ROOT } from '@dawg/testing';
import { durationSeconds, evaluateThreshold, fill } from '../../load-tests/lib/plan.js';
import { runNodeScript } from './node-scripts';

const LOAD_TESTS = join(REPO_ROOT, 'load-tests');
const read = (file: string) => readFileSync(join(LOAD_TESTS, file), 'utf8');

interface ScenarioRequest {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  expect: number;
  capture?: Record<string, string>;
}
interface Plan {
  thresholds: Record<string, string[]>;
  auth: { register: ScenarioRequest; login: ScenarioRequest; passwordForNewUsers: string };
  scenarios: {
    rest: { load: { vus: number; duration: string; thinkSeconds: number }; requests: ScenarioRequest[] };
    websocket: {
      load: { vus: number; duration: string };
      socketPath: string;
      createProject: ScenarioRequest;
      subscribe: { event: string; payload: unknown };
      change: ScenarioRequest;
      expectEvent: string;
    };
    generation: { load: { vus: number; duration: string }; submit: ScenarioRequest; status: ScenarioRequest; succeededState: string; finalStates: string[] };
  };
}
const plan = JSON.parse(read('scenarios.json')) as Plan;
const K6_SCRIPTS = { 'rest.js': 'rest', 'websocket.js': 'websocket', 'generation.js': 'generation' } as const;

describe('the load scenarios (load-tests/scenarios.json)', () => {
  it('keep the original thresholds: p95 under 300 ms, no failed request, every check passing', () => {
    expect(plan.thresholds).toEqual({ http_req_duration: ['p(95)<300'], http_req_failed: ['rate==0'], checks: ['rate==1.0'] });
  });

  it('send bodies the api’s contracts accept, to its routes', () => {
    const vars = { email: 'k6@example.com', password: fill(plan.auth.passwordForNewUsers, { random: 'x' }), vu: 1, iteration: 0, projectId: '0b5c7f4e-8d7a-4f3e-9c1a-2b3c4d5e6f70', version: 1, bpm: 120, seed: 7 };
    expect(registerRequestSchema.safeParse(fill(plan.auth.register.body, vars)).success).toBe(true);
    expect(loginRequestSchema.safeParse(fill(plan.auth.login.body, vars)).success).toBe(true);
    const [list, create, get] = plan.scenarios.rest.requests;
    expect([list!.method, list!.path.split('?')[0], create!.method, create!.path, get!.method, get!.path]).toEqual(['GET', '/api/v1/projects', 'POST', '/api/v1/projects', 'GET', '/api/v1/projects/{projectId}']);
    expect(listProjectsQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(list!.path.split('?')[1]))).success).toBe(true);
    expect(createProjectRequestSchema.safeParse(fill(create!.body, vars)).success).toBe(true);

    const ws = plan.scenarios.websocket;
    expect(createProjectRequestSchema.safeParse(fill(ws.createProject.body, vars)).success).toBe(true);
    expect(updateProjectRequestSchema.safeParse(fill(ws.change.body, vars)).success).toBe(true);
    expect(apiClientEvents[ws.subscribe.event as keyof typeof apiClientEvents].request.safeParse(fill(ws.subscribe.payload, vars)).success).toBe(true);
    expect(Object.keys(serverEventSchemas)).toContain(ws.expectEvent);
    expect(ws.socketPath).toBe('/socket.io/');

    const generation = plan.scenarios.generation;
    expect([generation.submit.method, generation.submit.path, generation.submit.expect]).toEqual(['POST', '/api/v1/generate/beat', 202]);
    expect(beatRequestSchema.safeParse(fill(generation.submit.body, vars)).success).toBe(true);
    expect(Object.keys(generationAcceptedSchema.shape)).toContain(generation.submit.capture!.jobId);
    expect(generation.status.path).toBe('/api/v1/generate/status/{jobId}');
    expect(GENERATION_STATES).toEqual(expect.arrayContaining(generation.finalStates));
    expect(generation.finalStates).toContain(generation.succeededState);
  });

  it('fill templates keeping whole-placeholder values typed', () => {
    expect(fill({ seed: '{seed}', name: 'Load {vu}-{iteration}', keep: '{unknown}' }, { seed: 7, vu: 2, iteration: 3 })).toEqual({ seed: 7, name: 'Load 2-3', keep: '{unknown}' });
  });
});

describe('the k6 scripts', () => {
  it.each(Object.entries(K6_SCRIPTS))('%s reads its scenario and the thresholds from scenarios.json, and nothing else of the api', (file, scenario) => {
    const script = read(file);
    expect(script).toContain("JSON.parse(open('./scenarios.json'))");
    expect(script).toContain(`plan.scenarios.${scenario}`);
    expect(script).toContain('loadOptions(scenario, plan.thresholds)');
    expect(script).toContain('export function setup()');
    // Routes and bodies come from the shared file only.
    expect(script).not.toMatch(/['"`]\/api\/v1/);
    const imports = [...script.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    for (const module of imports) expect(['k6', 'k6/http', 'k6/ws', 'k6/metrics', './lib/dawg.js']).toContain(module);
    // Valid ES module syntax (node parses without resolving k6's modules).
    expect(spawnSync(process.execPath, ['--check', join(LOAD_TESTS, file)], { encoding: 'utf8' })).toMatchObject({ status: 0, stderr: '' });
  });

  it('speak Engine.IO v4 / Socket.IO v5 on the WebSocket: ?EIO=4&transport=websocket, CONNECT with the token, acked subscribe', () => {
    const lib = read('lib/dawg.js');
    expect(lib).toContain('?EIO=4&transport=websocket');
    expect(lib).toContain("connect: (auth) => `40${JSON.stringify(auth)}`");
    expect(lib).toContain('emit: (ackId, event, payload) => `42${ackId}${JSON.stringify([event, payload])}`');
    expect(lib).toContain("import { capture, fill } from './plan.js';");
    const ws = read('websocket.js');
    expect(ws).toContain("import ws from 'k6/ws';");
    expect(ws).toContain('engineIo.connect({ token: data.token })');
    expect(ws).toContain('socket.send(engineIo.pong)');
  });

  it('are described in the README, with how to run them with k6 as they are', () => {
    const readme = read('README.md');
    for (const file of Object.keys(K6_SCRIPTS)) expect(readme).toContain(`k6 run -e BASE_URL=https://dawg.example.com load-tests/${file}`);
    expect(readme).toContain('npm run load:local');
  });
});

describe('the local runner (npm run load:local)', () => {
  it('reads the same scenarios.json and shares lib/plan.js with k6', () => {
    const runner = read('run-local.mjs');
    expect(runner).toContain("join(root, 'load-tests', 'scenarios.json')");
    expect(runner).toContain("from './lib/plan.js'");
    expect(runner).toContain("from '../tests/bench/bench-kit.mjs'");
    expect(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts['load:local']).toBe('bash tools/node22.sh node load-tests/run-local.mjs');
  });

  it('loads its scenario module under Node and judges thresholds as k6 does', () => {
    const loaded = runNodeScript('load-tests/lib/plan.js');
    expect(loaded).toMatchObject({ status: 0, stderr: '' });
    const trend = { values: Array.from({ length: 100 }, (_, i) => i + 1) };
    expect(evaluateThreshold('p(95)<300', trend)).toMatchObject({ ok: true, value: 95.05 });
    expect(evaluateThreshold('p(95)<90', trend).ok).toBe(false);
    expect(evaluateThreshold('rate==0', { passes: 0, total: 10 }).ok).toBe(true);
    expect(evaluateThreshold('rate==0', { passes: 1, total: 10 }).ok).toBe(false);
    expect(evaluateThreshold('rate==1.0', { passes: 10, total: 10 }).ok).toBe(true);
    expect(evaluateThreshold('rate==1.0', { passes: 0, total: 0 }).ok).toBe(false);
    expect(() => evaluateThreshold('p95 < 300', trend)).toThrow('threshold not understood');
    for (const name of ['rest', 'websocket', 'generation'] as const) expect(durationSeconds(plan.scenarios[name].load.duration)).toBeGreaterThan(0);
    expect(durationSeconds('1h30m')).toBe(5400);
  });
});
