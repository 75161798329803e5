import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { Api } from '../api/api';
import { GenerationPanel } from './GenerationPanel';
import { opsApi, type RecentJob } from './ops-api';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const iso = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();

function job(n: number, fields: Partial<RecentJob>): RecentJob {
  return {
    jobId: `${n}0000000-0000-4000-8000-000000000000`,
    kind: 'beat',
    state: 'queued',
    stage: 'queued',
    percent: 0,
    attempts: 0,
    error: null,
    userId: `u${n}000000-0000-4000-8000-000000000000`,
    requestId: 'req',
    chargedMinutes: 1,
    projectId: null,
    createdAt: iso(60 * n),
    startedAt: null,
    finishedAt: null,
    ...fields,
  };
}

const JOBS: RecentJob[] = [
  job(1, {}),
  job(2, { state: 'running', stage: 'render', percent: 40, attempts: 1, startedAt: iso(90) }),
  job(3, { state: 'failed', kind: 'master', stage: 'master', percent: 70, attempts: 2, error: 'source WAV not found', startedAt: iso(200), finishedAt: iso(195) }),
  job(4, { state: 'succeeded', stage: 'done', percent: 100, attempts: 1, startedAt: iso(300), finishedAt: iso(288) }),
];

/** The api at the network boundary: the recent jobs filtered and paged as the server would, the dead letters empty. */
function fakeOps(jobs: RecentJob[], pageSize = 10) {
  const asked: string[] = [];
  const send = (async (input: Request) => {
    const url = new URL(input.url);
    let body: unknown = { error: { code: 'NOT_FOUND', message: 'No such route', requestId: 'r' } };
    let status = 404;
    if (url.pathname === '/api/v1/ops/generation/jobs') {
      asked.push(url.search);
      const state = url.searchParams.get('status');
      const page = Number(url.searchParams.get('page') ?? 1);
      const matching = jobs.filter((j) => !state || j.state === state);
      [status, body] = [200, { items: matching.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: matching.length }];
    } else if (url.pathname === '/api/v1/ops/generation/failed') {
      [status, body] = [200, { items: [], page: 1, pageSize: 10, total: 0 }];
    }
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  const api = new Api({ baseUrl: 'http://localhost', storage: window.localStorage, fetch: send });
  api.session.signIn({
    user: { id: 'u1', email: 'root@example.com', displayName: 'Root', roles: ['user', 'admin'], createdAt: '2026-01-01T00:00:00Z', version: 1 },
    tokens: { tokenType: 'Bearer', accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 },
  });
  return { ops: opsApi(api), asked };
}

describe('the generation panel’s recent jobs', () => {
  beforeEach(() => {
    window.localStorage.clear();
    jest.useFakeTimers({ now: NOW, doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
  });
  afterEach(() => jest.useRealTimers());

  const settle = () => act(async () => void (await jest.advanceTimersByTimeAsync(0)));

  it('lists each job with its status badge, owner, progress, age and run time, beside the failed jobs', async () => {
    const { ops } = fakeOps(JOBS);
    render(<GenerationPanel ops={ops} onError={() => undefined} />);
    await settle();
    expect(screen.getByRole('heading', { name: 'Failed generation jobs' })).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Recent jobs' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['beat', 'Queued', 'u1000000', 'waiting', '1 min ago', '—'],
      ['beat', 'Running', 'u2000000', 'render · 40%', '2 min ago', '1 min 30 s'],
      ['master', 'Failed', 'u3000000', 'at mastersource WAV not found', '3 min ago', '5.0 s'],
      ['beat', 'Succeeded', 'u4000000', 'done', '4 min ago', '12 s'],
    ]);
    expect(within(table).getByText('Failed').className).toBe('job-state failed');
    expect(screen.getByText('4 jobs')).toBeTruthy();
  });

  it('asks the api for one state when the labelled filter is set, from the first page', async () => {
    const { ops, asked } = fakeOps(JOBS);
    render(<GenerationPanel ops={ops} onError={() => undefined} />);
    await settle();
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'failed' } });
    await settle();
    expect(asked.at(-1)).toBe('?status=failed&page=1&pageSize=10');
    const table = screen.getByRole('table', { name: 'Recent jobs' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByText('1 job failed')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'cancelled' } });
    await settle();
    expect(screen.getByText('No cancelled jobs on the queue.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: '' } });
    await settle();
    expect(asked.at(-1)).toBe('?page=1&pageSize=10');
  });

  it('pages through them, and reads the page shown again with the panel’s refresh', async () => {
    const many = Array.from({ length: 12 }, (_, i) => job(i + 1, {}));
    const { ops, asked } = fakeOps(many);
    render(<GenerationPanel ops={ops} onError={() => undefined} />);
    await settle();
    const pager = screen.getByRole('navigation', { name: 'Recent jobs pages' });
    expect(pager.textContent).toContain('Page 1 of 2');
    fireEvent.click(within(pager).getByRole('button', { name: 'Next' }));
    await settle();
    expect(asked.at(-1)).toBe('?page=2&pageSize=10');
    expect(within(screen.getByRole('table', { name: 'Recent jobs' })).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole('navigation', { name: 'Recent jobs pages' }).textContent).toContain('Page 2 of 2');

    const before = asked.length;
    await act(async () => void (await jest.advanceTimersByTimeAsync(5_000)));
    expect(asked.slice(before)).toEqual(['?page=2&pageSize=10']);
  });
});
