import { approvalIdFromLink, approvalsReducer, type ApprovalsState, initialApprovals, pendingApprovals, recentDecisions } from './approvals';
import type { Approval } from './ops-api';

const ID1 = '11111111-1111-4111-8111-111111111111';
const ID2 = '22222222-2222-4222-8222-222222222222';
const NOW = Date.parse('2026-01-01T12:00:00Z');

const approval = (id: string, over: Partial<Approval> = {}): Approval => ({
  id,
  sessionId: 's',
  requesterId: 'u',
  agent: 'release-bot',
  argv: ['node', '-e', '1'],
  line: "node -e '1'",
  cwd: '/workspace',
  rule: 'ai-cli.approval',
  status: 'pending',
  requestedAt: '2026-01-01T11:59:00Z',
  expiresAt: '2026-01-01T12:04:00Z',
  decidedBy: null,
  decidedAt: null,
  reason: null,
  ...over,
});

const run = (...actions: Parameters<typeof approvalsReducer>[1][]): ApprovalsState => actions.reduce(approvalsReducer, initialApprovals);

describe('the approvals reducer', () => {
  it('reads the approval id from the notification link', () => {
    expect(approvalIdFromLink(`/api/v1/gateway/approvals/${ID1.toUpperCase()}`)).toBe(ID1);
    expect(approvalIdFromLink('/api/v1/projects/x')).toBeNull();
    expect(approvalIdFromLink(undefined)).toBeNull();
  });

  it('shows an announced request at once, then replaces it with the details', () => {
    const announced = run({ type: 'announced', notification: { id: ID1, title: 'An SSH command awaits approval', body: 'node', at: '2026-01-01T11:59:00Z' } });
    expect(Object.keys(announced.announced)).toEqual([ID1]);
    expect(pendingApprovals(announced, NOW)).toEqual([]);
    const fetched = approvalsReducer(announced, { type: 'fetched', approval: approval(ID1) });
    expect(fetched.announced).toEqual({});
    expect(pendingApprovals(fetched, NOW).map((a) => a.id)).toEqual([ID1]);
  });

  it('ignores an announcement for a request it already knows', () => {
    const known = run({ type: 'listed', items: [approval(ID1)] });
    expect(approvalsReducer(known, { type: 'announced', notification: { id: ID1, title: 't', body: '', at: '' } })).toBe(known);
  });

  it('lists pending requests newest first and drops those whose time ran out', () => {
    const state = run({
      type: 'listed',
      items: [approval(ID1, { requestedAt: '2026-01-01T11:58:00Z' }), approval(ID2, { requestedAt: '2026-01-01T11:59:30Z' }), approval('3', { expiresAt: '2026-01-01T11:59:59Z' })],
    });
    expect(pendingApprovals(state, NOW).map((a) => a.id)).toEqual([ID2, ID1]);
  });

  it('tracks a decision in flight, and moves the decided request out of the pending list', () => {
    let state = run({ type: 'listed', items: [approval(ID1)] }, { type: 'deciding', id: ID1, verb: 'approve' });
    expect(state.deciding).toEqual({ [ID1]: 'approve' });
    state = approvalsReducer(state, { type: 'decided', approval: approval(ID1, { status: 'approved', decidedBy: 'admin', decidedAt: '2026-01-01T12:00:00Z' }) });
    expect(state.deciding).toEqual({});
    expect(pendingApprovals(state, NOW)).toEqual([]);
    expect(recentDecisions(state).map((a) => [a.id, a.status])).toEqual([[ID1, 'approved']]);
  });

  it('keeps the error of a refused decision and allows another try', () => {
    const state = run({ type: 'listed', items: [approval(ID1)] }, { type: 'deciding', id: ID1, verb: 'deny' }, { type: 'failed', id: ID1, error: 'already decided' });
    expect(state.deciding).toEqual({});
    expect(state.errors).toEqual({ [ID1]: 'already decided' });
    expect(approvalsReducer(state, { type: 'deciding', id: ID1, verb: 'deny' }).errors).toEqual({});
  });

  it('never lets a late list put a decided request back to pending', () => {
    const state = run(
      { type: 'listed', items: [approval(ID1)] },
      { type: 'decided', approval: approval(ID1, { status: 'approved', decidedAt: '2026-01-01T12:00:00Z' }) },
      // A list read before the decision answers after it.
      { type: 'listed', items: [approval(ID1)] },
    );
    expect(state.byId[ID1]!.status).toBe('approved');
    // ...while a newer state (the command ran: consumed) does replace it.
    expect(approvalsReducer(state, { type: 'listed', items: [approval(ID1, { status: 'consumed' })] }).byId[ID1]!.status).toBe('consumed');
  });
});
