import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { Api } from '../api/api';
import { BillingPage } from '../billing/BillingPage';
import { UserMenu } from '../ui/UserMenu';
import { BarChart } from './BarChart';
import { OpsPage } from './OpsPage';

/** The api at the network boundary: answers by route, records what was asked. */
function fakeApi(roles: string[], routes: Record<string, () => { status: number; body: unknown }> = {}) {
  const requests: string[] = [];
  const send = (async (input: Request) => {
    const path = new URL(input.url).pathname;
    requests.push(`${input.method} ${path}`);
    const answer = routes[`${input.method} ${path}`]?.() ?? { status: 404, body: { error: { code: 'NOT_FOUND', message: 'No such route', requestId: 'r' } } };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  const api = new Api({ baseUrl: 'http://localhost', storage: window.localStorage, fetch: send });
  api.session.signIn({
    user: { id: 'u1', email: 'mara@example.com', displayName: 'Mara Quinn', roles, createdAt: '2026-01-01T00:00:00Z', version: 1 },
    tokens: { tokenType: 'Bearer', accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 },
  });
  return { api, requests };
}

describe('the ops console and billing page', () => {
  beforeEach(() => window.localStorage.clear());

  it('offers the ops console in the user menu to admins only, and opens and closes with the keyboard', () => {
    const { api } = fakeApi(['user']);
    const { unmount } = render(<UserMenu api={api} />);
    const toggle = screen.getByRole('button', { name: /Mara Quinn/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('link', { name: 'Plan & usage' }).getAttribute('href')).toBe('/billing');
    expect(screen.queryByRole('link', { name: 'Ops console' })).toBeNull();
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
    unmount();

    const admin = fakeApi(['user', 'admin']);
    render(<UserMenu api={admin.api} />);
    fireEvent.click(screen.getByRole('button', { name: /Mara Quinn/ }));
    expect(screen.getByRole('link', { name: 'Ops console' }).getAttribute('href')).toBe('/ops');
  });

  it('tells a non-admin the console is for admins, without calling any ops route', () => {
    const { api, requests } = fakeApi(['user']);
    render(<OpsPage api={api} />);
    expect(screen.getByRole('heading', { name: 'Admins only' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('npm run admin -- grant');
    expect(requests.filter((r) => r.includes('/ops/') || r.includes('/gateway/'))).toEqual([]);
  });

  it('shows the plan and a bar per entitlement, and no upgrade button when billing is off', async () => {
    const { api } = fakeApi(['user'], {
      'GET /api/v1/billing': () => ({
        status: 200,
        body: {
          billingEnabled: false,
          plan: 'local',
          status: null,
          currentPeriodEnd: null,
          paymentFailedAt: null,
          usagePeriod: '2026-01',
          entitlements: {
            maxProjects: { used: 2, limit: 10_000 },
            storageBytes: { used: 1024 ** 2, limit: 1024 ** 5 },
            generationMinutesPerMonth: { used: 0, limit: 1_000_000 },
            aiMessagesPerMonth: { used: 5, limit: 10_000_000 },
          },
          paidPlans: [],
        },
      }),
    });
    await act(async () => {
      render(<BillingPage api={api} />);
    });
    expect(screen.getByRole('heading', { name: /Self-hosted/ })).toBeTruthy();
    const bars = screen.getAllByRole('progressbar');
    expect(bars.map((b) => b.getAttribute('aria-valuetext'))).toEqual(['2 of 10,000', '1 MB of 1 PB', '0 of 1,000,000 min', '5 of 10,000,000']);
    expect(screen.queryByRole('button', { name: /Upgrade/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Manage/ })).toBeNull();
  });

  it('draws stacked bars to scale with a legend and a data table', () => {
    render(
      <BarChart
        title="AI cost"
        series={['anthropic', 'openai']}
        points={[
          { label: '2026-01-01', values: { anthropic: 1, openai: 1 } },
          { label: '2026-01-02', values: { anthropic: 4, openai: 0 } },
        ]}
        stacked
      />,
    );
    const chart = screen.getByRole('img', { name: 'AI cost' });
    const rects = [...chart.querySelectorAll('rect')];
    expect(rects.map((r) => r.querySelector('title')!.textContent)).toEqual(['2026-01-01 · anthropic: 1', '2026-01-01 · openai: 1', '2026-01-02 · anthropic: 4']);
    // The 4 reaches the top of the axis (4); each 1 is a quarter of it, stacked one on the other.
    const heights = rects.map((r) => Number(r.getAttribute('height')));
    expect(heights[0]! * 4).toBeCloseTo(heights[2]!);
    expect(Number(rects[1]!.getAttribute('y')) + heights[1]!).toBeCloseTo(Number(rects[0]!.getAttribute('y')));
    const table = screen.getByRole('table', { name: 'AI cost' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByText('anthropic', { selector: 'li' })).toBeTruthy();
  });
});
