/**
 * What the console knows of privileged SSH commands awaiting approval: the
 * REST list, the `notification` events that announce new ones before the
 * list is read again, and the decisions taken here. A reducer, so the order
 * in which answers and events arrive cannot lose one.
 */
import type { Approval } from './ops-api';

/** A request announced by a `notification` event, before its details are fetched. */
export interface AnnouncedApproval {
  id: string;
  title: string;
  body: string;
  at: string;
}

export interface ApprovalsState {
  /** Known approvals by id (pending or decided). */
  byId: Record<string, Approval>;
  /** Announced by the socket and not yet read from the api. */
  announced: Record<string, AnnouncedApproval>;
  /** Decisions being sent, by approval id. */
  deciding: Record<string, 'approve' | 'deny'>;
  /** The last error, per approval id. */
  errors: Record<string, string>;
}

export type ApprovalsAction =
  | { type: 'listed'; items: Approval[] }
  | { type: 'announced'; notification: AnnouncedApproval }
  | { type: 'fetched'; approval: Approval }
  | { type: 'deciding'; id: string; verb: 'approve' | 'deny' }
  | { type: 'decided'; approval: Approval }
  | { type: 'failed'; id: string; error: string };

export const initialApprovals: ApprovalsState = { byId: {}, announced: {}, deciding: {}, errors: {} };

/** The gateway's approval links end in the approval's id: `/api/v1/gateway/approvals/<id>`. */
export function approvalIdFromLink(link: string | undefined): string | null {
  const match = /\/gateway\/approvals\/([0-9a-f-]{36})$/i.exec(link ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

const without = <T>(record: Record<string, T>, id: string): Record<string, T> => {
  if (!(id in record)) return record;
  const { [id]: _gone, ...rest } = record;
  return rest;
};

/** Newer information wins: a decided approval never goes back to pending because an older list arrived late. */
const RANK: Record<Approval['status'], number> = { pending: 0, approved: 1, denied: 1, expired: 1, consumed: 2 };
const merge = (known: Approval | undefined, next: Approval): Approval => (known && RANK[known.status] > RANK[next.status] ? known : next);

export function approvalsReducer(state: ApprovalsState, action: ApprovalsAction): ApprovalsState {
  switch (action.type) {
    case 'listed': {
      const byId = { ...state.byId };
      let announced = state.announced;
      for (const item of action.items) {
        byId[item.id] = merge(byId[item.id], item);
        announced = without(announced, item.id);
      }
      return { ...state, byId, announced };
    }
    case 'announced': {
      const { notification } = action;
      if (state.byId[notification.id]) return state;
      return { ...state, announced: { ...state.announced, [notification.id]: notification } };
    }
    case 'fetched':
      return { ...state, byId: { ...state.byId, [action.approval.id]: merge(state.byId[action.approval.id], action.approval) }, announced: without(state.announced, action.approval.id) };
    case 'deciding':
      return { ...state, deciding: { ...state.deciding, [action.id]: action.verb }, errors: without(state.errors, action.id) };
    case 'decided':
      return {
        ...state,
        byId: { ...state.byId, [action.approval.id]: merge(state.byId[action.approval.id], action.approval) },
        deciding: without(state.deciding, action.approval.id),
        errors: without(state.errors, action.approval.id),
      };
    case 'failed':
      return { ...state, deciding: without(state.deciding, action.id), errors: { ...state.errors, [action.id]: action.error } };
  }
}

/** Pending requests, newest first, with those whose time ran out (by `now`) left out. */
export function pendingApprovals(state: ApprovalsState, now: number): Approval[] {
  return Object.values(state.byId)
    .filter((a) => a.status === 'pending' && Date.parse(a.expiresAt) > now)
    .sort((a, b) => Date.parse(b.requestedAt) - Date.parse(a.requestedAt) || a.id.localeCompare(b.id));
}

/** The most recent decisions, newest first. */
export function recentDecisions(state: ApprovalsState, limit = 8): Approval[] {
  return Object.values(state.byId)
    .filter((a) => a.status !== 'pending')
    .sort((a, b) => Date.parse(b.decidedAt ?? b.requestedAt) - Date.parse(a.decidedAt ?? a.requestedAt))
    .slice(0, limit);
}
