import fc from 'fast-check';
import { type CreatedApiKey, type Project, type TakeGroup, type Track } from '@dawg/contracts';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, type S3TestServer, startS3Server, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { apiEnv, apiService } from '../src/definition';
import { ApiClient } from './support/api-client';
import { sineWav } from './support/wav';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  maxLength?: number;
  format?: string;
  pattern?: string;
};

const PATTERN_SAMPLES = ['#12ab9F', 'audio/wav', 'application/octet-stream', 'take.wav', 'Lead Vox'];
type Operation = { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };

/** Ids of real objects, by the body field that refers to them, so generated bodies reach the service logic. */
const ids: Record<string, string> = {};
const ID_FIELDS: Record<string, string> = { trackId: 'tracks', takeGroupId: 'takes', audioFileId: 'audio', activeClipId: 'clips', projectId: 'projectId' };

/**
 * Mostly values the schema accepts (so requests get past validation into the
 * service and database), sometimes edge values and plainly wrong ones.
 */
function valueFor(schema: JsonSchema | undefined, field = '', depth = 0): fc.Arbitrary<unknown> {
  const wild = fc.jsonValue({ maxDepth: 2 });
  if (!schema || depth > 4) return wild;
  const good: fc.Arbitrary<unknown>[] = [];
  if (schema.enum) good.push(fc.constantFrom(...schema.enum));
  else if (schema.pattern) {
    const fitting = PATTERN_SAMPLES.filter((v) => new RegExp(schema.pattern!).test(v));
    if (fitting.length) good.push(fc.constantFrom(...fitting));
  }
  if (schema.const !== undefined) good.push(fc.constant(schema.const));
  for (const option of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) good.push(valueFor(option, field, depth + 1));
  const types = [schema.type ?? []].flat();
  if (types.includes('string') && !schema.enum && !schema.pattern) {
    if (ID_FIELDS[field]) good.push(fc.constant(ids[ID_FIELDS[field]!]), fc.uuid());
    else if (schema.format === 'uuid') good.push(fc.uuid());
    else if (schema.format === 'email') good.push(fc.constantFrom('friend@example.com', 'fuzz@example.com', 'nobody@example.com'));
    else good.push(fc.string({ minLength: 1, maxLength: Math.min(schema.maxLength ?? 40, 40) }), fc.constantFrom('#12ab9F', 'verse', 'pro'));
  }
  if (types.includes('number') || types.includes('integer')) {
    const min = schema.minimum ?? schema.exclusiveMinimum ?? -1e6;
    const max = schema.maximum ?? 1e6;
    good.push(field === 'version' ? fc.integer({ min: 1, max: 4 }) : types.includes('integer') ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true }));
  }
  if (types.includes('boolean')) good.push(fc.boolean());
  if (types.includes('null')) good.push(fc.constant(null));
  if (types.includes('array')) good.push(fc.array(valueFor(schema.items, '', depth + 1), { maxLength: 4 }));
  if (types.includes('object') && schema.properties) good.push(objectFor(schema, depth + 1));
  const edge = fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', 'x'.repeat(5000), 0, -1, 1e308, 2 ** 53, 0.5, true, null, [], {});
  return good.length ? fc.oneof({ arbitrary: fc.oneof(...good), weight: 30 }, { arbitrary: edge, weight: 1 }, { arbitrary: wild, weight: 1 }) : fc.oneof(edge, wild);
}

function objectFor(schema: JsonSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, valueFor(v, k, depth)]));
  const required = (schema.required ?? []).filter((k) => k in fields);
  return fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.subarray(required, { minLength: Math.max(0, required.length - 1) }),
      fc.record(Object.fromEntries(required.map((k) => [k, fields[k]!]))),
      fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }), weight: 1 }),
    )
    .map(([optional, keep, requiredValues, extra]) => {
      const body: Record<string, unknown> = { ...(extra ?? {}), ...optional };
      for (const k of keep) body[k] = requiredValues[k];
      return body;
    });
}

describe('every write route, fed arbitrary bodies (fast-check)', () => {
  let db: TestDatabase;
  let s3: S3TestServer;
  let service: RunningService;
  let api: ApiClient;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    s3 = await startS3Server();
    const env = loadConfig(apiEnv, { ...testServiceEnv(db.url), ...s3.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_AUTH: '100000/900', RATE_LIMIT_GENERAL: '100000/900', RATE_LIMIT_GENERATION: '100000/900' });
    service = await startService(apiService, env);
    api = new ApiClient(service.url);
    // Real objects behind the path parameters, so requests get past "not found" into the logic.
    const session = await api.register('fuzz@example.com');
    token = session.tokens.accessToken;
    const friend = await api.register('friend@example.com');
    ids.userId = friend.user.id;
    const project = (await api.call<Project>('POST', '/projects', { name: 'Fuzz' }, token)).body;
    ids.projectId = project.id;
    await api.call('POST', `/projects/${project.id}/collaborators`, { email: 'friend@example.com', role: 'editor' }, token);
    const track = (await api.call<Track>('POST', `/projects/${project.id}/tracks`, { name: 'T', kind: 'audio' }, token)).body;
    ids.tracks = track.id;
    const take = (await api.call<TakeGroup>('POST', `/projects/${project.id}/takes`, { trackId: track.id, startBeat: 0, lengthBeats: 4 }, token)).body;
    ids.takes = take.id;
    ids.clips = (await api.call<{ id: string }>('POST', `/projects/${project.id}/clips`, { trackId: track.id, startBeat: 0, lengthBeats: 4, takeGroupId: take.id }, token)).body.id;
    ids.markers = (await api.call<{ id: string }>('POST', `/projects/${project.id}/markers`, { name: 'Verse', beat: 0 }, token)).body.id;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(sineWav({ seconds: 0.1 }))]), 'a.wav');
    ids.audio = ((await (await fetch(`${service.url}/api/v1/audio`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })).json()) as { id: string }).id;
    ids['api-keys'] = (await api.call<CreatedApiKey>('POST', '/api-keys', { name: 'k', scopes: ['projects:read'] }, token)).body.apiKey.id;
  });
  afterAll(async () => {
    await service?.shutdown();
    await s3?.close();
    await db?.drop();
  });

  /** `{id}` is the object the path names: /projects/{id}, /projects/{projectId}/tracks/{id}, /audio/{id}, ... */
  const fillPath = (template: string, random: string) =>
    template.replace(/\{(\w+)\}/g, (_m, name: string, offset: number) => {
      if (random && name === 'id') return random;
      if (name !== 'id') return ids[name] ?? random;
      const collection = template.slice(0, offset).split('/').filter(Boolean).at(-1)!;
      return (collection === 'projects' ? ids.projectId : ids[collection]) ?? '00000000-0000-4000-8000-000000000000';
    });

  it('never answers 5xx, whatever the body, query or ids', async () => {
    const doc = (await (await fetch(`${service.url}/api/v1/docs.json`)).json()) as { paths: Record<string, Record<string, Operation>> };
    const routes = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })))
      .filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))
      // Deletions last, deepest first, so the objects stay there for the other routes.
      .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE') || (a.method === 'DELETE' ? b.path.length - a.path.length : 0));
    expect(routes.length).toBeGreaterThan(25);

    const failures: string[] = [];
    // Routes where some generated request succeeded: proof the inputs reach the logic, not only validation.
    const succeeded = new Set<string>();
    for (const route of routes) {
      const schema = route.op.requestBody?.content?.['application/json']?.schema;
      await fc.assert(
        fc.asyncProperty(
          schema ? fc.oneof({ arbitrary: objectFor(schema), weight: 4 }, { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 }) : fc.constant(undefined),
          fc.oneof({ arbitrary: fc.constant(''), weight: 6 }, fc.uuid(), fc.string({ maxLength: 12 }).map(encodeURIComponent)),
          fc.option(fc.oneof(fc.integer({ min: 1, max: 3 }).map(String), fc.string({ maxLength: 20 })).map((s) => `?version=${encodeURIComponent(s)}`), { nil: '' }),
          async (body, randomId, query) => {
            const path = fillPath(route.path, randomId) + (route.method === 'DELETE' ? query : '');
            const res = await fetch(`${service.url}${path}`, {
              method: route.method,
              headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
              body: body === undefined ? undefined : JSON.stringify(body),
            });
            const text = await res.text();
            if (res.status < 300) succeeded.add(`${route.method} ${route.path}`);
            if (res.status >= 500) failures.push(`${route.method} ${path} ${JSON.stringify(body)?.slice(0, 300)} -> ${res.status} ${text.slice(0, 300)}`);
            return res.status < 500;
          },
        ),
        { numRuns: 40, endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
    expect(succeeded.size).toBeGreaterThan(routes.length / 3);
  });
});
