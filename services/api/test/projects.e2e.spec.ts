import { Client } from 'pg';
import { type Clip, type Marker, type Project, projectDocumentSchema, projectPageSchema, type TakeGroup, type Track } from '@dawg/contracts';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { apiEnv, apiService } from '../src/definition';
import { ApiClient } from './support/api-client';

describe('projects, timeline and collaborators', () => {
  let db: TestDatabase;
  let service: RunningService;
  let api: ApiClient;
  let owner: string;
  let stranger: string;
  let viewer: string;
  let editor: string;
  let project: Project;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = loadConfig(apiEnv, { ...testServiceEnv(db.url), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_AUTH: '1000/900', RATE_LIMIT_GENERAL: '10000/900' });
    service = await startService(apiService, env);
    api = new ApiClient(service.url);
    owner = (await api.register('owner@example.com', 'Owner')).tokens.accessToken;
    stranger = (await api.register('stranger@example.com', 'Stranger')).tokens.accessToken;
    viewer = (await api.register('viewer@example.com', 'Viewer')).tokens.accessToken;
    editor = (await api.register('editor@example.com', 'Editor')).tokens.accessToken;
    const created = await api.call<Project>('POST', '/projects', { name: 'Night Drive', bpm: 92, key: { tonic: 'F', scale: 'minor' } }, owner);
    expect(created.status).toBe(201);
    project = created.body;
    expect(project).toMatchObject({ name: 'Night Drive', bpm: 92, key: { tonic: 'F', scale: 'minor' }, role: 'owner', version: 1, timeSignature: { numerator: 4, denominator: 4 } });
    expect((await api.call('POST', `/projects/${project.id}/collaborators`, { email: 'viewer@example.com', role: 'viewer' }, owner)).status).toBe(201);
    expect((await api.call('POST', `/projects/${project.id}/collaborators`, { email: 'EDITOR@example.com', role: 'editor' }, owner)).status).toBe(201);
  });
  afterAll(async () => {
    await service?.shutdown();
    await db?.drop();
  });

  const base = () => `/projects/${project.id}`;

  it('builds a timeline: tracks in order, audio and MIDI clips, markers, takes with one active', async () => {
    const drums = await api.call<Track>('POST', `${base()}/tracks`, { name: 'Drums', kind: 'midi' }, owner);
    const vox = await api.call<Track>('POST', `${base()}/tracks`, { name: 'Lead Vox', kind: 'audio', volumeDb: -3, pan: -0.2, color: '#112233' }, owner);
    const bass = await api.call<Track>('POST', `${base()}/tracks`, { name: 'Bass', kind: 'midi', order: 0 }, editor);
    expect([drums.status, vox.status, bass.status]).toEqual([201, 201, 201]);
    const tracks = await api.call<{ items: Track[] }>('GET', `${base()}/tracks`, undefined, viewer);
    expect(tracks.body.items.map((t) => [t.name, t.order])).toEqual([['Bass', 0], ['Drums', 1], ['Lead Vox', 2]]);

    const moved = await api.call<Track>('PATCH', `${base()}/tracks/${bass.body.id}`, { order: 2, mute: true, version: 1 }, owner);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ order: 2, mute: true, version: 2 });
    const reordered = await api.call<{ items: Track[] }>('GET', `${base()}/tracks`, undefined, owner);
    expect(reordered.body.items.map((t) => t.name)).toEqual(['Drums', 'Lead Vox', 'Bass']);

    const notes = [{ pitch: 36, startBeat: 0, lengthBeats: 0.5, velocity: 110 }];
    const beat = await api.call<Clip>('POST', `${base()}/clips`, { trackId: drums.body.id, startBeat: 0, lengthBeats: 16, notes }, owner);
    expect(beat.status).toBe(201);
    expect(beat.body).toMatchObject({ notes, takeGroupId: null, gainDb: 0 });

    // Content must suit the track: notes on an audio track are refused with the field named.
    const wrong = await api.call('POST', `${base()}/clips`, { trackId: vox.body.id, startBeat: 0, lengthBeats: 4, notes }, owner);
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body.error!.details)).toContain('notes');

    const group = await api.call<TakeGroup>('POST', `${base()}/takes`, { trackId: vox.body.id, startBeat: 16, lengthBeats: 8, name: 'Verse 1' }, owner);
    expect(group.status).toBe(201);
    const take1 = await api.call<Clip>('POST', `${base()}/clips`, { trackId: vox.body.id, startBeat: 16, lengthBeats: 8, takeGroupId: group.body.id, fadeInSeconds: 0.01 }, owner);
    const take2 = await api.call<Clip>('POST', `${base()}/clips`, { trackId: vox.body.id, startBeat: 16, lengthBeats: 8, takeGroupId: group.body.id }, owner);
    let groups = await api.call<{ items: TakeGroup[] }>('GET', `${base()}/takes`, undefined, viewer);
    expect(groups.body.items[0]).toMatchObject({ clipIds: [take1.body.id, take2.body.id], activeClipId: take2.body.id });
    const pick = await api.call<TakeGroup>('PATCH', `${base()}/takes/${group.body.id}`, { activeClipId: take1.body.id, version: groups.body.items[0]!.version }, owner);
    expect(pick.status).toBe(200);
    groups = await api.call<{ items: TakeGroup[] }>('GET', `${base()}/takes`, undefined, viewer);
    expect(groups.body.items[0]!.activeClipId).toBe(take1.body.id);
    const foreignTake = await api.call('PATCH', `${base()}/takes/${group.body.id}`, { activeClipId: beat.body.id, version: pick.body.version }, owner);
    expect(foreignTake.status).toBe(400);

    const chorus = await api.call<Marker>('POST', `${base()}/markers`, { name: 'Chorus', kind: 'chorus', beat: 32 }, owner);
    expect(chorus.status).toBe(201);
    const renamed = await api.call<Marker>('PATCH', `${base()}/markers/${chorus.body.id}`, { name: 'Big Chorus', version: 1 }, editor);
    expect(renamed.body).toMatchObject({ name: 'Big Chorus', kind: 'chorus', version: 2 });

    const doc = await api.call('GET', `${base()}/export`, undefined, viewer);
    expect(doc.status).toBe(200);
    const parsed = projectDocumentSchema.parse(doc.body);
    expect(parsed.tracks).toHaveLength(3);
    expect(parsed.clips).toHaveLength(3);
    expect(parsed.markers.map((m) => m.name)).toEqual(['Big Chorus']);
    expect(parsed.takeGroups[0]!.activeClipId).toBe(take1.body.id);
  });

  it('answers 404 for every object of a project to someone with no role in it', async () => {
    const track = (await api.call<{ items: Track[] }>('GET', `${base()}/tracks`, undefined, owner)).body.items[0]!;
    const clip = (await api.call<{ items: Clip[] }>('GET', `${base()}/clips`, undefined, owner)).body.items[0]!;
    const marker = (await api.call<{ items: Marker[] }>('GET', `${base()}/markers`, undefined, owner)).body.items[0]!;
    const take = (await api.call<{ items: TakeGroup[] }>('GET', `${base()}/takes`, undefined, owner)).body.items[0]!;
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', base()],
      ['PATCH', base(), { name: 'Mine now', version: 1 }],
      ['DELETE', base()],
      ['GET', `${base()}/export`],
      ['GET', `${base()}/collaborators`],
      ['POST', `${base()}/collaborators`, { email: 'stranger@example.com', role: 'editor' }],
      ['GET', `${base()}/tracks`],
      ['POST', `${base()}/tracks`, { name: 'x', kind: 'audio' }],
      ['PATCH', `${base()}/tracks/${track.id}`, { name: 'x', version: track.version }],
      ['DELETE', `${base()}/tracks/${track.id}`],
      ['GET', `${base()}/clips`],
      ['PATCH', `${base()}/clips/${clip.id}`, { startBeat: 4, version: clip.version }],
      ['DELETE', `${base()}/clips/${clip.id}`],
      ['GET', `${base()}/markers`],
      ['PATCH', `${base()}/markers/${marker.id}`, { beat: 1, version: marker.version }],
      ['DELETE', `${base()}/markers/${marker.id}`],
      ['GET', `${base()}/takes`],
      ['PATCH', `${base()}/takes/${take.id}`, { name: 'x', version: take.version }],
      ['DELETE', `${base()}/takes/${take.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api.call(method, path, body, stranger);
      expect({ method, path, status: res.status, code: res.body.error?.code }).toEqual({ method, path, status: 404, code: 'NOT_FOUND' });
    }
    // Nothing changed.
    expect((await api.call<Project>('GET', base(), undefined, owner)).body.name).toBe('Night Drive');
    expect((await api.call<{ items: Track[] }>('GET', `${base()}/tracks`, undefined, owner)).body.items).toHaveLength(3);
    // A project missing the stranger's list entirely.
    const theirs = await api.call<{ items: Project[] }>('GET', '/projects', undefined, stranger);
    expect(theirs.body.items).toEqual([]);
  });

  it('lets a viewer read but not edit (403 naming the role), and only the owner manage collaborators or delete', async () => {
    const track = (await api.call<{ items: Track[] }>('GET', `${base()}/tracks`, undefined, viewer)).body.items[0]!;
    const edits: Array<[string, string, unknown?]> = [
      ['PATCH', base(), { name: 'Viewer was here', version: 1 }],
      ['POST', `${base()}/tracks`, { name: 'x', kind: 'audio' }],
      ['PATCH', `${base()}/tracks/${track.id}`, { volumeDb: -6, version: track.version }],
      ['DELETE', `${base()}/tracks/${track.id}`],
      ['POST', `${base()}/markers`, { name: 'x', beat: 0 }],
    ];
    for (const [method, path, body] of edits) {
      const res = await api.call(method, path, body, viewer);
      expect({ path, status: res.status, role: res.body.error?.details?.role }).toEqual({ path, status: 403, role: 'viewer' });
    }
    expect((await api.call('DELETE', base(), undefined, editor)).status).toBe(403);
    expect((await api.call('POST', `${base()}/collaborators`, { email: 'stranger@example.com', role: 'editor' }, editor)).status).toBe(403);
    const people = await api.call<{ items: Array<{ email: string; role: string }> }>('GET', `${base()}/collaborators`, undefined, viewer);
    expect(people.body.items.map((p) => [p.email, p.role])).toEqual([
      ['owner@example.com', 'owner'],
      ['viewer@example.com', 'viewer'],
      ['editor@example.com', 'editor'],
    ]);
  });

  it('refuses a write with a stale version (409 with the current one) and keeps the first write', async () => {
    const current = (await api.call<Project>('GET', base(), undefined, owner)).body;
    const [a, b] = await Promise.all([
      api.call<Project>('PATCH', base(), { name: 'Take A', version: current.version }, owner),
      api.call<Project>('PATCH', base(), { name: 'Take B', version: current.version }, editor),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(loser.body.error).toMatchObject({ code: 'CONFLICT', details: { currentVersion: current.version + 1 } });
    expect((await api.call<Project>('GET', base(), undefined, owner)).body.name).toBe(winner.body.name);

    const track = (await api.call<{ items: Track[] }>('GET', `${base()}/tracks`, undefined, owner)).body.items[0]!;
    expect((await api.call('PATCH', `${base()}/tracks/${track.id}`, { pan: 1, version: track.version }, owner)).status).toBe(200);
    const stale = await api.call('PATCH', `${base()}/tracks/${track.id}`, { pan: -1, version: track.version }, editor);
    expect(stale.status).toBe(409);
    expect((await api.call('DELETE', `${base()}/tracks/${track.id}?version=${track.version}`, undefined, owner)).status).toBe(409);
    const after = (await api.call<{ items: Track[] }>('GET', `${base()}/tracks`, undefined, owner)).body.items[0]!;
    expect(after.pan).toBe(1);
  });

  it('lists with pagination, sorting and a name filter', async () => {
    const token = (await api.register('lister@example.com')).tokens.accessToken;
    for (const name of ['Alpha', 'bravo', 'Charlie 100%', 'Delta', 'Echo']) {
      expect((await api.call('POST', '/projects', { name }, token)).status).toBe(201);
    }
    const page1 = projectPageSchema.parse((await api.call('GET', '/projects?pageSize=2&sort=name', undefined, token)).body);
    expect(page1.items.map((p) => p.name)).toEqual(['Alpha', 'bravo']);
    expect(page1.total).toBe(5);
    const page3 = projectPageSchema.parse((await api.call('GET', '/projects?pageSize=2&page=3&sort=name', undefined, token)).body);
    expect(page3.items.map((p) => p.name)).toEqual(['Echo']);
    const beyond = projectPageSchema.parse((await api.call('GET', '/projects?pageSize=2&page=9', undefined, token)).body);
    expect(beyond).toMatchObject({ items: [], total: 5 });
    const desc = projectPageSchema.parse((await api.call('GET', '/projects?sort=-name', undefined, token)).body);
    expect(desc.items[0]!.name).toBe('Echo');
    // % is a literal in the filter, not a wildcard.
    const filtered = projectPageSchema.parse((await api.call('GET', `/projects?q=${encodeURIComponent('0%')}`, undefined, token)).body);
    expect(filtered.items.map((p) => p.name)).toEqual(['Charlie 100%']);
    const bad = await api.call('GET', '/projects?sort=owner&pageSize=500&extra=1', undefined, token);
    expect(bad.status).toBe(400);
    const shared = projectPageSchema.parse((await api.call('GET', '/projects?scope=shared', undefined, viewer)).body);
    expect(shared.items.map((p) => [p.id, p.role])).toEqual([[project.id, 'viewer']]);
  });

  it('deletes a project with everything on its timeline', async () => {
    const token = (await api.register('deleter@example.com')).tokens.accessToken;
    const doomed = (await api.call<Project>('POST', '/projects', { name: 'Doomed' }, token)).body;
    const track = (await api.call<Track>('POST', `/projects/${doomed.id}/tracks`, { name: 'T', kind: 'midi' }, token)).body;
    await api.call('POST', `/projects/${doomed.id}/clips`, { trackId: track.id, startBeat: 0, lengthBeats: 4, notes: [] }, token);
    expect((await api.call('DELETE', `/projects/${doomed.id}?version=${doomed.version}`, undefined, token)).status).toBe(204);
    expect((await api.call('GET', `/projects/${doomed.id}`, undefined, token)).status).toBe(404);
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const { rows } = await pg.query('SELECT count(*)::int AS n FROM clips WHERE project_id = $1', [doomed.id]);
    await pg.end();
    expect(rows[0].n).toBe(0);
  });
});
