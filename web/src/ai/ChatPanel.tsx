import { useCallback, useEffect, useId, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import type { Conversation, ConversationDetail } from '@dawg/contracts';
import type { Api } from '../api/api';
import { unwrap } from '../api/client';
import { describeError } from '../api/errors';
import { useStore } from '../state/store';
import { useStudio } from '../ui/StudioPage';
import { connectAiBrain, type AiBrainConnection, type AiBrainEvent, SocketAckError } from './ai-socket';
import { addWhenDone, additions, applyToolEffect, canAddToTimeline } from './assistant-effects';
import { chatStreamReducer, initialChatState, PROVIDER_NAMES, type ChatItem, type ToolItem } from './chat-stream';
import { generationTracker } from './generation';
import { JobCard } from './JobCard';
import './ai.css';

/**
 * The assistant beside the timeline: the project's conversations, a reply
 * streaming in token by token over /ai-brain, each tool call as a card
 * ("Created track Lead Vox") whose effect shows on the timeline as it
 * happens, a generation's progress on its card, Stop and Retry, and errors
 * in words (the plan's allowance used up, a provider down and who answered
 * instead). Works the same with the offline assistant when no AI key is set.
 */
export function ChatPanel(props: { api: Api }) {
  const { api } = props;
  const studio = useStudio();
  const projectId = studio.projectId;
  const [state, dispatch] = useReducer(chatStreamReducer, initialChatState);
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [connected, setConnected] = useState(false);
  const connection = useRef<AiBrainConnection | null>(null);
  const activeRef = useRef<string | null>(null);
  const log = useRef<HTMLOListElement>(null);
  const inputId = useId();
  useEffect(() => {
    activeRef.current = activeId;
  }, [activeId]);

  // One socket for the panel; events of other conversations (another tab's) are not this view's.
  useEffect(() => {
    const onEvent = (event: AiBrainEvent) => {
      if (event.payload.conversationId !== activeRef.current) return;
      switch (event.name) {
        case 'chat:token':
          dispatch({ type: 'token', messageId: event.payload.messageId, delta: event.payload.delta });
          break;
        case 'chat:tool': {
          const { call, status, summary, result } = event.payload;
          dispatch({ type: 'tool', callId: call.id, name: call.name, args: call.arguments, status, summary, result });
          if (status === 'ok') applyToolEffect(studio, api, { name: call.name, args: call.arguments, result });
          break;
        }
        case 'chat:fallback':
          dispatch({ type: 'fallback', from: event.payload.from, to: event.payload.to, reason: event.payload.reason });
          break;
        case 'chat:complete':
          dispatch({ type: 'complete', turn: event.payload });
          break;
        case 'chat:error':
          dispatch({ type: 'error', code: event.payload.code, message: event.payload.message, details: event.payload.details, requestId: event.payload.requestId });
          break;
      }
    };
    const conn = connectAiBrain(api.session, onEvent, (isConnected) => {
      setConnected(isConnected);
      // A turn cannot survive a dropped socket: its events went to the old connection.
      if (!isConnected) dispatch({ type: 'error', code: 'DISCONNECTED', message: 'disconnected' });
    });
    connection.current = conn;
    const release = generationTracker(api).retain();
    return () => {
      conn.close();
      connection.current = null;
      release();
    };
  }, [api, studio]);

  const loadConversation = useCallback(
    async (id: string) => {
      activeRef.current = id;
      setActiveId(id);
      const detail = (await unwrap(api.client.GET('/api/v1/chat/conversations/{conversationId}', { params: { path: { conversationId: id } } }))) as ConversationDetail;
      if (activeRef.current !== id) return;
      dispatch({ type: 'history', messages: detail.messages });
      // Cards of generations from an earlier visit show their job's state.
      const tracker = generationTracker(api);
      for (const m of detail.messages) {
        const jobId = m.role === 'tool' && m.toolStatus === 'ok' ? jobIdIn(m.content) : undefined;
        if (jobId) void tracker.adopt(jobId).catch(() => undefined);
      }
    },
    [api],
  );

  useEffect(() => {
    let stale = false;
    unwrap(api.client.GET('/api/v1/chat/conversations', { params: { query: { projectId, pageSize: 50 } } }))
      .then((page) => {
        if (stale) return;
        const items = (page as { items: Conversation[] }).items;
        setConversations(items);
        if (items[0]) void loadConversation(items[0].id).catch((err: unknown) => setListError(describeError(err)));
      })
      .catch((err: unknown) => !stale && setListError(describeError(err)));
    return () => {
      stale = true;
    };
  }, [api, projectId, loadConversation]);

  // The newest line stays in view while the reply streams.
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [state.items]);

  const busy = state.phase !== 'idle';

  const send = async (text: string) => {
    const content = text.trim();
    const conn = connection.current;
    if (!content || !conn || busy) return;
    dispatch({ type: 'send', text: content });
    try {
      let conversationId = activeId;
      if (!conversationId) {
        const created = (await unwrap(api.client.POST('/api/v1/chat/conversations', { body: { projectId, title: content.slice(0, 60), persona: 'daw' } }))) as Conversation;
        conversationId = created.id;
        activeRef.current = created.id;
        setActiveId(created.id);
        setConversations((list) => [created, ...(list ?? [])]);
      }
      const accepted = await conn.send(conversationId, content);
      dispatch({ type: 'accepted', messageId: accepted.messageId });
    } catch (err) {
      if (err instanceof SocketAckError) dispatch({ type: 'error', code: err.code, message: err.message, details: err.details, ...(err.requestId ? { requestId: err.requestId } : {}) });
      else dispatch({ type: 'error', code: 'INTERNAL', message: describeError(err) });
    }
  };

  const submit = () => {
    const text = draft;
    setDraft('');
    void send(text);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  const cancel = async () => {
    if (!activeId || !connection.current) return;
    dispatch({ type: 'cancel' });
    await connection.current.cancel(activeId).catch(() => undefined);
  };

  const startNew = () => {
    if (busy) return;
    activeRef.current = null;
    setActiveId(null);
    dispatch({ type: 'history', messages: [] });
  };

  const remove = async (id: string) => {
    try {
      await unwrap(api.client.DELETE('/api/v1/chat/conversations/{conversationId}', { params: { path: { conversationId: id } } }));
      setConversations((list) => (list ?? []).filter((c) => c.id !== id));
      if (id === activeId) startNew();
    } catch (err) {
      setListError(describeError(err));
    }
  };

  const open = (id: string) => {
    if (busy || id === activeId) return;
    void loadConversation(id).catch((err: unknown) => setListError(describeError(err)));
  };

  return (
    <div className="ai-chat">
      <nav className="ai-conversations" aria-label="Conversations">
        <div className="ai-conversations-head">
          <span className="ai-section-title">Conversations</span>
          <button type="button" className="button small" onClick={startNew} disabled={busy}>
            New chat
          </button>
        </div>
        {conversations === null && !listError ? <p className="muted">Loading…</p> : null}
        {listError ? <p className="ai-inline-error">{listError}</p> : null}
        {conversations?.length === 0 ? <p className="muted">No conversations about this project yet.</p> : null}
        {conversations && conversations.length > 0 ? (
          <ul className="ai-conversation-list">
            {conversations.map((c) => (
              <li key={c.id} className={c.id === activeId ? 'active' : undefined}>
                <button type="button" className="ai-conversation" aria-current={c.id === activeId ? 'true' : undefined} onClick={() => open(c.id)} disabled={busy && c.id !== activeId}>
                  {c.title}
                </button>
                <button type="button" className="icon-button" aria-label={`Delete conversation ${c.title}`} onClick={() => void remove(c.id)} disabled={busy && c.id === activeId}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </nav>

      <ol className="ai-messages" ref={log} role="log" aria-label="Messages" aria-live="polite" aria-busy={busy}>
        {state.items.length === 0 ? (
          <li className="ai-empty muted">Ask for a change (“make a trap beat at 140 bpm in F minor, 8 bars”, “add a vocal track”, “set the tempo to 92”) or a theory question.</li>
        ) : null}
        {state.items.map((item) => (
          <ChatLine key={item.id} item={item} />
        ))}
        {state.phase === 'sending' ? <li className="ai-typing muted">Sending…</li> : null}
      </ol>

      {state.problem ? (
        <div className="ai-problem" role="alert">
          <strong>{state.problem.title}</strong>
          <p>{state.problem.message}</p>
          {state.problem.detail ? <p className="muted">{state.problem.detail}</p> : null}
          <div className="ai-problem-actions">
            {state.lastPrompt ? (
              <button type="button" className="button small primary" onClick={() => void send(state.lastPrompt!)} disabled={!connected}>
                Retry
              </button>
            ) : null}
            <button type="button" className="button small" onClick={() => dispatch({ type: 'dismiss' })}>
              Dismiss
            </button>
          </div>
        </div>
      ) : null}

      {state.answeredBy && !busy ? (
        <p className="ai-answered muted">
          Answered by {PROVIDER_NAMES[state.answeredBy.provider] ?? state.answeredBy.provider}
          {state.answeredBy.model ? ` (${state.answeredBy.model})` : ''}
          {state.lastPrompt && !state.problem ? (
            <button type="button" className="button small ai-retry" onClick={() => void send(state.lastPrompt!)}>
              Ask again
            </button>
          ) : null}
        </p>
      ) : null}

      <form
        className="ai-compose"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label htmlFor={inputId} className="ai-section-title">
          Message the assistant
        </label>
        <textarea id={inputId} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} rows={2} maxLength={8000} placeholder="Make a trap beat at 140 bpm…" />
        <div className="ai-compose-actions">
          {!connected ? <span className="muted">Connecting…</span> : <span className="muted">Enter sends, Shift+Enter adds a line</span>}
          {busy ? (
            <button type="button" className="button small danger" onClick={() => void cancel()} disabled={state.phase === 'cancelling'}>
              {state.phase === 'cancelling' ? 'Stopping…' : 'Stop'}
            </button>
          ) : (
            <button type="submit" className="button small primary" disabled={!draft.trim() || !connected}>
              Send
            </button>
          )}
        </div>
      </form>
    </div>
  );
}

function ChatLine(props: { item: ChatItem }) {
  const { item } = props;
  switch (item.kind) {
    case 'user':
      return (
        <li className={`ai-line ai-user${item.unsent ? ' unsent' : ''}`}>
          <span className="visually-hidden">You: </span>
          {item.text}
          {item.unsent ? <span className="ai-unsent"> · not sent</span> : null}
        </li>
      );
    case 'assistant':
      return (
        <li className={`ai-line ai-assistant${item.streaming ? ' streaming' : ''}`} data-testid="assistant-message">
          <span className="visually-hidden">Assistant: </span>
          {item.text}
        </li>
      );
    case 'notice':
      return <li className={`ai-notice tone-${item.tone}`}>{item.text}</li>;
    case 'tool':
      return (
        <li className="ai-line ai-tool-line">
          <ToolCard item={item} />
        </li>
      );
  }
}

const TOOL_ICONS = { running: '…', ok: '✓', error: '!' } as const;
const TOOL_STATUS_WORDS = { running: 'running', ok: 'done', error: 'failed' } as const;

function ToolCard(props: { item: ToolItem }) {
  const { item } = props;
  const studio = useStudio();
  const tracker = generationTracker(studio.api);
  const job = useStore(tracker.store, (s) => (item.jobId ? s.jobs[item.jobId] : undefined));
  const addition = useStore(additions, (s) => (item.jobId ? s[item.jobId] : undefined));
  const trackNames = useStore(studio.store, (s) => s.tracks);
  const added = addition?.state === 'added' ? trackNames.filter((t) => addition.trackIds.includes(t.id)).map((t) => t.name) : [];
  return (
    <div className={`tool-card status-${item.status}`} data-testid="tool-card">
      <div className="tool-card-line">
        <span className="tool-card-icon" aria-hidden="true">
          {TOOL_ICONS[item.status]}
        </span>
        <span className="tool-card-summary">{item.summary}</span>
        <span className="visually-hidden"> ({TOOL_STATUS_WORDS[item.status]})</span>
      </div>
      {job ? <JobCard job={job} onCancel={() => void tracker.cancel(job.jobId).catch((err: unknown) => studio.toast('error', describeError(err)))} /> : null}
      {addition?.state === 'adding' ? <p className="tool-card-note">Adding to the timeline…</p> : null}
      {addition?.state === 'added' ? <p className="tool-card-note ok">Added to the timeline{added.length ? `: ${added.join(', ')}` : ''}.</p> : null}
      {addition?.state === 'failed' ? <p className="tool-card-note error">Not added: {addition.error}</p> : null}
      {job && job.state === 'succeeded' && canAddToTimeline(job.kind) && (!addition || addition.state === 'failed') ? (
        <button type="button" className="button small" onClick={() => void addWhenDone(studio, studio.api, job.jobId, item.args ?? {})}>
          Add to timeline
        </button>
      ) : null}
    </div>
  );
}

function jobIdIn(content: string): string | undefined {
  try {
    const value = JSON.parse(content) as { jobId?: unknown; status?: unknown };
    return typeof value.jobId === 'string' && value.status === 'queued' ? value.jobId : undefined;
  } catch {
    return undefined;
  }
}
