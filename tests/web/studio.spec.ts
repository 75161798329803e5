import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { decodeAudio } from '@dawg/audio-analysis';
import { type Clip, type Project, sessionResponseSchema, type TakeGroup, type Track } from '@dawg/contracts';
import { PASSWORD, useWebStack } from './harness';
import { readWav, sineWav } from './wav';

// The studio's canvas geometry (web/src/timeline/layout.ts) at the default zoom of 24 px per beat.
const LANES_TOP = 48;
const TRACK_HEIGHT = 84;
const PX_PER_BEAT = 24;

/**
 * The studio end to end, in real Chromium against the real platform: one
 * unified process (as `npm start` runs it) serving the built web app at `/`
 * and the api beside it, on the test database and the fs storage driver.
 * A musician registers, creates a project, adds a track, drops a WAV on it,
 * moves and trims the clip, undoes and redoes (also after a reload), plays
 * (the audio clock runs, the position advances, the master meter reads a
 * loudness), and a collaborator in a second browser sees the edits live.
 */
describe('the web studio in Chromium', () => {
  const web = useWebStack({
    tmpPrefix: 'dawg-web-e2e-',
    viewport: { width: 1440, height: 900 },
    chromiumArgs: ['--autoplay-policy=no-user-gesture-required'],
    microphone: sineWav({ seconds: 3, frequency: 440, sampleRate: 48_000 }),
  });
  const { api, shot, newPage, eventually, failed } = web;
  const login = async (email: string) => sessionResponseSchema.parse((await api(null, 'POST', '/auth/login', { email, password: PASSWORD })).body).tokens.accessToken;

  it('registers, builds a song on the timeline, undoes across a reload, plays, and shows a collaborator’s edits live', async () => {
    const page = await newPage();
    try {
      await studioSession(page);
    } catch (err) {
      // What the page showed when the step failed.
      await failed(err, 'failure');
    }
  }, 120_000);

  it('renews the session silently, and when it cannot, keeps the edit waiting until the musician signs in again', async () => {
    const email = 'ines@example.com';
    const session = sessionResponseSchema.parse((await api(null, 'POST', '/auth/register', { email, password: PASSWORD, displayName: 'Ines' })).body);
    const token = session.tokens.accessToken;
    const project = (await api<Project>(token, 'POST', '/projects', { name: 'Late Session' })).body;
    const track = (await api<Track>(token, 'POST', `/projects/${project.id}/tracks`, { name: 'Drums', kind: 'audio' })).body;
    const trackNow = async () => (await api<{ items: Track[] }>(token, 'GET', `/projects/${project.id}/tracks`)).body.items[0]!;

    const page = await newPage();
    // The page's clock: jumped forward so the access token (15 minutes) looks expired to the studio.
    await page.clock.install();
    try {
      await page.goto(`/projects/${project.id}`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: /^Track Drums/ }).click();
      const stored = async () => JSON.parse((await page.evaluate(() => globalThis.localStorage.getItem('dawg:auth')))!) as { refreshToken: string };
      const firstRefresh = (await stored()).refreshToken;

      // 16 minutes later: the next edit refreshes first (the token rotates), then goes through.
      const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh'));
      await page.clock.setSystemTime(Date.now() + 16 * 60_000);
      await page.keyboard.press('m');
      expect((await refreshed).status()).toBe(200);
      await eventually(trackNow, (t) => t.mute && t.version > track.version, 'the mute after a silent refresh');
      expect((await stored()).refreshToken).not.toBe(firstRefresh);

      // The login is ended elsewhere; 16 more minutes: the refresh is refused, the edit waits, a dialog asks to sign in.
      expect((await api(null, 'POST', '/auth/logout', { refreshToken: (await stored()).refreshToken })).status).toBe(204);
      await page.clock.setSystemTime(Date.now() + 32 * 60_000);
      await page.keyboard.press('s');
      const dialog = page.getByRole('dialog', { name: 'Your session has expired' });
      await dialog.waitFor();
      await shot(page, '12-session-expired');
      expect((await trackNow()).solo).toBe(false);
      await dialog.getByLabel('Password').fill(PASSWORD);
      await dialog.getByRole('button', { name: 'Sign in' }).click();
      await dialog.waitFor({ state: 'detached' });
      // The waiting edit went through with the new session: nothing was lost.
      await eventually(trackNow, (t) => t.solo, 'the solo made while the session was expired');
      await page.locator('.track-header [aria-label="Solo Drums"][aria-pressed="true"]').waitFor();
    } catch (err) {
      await failed(err, 'failure-session', page);
    }
  }, 60_000);

  async function studioSession(page: Page): Promise<void> {

    // ---- the app shell: served at /, client routes fall back to it
    await page.goto('/projects');
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
    await shot(page, '01-sign-in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Display name').fill('Mara Beats');
    await page.getByLabel('Email').fill('mara@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Projects' }).waitFor();

    await page.getByRole('button', { name: 'New project' }).first().click();
    await page.getByLabel('Name').fill('Night Drive');
    await shot(page, '02-new-project');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    const projectId = page.url().split('/').at(-1)!;
    const token = await login('mara@example.com');
    const project = (await api<Project>(token, 'GET', `/projects/${projectId}`)).body;
    expect(project).toMatchObject({ name: 'Night Drive', bpm: 120, role: 'owner' });

    // ---- a track, and a WAV dropped onto it
    await page.getByRole('button', { name: '+ Audio' }).click();
    await page.getByRole('button', { name: /^Track Audio 1/ }).waitFor();
    const canvas = page.getByTestId('timeline-canvas');
    const box = (await canvas.boundingBox())!;
    const lane = (index: number) => box.y + LANES_TOP + index * TRACK_HEIGHT + TRACK_HEIGHT / 2;
    const xOf = (beat: number) => box.x + beat * PX_PER_BEAT;

    // 4 s at 120 BPM: 8 beats. Dropped a little after beat 4, snapped to it.
    const wav = [...sineWav({ seconds: 4, frequency: 220 })];
    const files = await page.evaluateHandle((bytes) => {
      // Runs in the page; this file is type-checked without the DOM library.
      const { DataTransfer } = globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } };
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'Bass line.wav', { type: 'audio/wav' }));
      return transfer;
    }, wav);
    const dropAt = { clientX: xOf(4.2), clientY: lane(0) };
    await page.dispatchEvent('.timeline', 'dragover', { dataTransfer: files, ...dropAt });
    await page.dispatchEvent('.timeline', 'drop', { dataTransfer: files, ...dropAt });
    const clips = () => api<{ items: Clip[] }>(token, 'GET', `/projects/${projectId}/clips`).then((r) => r.body.items);
    let [clip] = await eventually(clips, (items) => items.length === 1, 'the dropped clip');
    expect(clip).toMatchObject({ name: 'Bass line', startBeat: 4, lengthBeats: 8, sourceOffsetSeconds: 0 });
    expect(clip!.audioFileId).toBeTruthy();
    await page.waitForTimeout(300); // the waveform's peaks
    await shot(page, '03-clip-dropped');

    // ---- move it 4 beats later by dragging its body
    await page.mouse.move(xOf(7), lane(0) + 20);
    await page.mouse.down();
    await page.mouse.move(xOf(9), lane(0) + 20, { steps: 5 });
    await page.mouse.move(xOf(11), lane(0) + 20, { steps: 5 });
    await page.mouse.up();
    [clip] = await eventually(clips, (items) => items[0]?.startBeat === 8, 'the moved clip');

    // ---- trim its end 2 beats earlier by dragging the right edge
    await page.mouse.move(xOf(16) - 2, lane(0) + 20);
    await page.mouse.down();
    await page.mouse.move(xOf(15), lane(0) + 20, { steps: 4 });
    await page.mouse.move(xOf(14) - 2, lane(0) + 20, { steps: 4 });
    await page.mouse.up();
    [clip] = await eventually(clips, (items) => items[0]?.lengthBeats === 6, 'the trimmed clip');
    await shot(page, '04-moved-and-trimmed');

    // ---- undo, redo; and the history is still there after a reload
    // The api can show an edit before the page has put it on its history stack: wait for the button first.
    await page.locator('button:has-text("Undo"):not([disabled])').waitFor();
    await page.keyboard.press('Control+z');
    await eventually(clips, (items) => items[0]?.lengthBeats === 8, 'the trim undone');
    await page.locator('button:has-text("Redo"):not([disabled])').waitFor();
    await page.keyboard.press('Control+Shift+z');
    await eventually(clips, (items) => items[0]?.lengthBeats === 6, 'the trim redone');
    // The redo is back on the undo stack (and saved) only once the api has answered it.
    await page.locator('button[title^="Undo Trim clip end"]').waitFor();
    await page.reload();
    await page.getByRole('button', { name: /^Track Audio 1/ }).waitFor();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    expect(await page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toMatch(/^Undo Trim clip end/);
    await page.keyboard.press('Control+z');
    await eventually(clips, (items) => items[0]?.lengthBeats === 8, 'the trim undone after a reload');
    await page.keyboard.press('Control+z');
    await eventually(clips, (items) => items[0]?.startBeat === 4, 'the move undone after a reload');
    await page.keyboard.press('Control+Shift+z');
    [clip] = await eventually(clips, (items) => items[0]?.startBeat === 8, 'the move redone');

    // ---- play from the clip's start: the audio clock runs, the position advances, the master hears it
    await page.mouse.click(xOf(8), box.y + 8);
    const bars = page.getByTestId('position-bars');
    await eventually(() => bars.textContent(), (text) => text === '3:1:1', 'the playhead at bar 3');
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    const position = await eventually(() => bars.textContent(), (text) => text !== '3:1:1', 'the position to advance');
    const lufs = await eventually(() => page.getByTestId('lufs-momentary').textContent(), (text) => /^-?\d+\.\d LUFS$/.test(text ?? ''), 'a loudness reading');
    await shot(page, '05-playing');
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Play' }).waitFor();
    expect(position).toMatch(/^3:[1-4]:\d$|^4:/);
    expect(Number.parseFloat(lufs!)).toBeGreaterThan(-40);

    // ---- a collaborator opens the same project in another browser and sees edits as they happen
    const other = sessionResponseSchema.parse(
      (await api(null, 'POST', '/auth/register', { email: 'jon@example.com', password: PASSWORD, displayName: 'Jon Keys' })).body,
    );
    expect((await api(token, 'POST', `/projects/${projectId}/collaborators`, { email: 'jon@example.com', role: 'editor' })).status).toBe(201);
    const page2 = await newPage();
    await page2.goto(`/projects/${projectId}`);
    await page2.getByLabel('Email').fill('jon@example.com');
    await page2.getByLabel('Password').fill(PASSWORD);
    await page2.getByRole('button', { name: 'Sign in' }).click();
    await page2.getByRole('button', { name: /^Track Audio 1/ }).waitFor();
    await page2.getByRole('status', { name: /^Live/ }).waitFor();
    // Presence: each sees the other's avatar in the top bar (and not their own).
    const others = (p: Page) => p.getByRole('list', { name: 'Also in this project' });
    await others(page).getByRole('listitem', { name: 'Jon Keys' }).waitFor({ timeout: 10_000 });
    await others(page2).getByRole('listitem', { name: 'Mara Beats' }).waitFor({ timeout: 10_000 });
    expect(await others(page).getByRole('listitem').count()).toBe(1);
    expect(await others(page).getByRole('listitem', { name: 'Jon Keys' }).textContent()).toBe('JK');

    await page.getByRole('button', { name: '+ MIDI' }).click();
    await page2.getByRole('button', { name: /^Track MIDI 1/ }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Mute Audio 1' }).first().click();
    await page2.locator('.track-header [aria-label="Mute Audio 1"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
    // The collaborator's own edit reaches the owner too.
    await page2.getByRole('button', { name: '+ Audio' }).click();
    await page.getByRole('button', { name: /^Track Audio 2/ }).waitFor({ timeout: 10_000 });
    await shot(page2, '06-collaborator-sees-edits');

    const tracks = (await api<{ items: Track[] }>(other.tokens.accessToken, 'GET', `/projects/${projectId}/tracks`)).body.items;
    const audio2 = tracks[2]!.id;
    expect(tracks.map((t) => [t.name, t.mute])).toEqual([
      ['Audio 1', true],
      ['MIDI 1', false],
      ['Audio 2', false],
    ]);

    // ---- a stale write: a collaborator whose live updates are cut edits a track someone renamed meanwhile
    const stale = await newPage();
    // No Socket.IO for this one: WebSockets answered by nobody, long-polling refused.
    await stale.context().routeWebSocket(/\/socket\.io\//, () => undefined);
    await stale.context().route(/\/socket\.io\//, (route) => route.abort());
    await stale.goto(`/projects/${projectId}`);
    await stale.getByLabel('Email').fill('jon@example.com');
    await stale.getByLabel('Password').fill(PASSWORD);
    await stale.getByRole('button', { name: 'Sign in' }).click();
    await stale.getByRole('button', { name: /^Track MIDI 1/ }).waitFor();
    const midi = (await api<{ items: Track[] }>(token, 'GET', `/projects/${projectId}/tracks`)).body.items.find((t) => t.name === 'MIDI 1')!;
    expect((await api(token, 'PATCH', `/projects/${projectId}/tracks/${midi.id}`, { name: 'Keys', version: midi.version })).status).toBe(200);
    await stale.locator('.track-header').getByRole('button', { name: 'Solo MIDI 1' }).click();
    await stale.getByRole('alert').filter({ hasText: 'Someone else changed this first' }).waitFor();
    // The latest version is loaded, and nothing was overwritten.
    await stale.getByRole('button', { name: /^Track Keys/ }).waitFor();
    await shot(stale, '07-conflict');
    const afterConflict = (await api<{ items: Track[] }>(token, 'GET', `/projects/${projectId}/tracks`)).body.items.find((t) => t.id === midi.id);
    expect(afterConflict).toMatchObject({ name: 'Keys', solo: false });
    await page2.context().close();
    await stale.context().close();
    // The collaborator left: their avatar goes.
    await others(page).waitFor({ state: 'detached', timeout: 10_000 });

    // ---- record a take from the (fake) microphone onto Audio 2, from the start of the song
    await page.getByRole('button', { name: /^Track Audio 2/ }).click();
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.keyboard.press('r');
    await page.getByRole('status').filter({ hasText: 'Recording' }).waitFor();
    await page.waitForTimeout(2_000);
    await shot(page, '08-recording');
    await page.keyboard.press('r');
    const [take] = await eventually(
      async () => (await clips()).filter((c) => c.trackId === audio2),
      (items) => items.length === 1,
      'the recorded take',
    );
    expect(take).toMatchObject({ name: 'Take 1', startBeat: 0 });
    // About two seconds at 120 BPM: four beats (the first moments before playback began are skipped).
    expect(take!.lengthBeats).toBeGreaterThan(2.5);
    expect(take!.lengthBeats).toBeLessThan(6);
    const takeFile = (await api<{ durationSeconds: number; format: string }>(token, 'GET', `/audio/${take!.audioFileId}`)).body;
    expect(takeFile.format).toBe('wav');
    await page.waitForTimeout(300);
    await shot(page, '09-take-placed');

    // ---- a second take over the same region joins its take group and is the one heard
    const takeGroups = () => api<{ items: TakeGroup[] }>(token, 'GET', `/projects/${projectId}/takes`).then((r) => r.body.items);
    expect(await takeGroups()).toEqual([expect.objectContaining({ trackId: audio2, clipIds: [take!.id], activeClipId: take!.id })]);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.keyboard.press('r');
    await page.getByRole('status').filter({ hasText: 'Recording' }).waitFor();
    await page.waitForTimeout(1_500);
    await page.keyboard.press('r');
    // Placed as one edit of two requests: the take joins the group, then it is chosen.
    const [region] = await eventually(
      takeGroups,
      (groups) => groups.length === 1 && groups[0]!.clipIds.length === 2 && groups[0]!.activeClipId !== take!.id,
      'two takes in the region, the new one chosen',
    );
    const secondTake = region!.clipIds[1]!;
    expect(region!.activeClipId).toBe(secondTake);
    expect((await clips()).find((c) => c.id === secondTake)).toMatchObject({ name: 'Take 2', trackId: audio2, takeGroupId: region!.id });

    // ---- pick the first take again from the badge on the clip, with the keyboard
    const badge = page.getByRole('button', { name: 'Take 2/2' });
    await badge.focus();
    await badge.press('Enter');
    await page.getByRole('menuitemradio', { name: /Take 2/, checked: true }).waitFor();
    await page.keyboard.press('ArrowDown');
    await shot(page, '09b-take-picker');
    await page.getByRole('menuitemradio', { name: /Take 1/ }).press('Enter');
    await eventually(takeGroups, (groups) => groups[0]?.activeClipId === take!.id, 'the first take active again');
    await page.getByRole('button', { name: 'Take 1/2' }).waitFor();
    // Undoable like any edit, and redoable.
    await page.locator('button:has-text("Undo"):not([disabled])').waitFor();
    expect(await page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toMatch(/^Undo Choose Take 1/);
    await page.keyboard.press('Control+z');
    await eventually(takeGroups, (groups) => groups[0]?.activeClipId === secondTake, 'the take choice undone');
    await page.locator('button:has-text("Redo"):not([disabled])').waitFor();
    await page.keyboard.press('Control+Shift+z');
    await eventually(takeGroups, (groups) => groups[0]?.activeClipId === take!.id, 'the take choice redone');
    await page.getByRole('button', { name: 'Take 1/2' }).waitFor();

    // ---- export the mixdown: a WAV as long as the song plus the one-second tail
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const exports = page.getByRole('dialog', { name: 'Export' });
    const [mixdown] = await Promise.all([page.waitForEvent('download'), exports.getByRole('listitem').filter({ hasText: 'Mixdown (WAV)' }).getByRole('button').click()]);
    expect(mixdown.suggestedFilename()).toBe('Night Drive.wav');
    const wavInfo = readWav(readFileSync((await mixdown.path())!));
    // Of the region's takes only the active one is heard.
    const heard = (all: Clip[], groups: TakeGroup[]) => all.filter((c) => !c.takeGroupId || groups.find((g) => g.id === c.takeGroupId)?.activeClipId === c.id);
    const songEnd = Math.max(...heard(await clips(), await takeGroups()).map((c) => c.startBeat + c.lengthBeats));
    expect(wavInfo.channels).toBe(2);
    expect(wavInfo.sampleRate).toBe(project.sampleRate);
    expect(wavInfo.seconds).toBeCloseTo(songEnd * 0.5 + 1, 2);
    await exports.getByTestId('export-message').waitFor();
    expect(await exports.getByTestId('export-message').textContent()).toMatch(/LUFS integrated/);
    await shot(page, '10-exported');

    // ---- the same mixdown as an MP3 at the bitrate chosen, encoded in a worker: as long, give or take LAME's padding
    const mp3Row = exports.getByRole('listitem').filter({ hasText: 'Mixdown (MP3)' });
    await mp3Row.getByLabel('Bitrate').selectOption('192');
    const [mp3] = await Promise.all([page.waitForEvent('download'), mp3Row.getByRole('button').click()]);
    expect(mp3.suggestedFilename()).toBe('Night Drive.mp3');
    const mp3Bytes = readFileSync((await mp3.path())!);
    // An MPEG-1 Layer III frame at 192 kbps and the project's rate.
    expect([mp3Bytes[0], mp3Bytes[1]! & 0xfe, mp3Bytes[2]! >> 4]).toEqual([0xff, 0xfa, 11]);
    const decoded = await decodeAudio(new Uint8Array(mp3Bytes));
    expect(decoded.sampleRate).toBe(project.sampleRate);
    expect(decoded.channels).toHaveLength(2);
    const mp3Seconds = decoded.channels[0]!.length / decoded.sampleRate;
    expect(mp3Seconds).toBeGreaterThanOrEqual(songEnd * 0.5 + 1 - 0.01);
    expect(mp3Seconds).toBeLessThan(songEnd * 0.5 + 1 + 0.1);
    await exports.getByTestId('export-message').filter({ hasText: '192 kbps' }).waitFor();

    // ---- export as .dawproject, and import it back as a new project with the same timeline
    const [dawproject] = await Promise.all([page.waitForEvent('download'), exports.getByRole('listitem').filter({ hasText: 'DAWproject' }).getByRole('button').click()]);
    expect(dawproject.suggestedFilename()).toBe('Night Drive.dawproject');
    const archive = join(web.dir, 'Night Drive.dawproject');
    await dawproject.saveAs(archive);
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Back to projects' }).click();
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    await page.getByLabel('Import a .dawproject file').setInputFiles(archive);
    await page.waitForURL((url) => /\/projects\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(projectId));
    const imported = page.url().split('/').at(-1)!;
    await page.getByRole('button', { name: /^Track Audio 2/ }).waitFor();
    await page.waitForTimeout(500);
    await shot(page, '11-imported');
    const original = (await api<{ tracks: Track[]; clips: Clip[]; takeGroups: TakeGroup[] }>(token, 'GET', `/projects/${projectId}/export`)).body;
    original.clips = heard(original.clips, original.takeGroups);
    const copy = (await api<{ project: Project; tracks: Track[]; clips: Clip[] }>(token, 'GET', `/projects/${imported}/export`)).body;
    expect(copy.project).toMatchObject({ name: 'Night Drive', bpm: 120 });
    expect(copy.tracks.map((t) => [t.name, t.kind, t.mute])).toEqual(original.tracks.map((t) => [t.name, t.kind, t.mute]));
    const shape = (clip: Clip, all: Track[]) => [all.find((t) => t.id === clip.trackId)!.name, clip.startBeat, clip.lengthBeats, clip.sourceOffsetSeconds];
    expect(copy.clips.map((c) => shape(c, copy.tracks)).sort()).toEqual(original.clips.map((c) => shape(c, original.tracks)).sort());
  }
});
