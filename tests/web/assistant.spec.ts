import type { Page } from 'playwright-core';
import { type Clip, type Project, sessionResponseSchema, type Track } from '@dawg/contracts';
import { PASSWORD, signIn, useWebStack } from './harness';

/**
 * The AI surfaces end to end, in real Chromium against the real platform with
 * no AI key (the offline assistant answers) and the generation worker in the
 * same unified process: the assistant is asked for a trap beat and the beat
 * arrives on the timeline as a new track with a clip, a progress bar on the
 * way; the generate panel makes a melody from a seed, previews it, adds it as
 * MIDI tracks, and Regenerate with the same seed gives the same notes.
 */
describe('the assistant and the generator in Chromium', () => {
  const web = useWebStack({
    tmpPrefix: 'dawg-assistant-e2e-',
    env: {
      RATE_LIMIT_GENERATION: '1000/900',
      // Billing on (Stripe is never called here): new musicians are on the free plan, 100 AI messages a month.
      STRIPE_SECRET_KEY: 'sk_test_dawg',
      STRIPE_WEBHOOK_SECRET: 'whsec_dawg',
      STRIPE_PRICE_PRO: 'price_pro',
      STRIPE_PRICE_STUDIO: 'price_studio',
      APP_URL: 'http://127.0.0.1:5173',
    },
    chromiumArgs: ['--autoplay-policy=no-user-gesture-required'],
  });
  const { api, query, shot, eventually } = web;

  async function openStudio(email: string, projectName: string, beforeOpening?: (userId: string) => Promise<void>): Promise<{ page: Page; token: string; projectId: string }> {
    const session = sessionResponseSchema.parse((await api(null, 'POST', '/auth/register', { email, password: PASSWORD, displayName: 'Ada Beats' })).body);
    await beforeOpening?.(session.user.id);
    const token = session.tokens.accessToken;
    const project = (await api<Project>(token, 'POST', '/projects', { name: projectName })).body;
    // A laptop screen: the panels must be usable at 1280x720. A browser of its own per musician.
    const page = await web.newPage();
    await signIn(page, email, `/projects/${project.id}`);
    await page.getByRole('button', { name: '+ Audio' }).waitFor();
    return { page, token, projectId: project.id };
  }

  const failed = (page: Page | undefined, name: string, err: unknown) => web.failed(err, `assistant-failure-${name}`, page);

  it('asks the offline assistant for a trap beat and sees it land on the timeline as a new track, with a progress bar on the way', async () => {
    let page: Page | undefined;
    try {
      const opened = await openStudio('ada@example.com', 'Trap Night');
      page = opened.page;
      const { token, projectId } = opened;
      const tracks = () => api<{ items: Track[] }>(token, 'GET', `/projects/${projectId}/tracks`).then((r) => r.body.items);
      const clips = () => api<{ items: Clip[] }>(token, 'GET', `/projects/${projectId}/clips`).then((r) => r.body.items);

      await page.getByRole('button', { name: 'Assistant', exact: true }).click();
      const panel = page.getByRole('complementary', { name: 'Assistant' });
      const input = panel.getByLabel('Message the assistant');
      await input.waitFor();
      // Connected to /ai-brain.
      await panel.getByText('Enter sends, Shift+Enter adds a line').waitFor();
      await shot(page, 'assistant-01-open');

      // Every state a job's progress bar shows on the way, as the page draws it.
      await page.evaluate(() => {
        // Runs in the page; this file is type-checked without the DOM library.
        interface PageElement {
          getAttribute(name: string): string | null;
        }
        interface PageGlobals {
          __bars: string[];
          MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
          document: { body: unknown; querySelectorAll(selector: string): { forEach(fn: (el: PageElement) => void): void } };
        }
        const g = globalThis as unknown as PageGlobals;
        g.__bars = [];
        const seen = (el: PageElement) => {
          const text = el.getAttribute('aria-valuetext');
          if (text && g.__bars.at(-1) !== text) g.__bars.push(text);
        };
        new g.MutationObserver(() => g.document.querySelectorAll('.tool-card [role="progressbar"]').forEach(seen)).observe(g.document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['aria-valuetext'],
        });
      });

      await input.fill('make a trap beat at 140 bpm in F minor, 8 bars');
      await input.press('Enter');
      // The reply streams in, and the tool call shows as a readable card with the job's progress bar.
      const card = panel.getByTestId('tool-card').filter({ hasText: 'Generating trap beat, 140 BPM' });
      await card.waitFor();
      await card.getByRole('progressbar').waitFor();
      await shot(page, 'assistant-02-generating');
      await panel.getByTestId('assistant-message').first().waitFor();

      // The finished beat is added to the timeline as a new audio track with its clip.
      await card.getByText(/^Added to the timeline: Trap beat 140\.$/).waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: /^Track Trap beat 140/ }).waitFor();
      await page.waitForTimeout(300); // the waveform's peaks
      await shot(page, 'assistant-03-beat-on-timeline');

      const bars = await page.evaluate(() => (globalThis as unknown as { __bars: string[] }).__bars);
      expect(bars.at(-1)).toMatch(/^Ready · \d:\d\d$/);
      // The bar was shown before the beat was ready: waiting in the queue or a named stage with its percent.
      expect(bars.some((text) => text === 'Waiting in the queue' || /^(Composing|Rendering audio|Mixing|Mastering|Encoding|Saving files|Recording the result) · \d+%$/.test(text))).toBe(true);

      const [track] = await tracks();
      expect(track).toMatchObject({ name: 'Trap beat 140', kind: 'audio' });
      const [clip] = await clips();
      // 8 bars at 140 BPM: the empty project took the beat's tempo in the same edit.
      expect(clip).toMatchObject({ trackId: track!.id, startBeat: 0, lengthBeats: 32 });
      expect(clip!.audioFileId).toBeTruthy();
      expect((await api<Project>(token, 'GET', `/projects/${projectId}`)).body.bpm).toBe(140);
      const text = await panel.getByTestId('assistant-message').allTextContents();
      expect(text.join(' ')).toMatch(/trap/i);
      expect(await panel.getByText(/^Answered by the offline assistant/).count()).toBe(1);

      // One edit: one Undo takes the track, its clip and the tempo back.
      await page.locator('button:has-text("Undo"):not([disabled])').click();
      await eventually(tracks, (items) => items.length === 0, 'the added beat undone');
      expect((await api<Project>(token, 'GET', `/projects/${projectId}`)).body.bpm).toBe(120);
      await page.locator('button:has-text("Redo"):not([disabled])').click();
      await eventually(tracks, (items) => items.length === 1, 'the added beat redone');

      // A second request in the same conversation, acting at once: a track created by name.
      await input.fill('add a track called Lead Vox');
      await input.press('Enter');
      await panel.getByTestId('tool-card').filter({ hasText: 'Created track Lead Vox' }).waitFor();
      await page.getByRole('button', { name: /^Track Lead Vox/ }).waitFor();
      await shot(page, 'assistant-04-created-track');
    } catch (err) {
      await failed(page, 'chat', err);
    }
  }, 120_000);

  it('generates a melody from a seed, previews it, adds it as MIDI tracks, and the same seed gives the same notes again', async () => {
    let page: Page | undefined;
    try {
      const opened = await openStudio('bo@example.com', 'Seeds');
      page = opened.page;
      const { token, projectId } = opened;
      const clips = () => api<{ items: Clip[] }>(token, 'GET', `/projects/${projectId}/clips`).then((r) => r.body.items);

      await page.getByRole('button', { name: 'Generate', exact: true }).click();
      const panel = page.getByRole('complementary', { name: 'Generate' });
      const form = panel.getByRole('form', { name: 'Generate music' });
      await form.waitFor();
      await form.getByLabel('What').selectOption('melody');
      await form.getByLabel('Genre').selectOption('lo-fi');
      await form.getByLabel('BPM').fill('90');
      await form.getByLabel('Key').selectOption('A');
      await form.getByLabel('Scale').selectOption('minor');
      await form.getByLabel('Bars').selectOption('4');
      await form.getByLabel('Complexity').selectOption('simple');
      await form.getByLabel('Seed').fill('1234');
      await shot(page, 'generate-01-form');
      await form.getByRole('button', { name: 'Generate melody' }).click();

      const cards = panel.getByRole('region', { name: 'Melody · seed 1234' });
      const first = cards.first();
      await first.getByRole('progressbar').waitFor();
      await first.and(page.locator('[data-state="succeeded"]')).waitFor({ timeout: 60_000 });

      // Preview before adding: the WAV plays in the studio's audio context.
      await first.getByRole('button', { name: 'Preview melody' }).click();
      await first.getByRole('button', { name: 'Stop preview' }).waitFor();
      expect(await first.getByRole('button', { name: 'Stop preview' }).getAttribute('aria-pressed')).toBe('true');
      await shot(page, 'generate-02-preview');
      await first.getByRole('button', { name: 'Stop preview' }).click();

      await first.getByRole('button', { name: 'Add as MIDI tracks' }).click();
      await first.getByRole('status').filter({ hasText: /^Added \d+ tracks?; Undo removes/ }).waitFor();
      const added = await eventually(clips, (items) => items.length > 0 && items.every((c) => c.notes && c.notes.length > 0), 'the melody’s MIDI clips');
      await page.getByRole('button', { name: /^Track Lo-fi melody 90/ }).first().waitFor();
      await shot(page, 'generate-03-added');

      // Regenerate with the same seed: a new job, the same notes.
      await first.getByRole('button', { name: 'Regenerate (seed 1234)' }).click();
      await eventually(() => cards.count(), (n) => n === 2, 'the regenerated job’s card');
      const second = cards.first();
      await second.and(page.locator('[data-state="succeeded"]')).waitFor({ timeout: 60_000 });
      const before = new Set(added.map((c) => c.id));
      await second.getByRole('button', { name: 'Add as MIDI tracks' }).click();
      const again = await eventually(
        clips,
        (items) => items.filter((c) => !before.has(c.id)).length === added.length,
        'the regenerated melody’s clips',
      ).then((items) => items.filter((c) => !before.has(c.id)));
      const notesOf = (list: Clip[]) => list.map((c) => ({ name: c.name, lengthBeats: c.lengthBeats, notes: c.notes }));
      expect(notesOf(again)).toEqual(notesOf(added));

      // Master it: the loudness before and after.
      await second.getByRole('button', { name: 'Master' }).click();
      const master = panel.getByRole('region', { name: 'Master · seed 1234' });
      await master.and(page.locator('[data-state="succeeded"]')).waitFor({ timeout: 60_000 });
      const readout = master.getByRole('definition');
      await readout.first().waitFor();
      const [inputLufs, outputLufs] = await readout.allTextContents();
      expect(inputLufs).toMatch(/LUFS$/);
      expect(outputLufs).toMatch(/^−1[34]\.\d LUFS$/);
      await master.scrollIntoViewIfNeeded();
      await shot(page, 'generate-04-mastered');

      // The project's own audio, mixed and mastered: the melody's render as an audio track, then Mix & master project.
      await first.getByRole('button', { name: 'Add as audio track' }).click();
      await eventually(clips, (items) => items.some((c) => c.audioFileId), 'the melody’s audio clip');
      const mixButton = panel.getByRole('button', { name: 'Mix & master project' });
      await mixButton.and(page.locator(':not([disabled])')).waitFor();
      await mixButton.click();
      const automix = panel.getByRole('region', { name: 'Mix and master', exact: true });
      await automix.and(page.locator('[data-state="succeeded"]')).waitFor({ timeout: 60_000 });
      const [mixBefore, mixAfter] = await automix.getByRole('definition').allTextContents();
      expect(mixBefore).toMatch(/LUFS$/);
      expect(mixAfter).toMatch(/^−1[34]\.\d LUFS$/);
      const row = automix.getByRole('row', { name: /^Lo-fi melody 90/ });
      await row.waitFor();
      const audioTrack = (await api<{ items: Track[] }>(token, 'GET', `/projects/${projectId}/tracks`)).body.items.find((t) => t.kind === 'audio')!;
      await automix.getByRole('button', { name: 'Apply mix to tracks' }).click();
      await automix.getByRole('button', { name: 'Mix applied' }).waitFor();
      const mixed = await eventually(
        () => api<{ items: Track[] }>(token, 'GET', `/projects/${projectId}/tracks`).then((r) => r.body.items.find((t) => t.id === audioTrack.id)!),
        (t) => t.version > audioTrack.version,
        'the automix applied to the audio track',
      );
      expect(mixed.volumeDb).not.toBe(audioTrack.volumeDb);
      await automix.scrollIntoViewIfNeeded();
      await shot(page, 'generate-05-automix');
    } catch (err) {
      await failed(page, 'generate', err);
    }
  }, 180_000);
  it('explains a used-up AI allowance with the plan’s figures, and Retry sends the message again once there is room', async () => {
    let page: Page | undefined;
    let userId = '';
    const setUsed = (amount: number) =>
      query(
        `INSERT INTO usage_counters (user_id, metric, period, amount) VALUES ($1, 'ai_messages', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM'), $2)
         ON CONFLICT (user_id, metric, period) DO UPDATE SET amount = EXCLUDED.amount`,
        [userId, amount],
      );
    try {
      const opened = await openStudio('cy@example.com', 'Spent', async (id) => {
        userId = id;
        await setUsed(100);
      });
      page = opened.page;
      await page.getByRole('button', { name: 'Assistant', exact: true }).click();
      const panel = page.getByRole('complementary', { name: 'Assistant' });
      await panel.getByText('Enter sends, Shift+Enter adds a line').waitFor();
      const input = panel.getByLabel('Message the assistant');
      await input.fill('set the tempo to 92');
      await input.press('Enter');
      const alert = panel.getByRole('alert');
      await alert.getByText('This month’s AI messages are used up').waitFor();
      expect(await alert.textContent()).toContain('100 of 100 AI messages used this month on the free plan.');
      expect(await panel.locator('li.ai-user').allTextContents()).toEqual(['You: set the tempo to 92 · not sent']);
      await shot(page, 'assistant-05-allowance-used');

      // Room again (a new month, or a bigger plan): Retry sends the same message, and the tempo changes on the timeline.
      await setUsed(0);
      await alert.getByRole('button', { name: 'Retry' }).click();
      await panel.getByTestId('tool-card').filter({ hasText: 'Set the tempo to 92 BPM' }).waitFor();
      await page.getByLabel('BPM').and(page.locator('[value="92"]')).waitFor();
      expect(await panel.getByRole('alert').count()).toBe(0);
      // The refused message was replaced by the retried one, not shown twice.
      expect(await panel.locator('li.ai-user').allTextContents()).toEqual(['You: set the tempo to 92']);
      expect((await api<Project>(opened.token, 'GET', `/projects/${opened.projectId}`)).body.bpm).toBe(92);
      await shot(page, 'assistant-06-retried');
    } catch (err) {
      await failed(page, 'allowance', err);
    }
  }, 60_000);
});
