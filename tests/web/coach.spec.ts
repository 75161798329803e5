import type { Page } from 'playwright-core';
import { type Clip, type Project, sessionResponseSchema, type Track } from '@dawg/contracts';
import { encodeWav } from '@dawg/music';
import { type FakeOpenAI, startFakeOpenAI } from '@dawg/testing';
import { PASSWORD, signIn, useWebStack, type WebStack, type WebStackOptions } from './harness';

const RATE = 48_000;
/** The reference melody: C4 D4 E4 G4, a beat each at 120 BPM. */
const MELODY = [60, 62, 64, 67];

/** The page's DOM as these page functions use it (this file is typed for Node). */
type PageDom = { document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null } };

/** Mono 16-bit PCM WAV of the samples in [-1, 1] (no dither: the same bytes every run). */
function wav(samples: Float32Array, rate = RATE): Buffer {
  return Buffer.from(encodeWav({ sampleRate: rate, channels: [samples] }, { bitDepth: 16, dither: false }));
}

/**
 * A sung melody as a voice-like tone: each note a harmonic-rich tone (the
 * fundamental and three overtones) for 0.45 s with a soft attack and release,
 * then a breath of silence, half a second a note; a second of rest at the end.
 */
function melodyWav(notes: number[]): Buffer {
  const noteSeconds = 0.5;
  const samples = new Float32Array(Math.round((notes.length * noteSeconds + 1) * RATE));
  notes.forEach((midi, n) => {
    const hz = 440 * 2 ** ((midi - 69) / 12);
    const start = Math.round(n * noteSeconds * RATE);
    const length = Math.round(0.45 * RATE);
    for (let i = 0; i < length; i++) {
      const t = i / RATE;
      const envelope = Math.min(1, t / 0.01, (length - i) / RATE / 0.06);
      const phase = 2 * Math.PI * hz * t;
      samples[start + i] = 0.45 * envelope * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.3 * Math.sin(3 * phase) + 0.15 * Math.sin(4 * phase)) / 1.95;
    }
  });
  return wav(samples);
}

/** A spoken phrase stands in as a second of a 150 Hz buzz (voiced), then a second of silence. */
function speechWav(): Buffer {
  const samples = new Float32Array(2 * RATE);
  for (let i = 0; i < RATE; i++) {
    const t = i / RATE;
    samples[i] = 0.3 * Math.min(1, i / 480, (RATE - i) / 480) * (Math.sin(2 * Math.PI * 150 * t) + 0.5 * Math.sin(2 * Math.PI * 300 * t));
  }
  return wav(samples);
}

/**
 * The vocal coach end to end, in real Chromium against the real platform (one
 * unified process serving the built studio): Chromium's fake microphone
 * plays a WAV of a known melody, the coach streams it from its AudioWorklet
 * over /realtime-voice, and the pitch curve lands in the reference clip's
 * note lanes; stopping shows the server's score and feedback. With no AI keys
 * the voice commands explain why they are off; with OpenAI (a local server
 * speaking its transcription and chat wire formats, through the real SDK)
 * push-to-talk transcribes, runs the assistant's tool and the new track
 * appears on the timeline.
 */
describe('the vocal coach in Chromium', () => {
  /** A platform of its own per microphone: Chromium's fake capture device plays that WAV in a loop. */
  const usePlatform = (microphone: Buffer, env?: WebStackOptions['env']) =>
    useWebStack({ tmpPrefix: 'dawg-coach-e2e-', env, chromiumArgs: ['--autoplay-policy=no-user-gesture-required'], microphone });

  /** The api's answer; a refused call fails the test with its status and body. */
  const api = async <T>(p: WebStack, token: string | null, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await p.api<T>(token, method, path, body);
    if (res.status < 200 || res.status > 299) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** Registers, creates a project (with a melody clip when asked), signs in in the browser and opens the coach. */
  async function openCoach(p: WebStack, email: string, withMelody: boolean): Promise<{ page: Page; project: Project; token: string }> {
    const token = sessionResponseSchema.parse(await api(p, null, 'POST', '/auth/register', { email, password: PASSWORD, displayName: 'Singer' })).tokens.accessToken;
    const project = await api<Project>(p, token, 'POST', '/projects', { name: 'Coach Session', bpm: 120, key: { tonic: 'C', scale: 'major' } });
    if (withMelody) {
      const track = await api<Track>(p, token, 'POST', `/projects/${project.id}/tracks`, { name: 'Lead Melody', kind: 'midi' });
      await api<Clip>(p, token, 'POST', `/projects/${project.id}/clips`, {
        trackId: track.id,
        name: 'Hook',
        startBeat: 0,
        lengthBeats: MELODY.length,
        notes: MELODY.map((pitch, i) => ({ pitch, startBeat: i, lengthBeats: 1, velocity: 100 })),
      });
    }
    const page = await p.newPage();
    await signIn(page, email, `/projects/${project.id}`);
    await page.getByRole('button', { name: 'Vocal coach' }).click();
    await page.getByRole('heading', { name: 'Sing a take' }).waitFor();
    return { page, project, token };
  }

  describe('with no AI keys', () => {
    const p = usePlatform(melodyWav(MELODY));
    const { shot } = p;

    it('draws a sung melody in the reference clip’s note lanes and scores the take', async () => {
      try {
        const { page } = await openCoach(p, 'singer@example.com', true);
        const panel = page.getByRole('complementary', { name: 'Vocal coach' });
        // The track with the melody and its clip are chosen; voice commands explain why they are off.
        await expect(panel.getByLabel('Track').inputValue()).resolves.toBeTruthy();
        expect(await panel.getByLabel('Track').locator('option:checked').textContent()).toBe('Lead Melody');
        expect(await panel.getByLabel('Reference').locator('option:checked').textContent()).toBe('Melody: Hook (4 notes)');
        await panel.getByText(/Voice commands need speech transcription/).waitFor();
        expect(await panel.getByRole('button', { name: 'Hold to talk' }).count()).toBe(0);
        await shot(page, 'coach-1-ready');

        await panel.getByRole('button', { name: 'Start singing' }).click();
        const curve = panel.locator('.coach-curve-wrap');
        await page.waitForFunction(() => (globalThis as unknown as PageDom).document.querySelector('.coach-curve-wrap')?.getAttribute('data-status') === 'live', undefined, { timeout: 15_000 });
        expect(await curve.getAttribute('data-lanes')).toBe(MELODY.join(' '));
        // Every note of the melody is sung (the file loops); the points land in its lanes.
        await page.waitForFunction(
          (want) => {
            const hit = ((globalThis as unknown as PageDom).document.querySelector('.coach-curve-wrap')?.getAttribute('data-lanes-hit') ?? '').split(' ').filter(Boolean).map(Number);
            return want.every((m) => hit.includes(m));
          },
          MELODY,
          { timeout: 20_000 },
        );
        await shot(page, 'coach-2-singing');
        const state = await page.evaluate(() => {
          const take = (globalThis as unknown as { dawgCoach: { state(): { take: { points: Array<{ pitch: number | null; lane: number | null; cents: number | null }> } } } }).dawgCoach.state().take;
          return take.points.filter((pt) => pt.pitch !== null).map((pt) => ({ pitch: pt.pitch!, lane: pt.lane! }));
        });
        // Nearly every voiced frame is within a quarter tone of one of the melody's notes (slides between notes aside).
        const inLane = state.filter((pt) => Math.abs(pt.pitch - pt.lane) <= 0.5 && MELODY.includes(pt.lane));
        expect(state.length).toBeGreaterThan(50);
        expect(inLane.length / state.length).toBeGreaterThan(0.9);
        // Each frame is traced from capture to screen through the server's echo of its chunk's seq, in order.
        const traces = await page.evaluate(() =>
          (globalThis as unknown as { dawgCoach: { traces(): Array<{ seq: number; capturedAt: number; sentAt: number; receivedAt: number; drawnAt: number }> } }).dawgCoach.traces(),
        );
        expect(traces.length).toBeGreaterThan(50);
        expect(traces.every((t) => t.capturedAt <= t.sentAt && t.sentAt <= t.receivedAt && t.receivedAt <= t.drawnAt)).toBe(true);
        // The needle reads a note of the melody while singing (or nothing in a breath).
        const needle = await panel.getByRole('meter', { name: 'Cents from the note' }).getAttribute('aria-valuetext');
        expect(needle).toMatch(/^(No pitch|[CDEG]4: .*)$/);

        await panel.getByRole('button', { name: 'Stop and score' }).click();
        const score = panel.getByRole('region', { name: 'Score' });
        await score.waitFor({ timeout: 15_000 });
        expect(Number(await score.getAttribute('data-overall'))).toBeGreaterThanOrEqual(0);
        expect(await score.getByRole('meter', { name: 'Pitch score' }).getAttribute('value')).toMatch(/^\d+(\.\d+)?$/);
        expect(await score.locator('.coach-feedback li').count()).toBeGreaterThan(0);
        await panel.getByRole('status').filter({ hasText: 'Take scored.' }).waitFor();
        await shot(page, 'coach-3-scored');

        // Against a key instead: the project's (C major) is offered, its notes are the lanes, and the same melody lands in them.
        await panel.getByLabel('Reference').selectOption({ label: 'A key and scale' });
        expect(await panel.getByLabel('Key').inputValue()).toBe('C');
        expect(await panel.getByLabel('Scale').inputValue()).toBe('major');
        await panel.getByRole('button', { name: 'Sing again' }).click();
        await page.waitForFunction(() => (globalThis as unknown as PageDom).document.querySelector('.coach-curve-wrap')?.getAttribute('data-status') === 'live', undefined, { timeout: 15_000 });
        const keyLanes = ((await curve.getAttribute('data-lanes')) ?? '').split(' ').map(Number);
        expect(keyLanes.every((m) => [0, 2, 4, 5, 7, 9, 11].includes(m % 12))).toBe(true);
        await page.waitForFunction(
          (want) => {
            const hit = ((globalThis as unknown as PageDom).document.querySelector('.coach-curve-wrap')?.getAttribute('data-lanes-hit') ?? '').split(' ').filter(Boolean).map(Number);
            return want.every((m) => hit.includes(m));
          },
          MELODY,
          { timeout: 20_000 },
        );
        const keyHit = ((await curve.getAttribute('data-lanes-hit')) ?? '').split(' ').map(Number);
        expect([...keyHit].sort((a, b) => a - b)).toEqual(MELODY);
        await panel.getByRole('button', { name: 'Stop and score' }).click();
        await panel.getByRole('status').filter({ hasText: 'Take scored.' }).waitFor({ timeout: 15_000 });
        await shot(page, 'coach-7-key-scored');
      } catch (err) {
        await p.failed(err, 'coach-failure');
      }
    }, 120_000);
  });

  describe('with transcription (OpenAI)', () => {
    let openai: FakeOpenAI | undefined;
    beforeAll(async () => {
      openai = await startFakeOpenAI({ apiKey: 'sk-test' });
    });
    const p = usePlatform(speechWav(), () => ({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: openai!.url,
      AI_OPENAI_MODEL: 'gpt-test',
      AI_PRICES: JSON.stringify({ 'gpt-test': { input: 2, output: 8 } }),
    }));
    afterAll(() => openai?.close());
    const { shot } = p;

    it('push-to-talk shows the transcript, runs the command through the assistant’s tools, and the track appears', async () => {
      try {
        const { page, project, token } = await openCoach(p, 'talker@example.com', false);
        openai!.transcribe('add a bass track');
        openai!.reply({ toolCalls: [{ name: 'create_track', arguments: { name: 'Bass', kind: 'midi' } }] }, { content: 'Added a Bass track.' });
        const panel = page.getByRole('complementary', { name: 'Vocal coach' });
        const talk = panel.getByRole('button', { name: 'Hold to talk' });
        await talk.waitFor();
        await panel.getByRole('heading', { name: 'Voice commands' }).scrollIntoViewIfNeeded();
        await shot(page, 'coach-4-commands-ready');

        // Hold T (outside any field) while speaking; release once the words are in.
        await page.locator('body').click({ position: { x: 5, y: 700 } });
        await page.keyboard.down('t');
        await panel.getByRole('button', { name: 'Listening… release to send' }).waitFor();
        const card = panel.locator('.coach-command').first();
        await card.waitFor({ timeout: 10_000 }).catch(() => undefined);
        await shot(page, 'coach-5-listening');
        await page.keyboard.up('t');

        await panel.locator('.coach-command[data-final="true"]').filter({ hasText: 'add a bass track' }).waitFor({ timeout: 15_000 });
        await panel.locator('.coach-tool[data-tool="create_track"]').filter({ hasText: 'Created track Bass' }).waitFor({ timeout: 15_000 });
        await panel.getByText('Added a Bass track.').waitFor();
        // The timeline shows the new track through the project's normal events.
        await page.getByRole('button', { name: /^Track Bass/ }).waitFor({ timeout: 10_000 });
        await panel.locator('.coach-command').first().scrollIntoViewIfNeeded();
        await shot(page, 'coach-6-command-done');
        const tracks = await api<{ items: Track[] }>(p, token, 'GET', `/projects/${project.id}/tracks`);
        expect(tracks.items.map((t) => t.name)).toEqual(['Bass']);
        const transcription = openai!.requests.find((r) => r.path === '/v1/audio/transcriptions');
        expect(transcription?.body).toMatchObject({ stream: 'true', file: { contentType: 'audio/wav' } });
      } catch (err) {
        await p.failed(err, 'coach-commands-failure');
      }
    }, 120_000);
  });
});
