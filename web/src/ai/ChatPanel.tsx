import type { Api } from '../api/api';

/** Placeholder while issue 9 is built: replaced by the real panel. */
export function ChatPanel(_props: { api: Api }) {
  return <p className="muted">Not built yet.</p>;
}
