import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api, followEvents, postMessage, readTurn, type StreamResult } from './api.ts';
import { Composer } from './Composer.tsx';
import { formatCost, formatTokens } from './format.ts';
import { formatOf, type PendingImage } from './images.ts';
import { MessageView } from './MessageView.tsx';
import { navigate } from './router.ts';
import {
  applyEvent,
  type Draft,
  emptyDraft,
  isOnlyToolResults,
  matchModel,
  titleFrom,
  toolResults,
  totals,
} from './turn.ts';
import type { ContentBlock, Conversation, Decision, Message, ModelInfo, TurnEvent } from './types.ts';

interface Props {
  /** The conversation to show; undefined for a new one (created on the first message). */
  conversationId: string | undefined;
  models: ModelInfo[];
  /** The settings' default model for new conversations. */
  defaultModel: string;
  onConversation(conversation: Conversation): void;
  onTurnEnded(): void;
}

const RESUME_TRIES = 5;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}

function draftMessage(draft: Draft, model: string | null): Message {
  return {
    id: draft.done?.messageId ?? 'draft',
    role: 'assistant',
    content: draft.content,
    status: draft.error ? 'failed' : draft.done ? 'complete' : 'streaming',
    usage: draft.usage,
    costUsd: draft.costUsd,
    model,
    createdAt: new Date().toISOString(),
  };
}

/** One conversation: its messages, the reply being streamed, and the composer. */
export function Chat({ conversationId, models, defaultModel, onConversation, onTurnEnded }: Props) {
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [streaming, setStreaming] = useState(false);
  const [stopping, setStopping] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pickedModel, setPickedModel] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState(false);

  /** The conversation this view shows (set before navigation when the view creates it). */
  const activeId = useRef<string | undefined>(undefined);
  const stream = useRef<AbortController | null>(null);
  const queue = useRef<TurnEvent[]>([]);
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** When resuming from the start of the log: ignore events until the turn of this user message. */
  const waitForTurn = useRef<string | null>(null);
  const localUserId = useRef<string | null>(null);
  /** The last SSE id seen on the current turn's stream, to resume after it. */
  const lastSeq = useRef<number | undefined>(undefined);
  const draftRef = useRef<Draft | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const addFiles = useRef<((files: File[]) => void) | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  draftRef.current = draft;

  const focusComposer = useCallback(() => {
    requestAnimationFrame(() => inputRef.current?.focus());
  }, []);

  const flush = useCallback(() => {
    clearTimeout(flushTimer.current);
    flushTimer.current = undefined;
    const events = queue.current;
    queue.current = [];
    if (events.length === 0) return;
    const next = events.reduce(applyEvent, draftRef.current ?? emptyDraft());
    draftRef.current = next;
    setDraft(next);
    for (const ev of events) {
      if (ev.event === 'turn' && localUserId.current) {
        const local = localUserId.current;
        localUserId.current = null;
        setMessages((ms) => ms.map((m) => (m.id === local ? { ...m, id: ev.data.userMessageId } : m)));
      } else if (ev.event === 'approval_request') {
        setAnnouncement(`Approval needed to run ${ev.data.tool}.`);
      } else if (ev.event === 'error') {
        setError(ev.data.message);
      }
    }
  }, []);

  const onEvent = useCallback(
    (ev: TurnEvent, id: number | undefined) => {
      if (id !== undefined) lastSeq.current = id;
      if (waitForTurn.current !== null) {
        if (ev.event !== 'turn' || ev.data.userMessageId !== waitForTurn.current) return;
        waitForTurn.current = null;
      }
      queue.current.push(ev);
      if (ev.event === 'token' || ev.event === 'reasoning' || ev.event === 'usage') {
        flushTimer.current ??= setTimeout(flush, 40);
      } else {
        flush();
      }
    },
    [flush],
  );

  /** Stops following the current stream (the turn itself goes on in the gateway). */
  const detach = useCallback(() => {
    const ctrl = stream.current;
    stream.current = null;
    ctrl?.abort();
    clearTimeout(flushTimer.current);
    flushTimer.current = undefined;
    queue.current = [];
    waitForTurn.current = null;
  }, []);

  /** Follows a turn to its end, resuming after dropped connections, then loads what was stored. */
  const run = useCallback(
    async (
      convId: string,
      ctrl: AbortController,
      start: () => Promise<StreamResult>,
      userMessageId?: string,
    ) => {
      stream.current = ctrl;
      setStreaming(true);
      lastSeq.current = undefined;
      let result: StreamResult = { lastEventId: undefined, finished: false };
      let failure: unknown = null;
      try {
        result = await start();
      } catch (err) {
        failure = err;
      }
      for (let tries = 1; tries <= RESUME_TRIES; tries++) {
        if (result.finished || ctrl.signal.aborted || failure instanceof ApiError) break;
        await sleep(Math.min(4000, 400 * 2 ** (tries - 1)), ctrl.signal);
        if (ctrl.signal.aborted) break;
        let after = lastSeq.current ?? result.lastEventId;
        if (after === undefined) {
          const turnOf = draftRef.current?.userMessageId ?? userMessageId;
          if (!turnOf) break;
          waitForTurn.current = turnOf;
          after = 0;
        }
        try {
          failure = null;
          result = await followEvents(convId, after, onEvent, ctrl.signal);
        } catch (err) {
          failure = err;
        }
      }
      if (stream.current !== ctrl) return; // Another conversation took over this view.
      flush();
      stream.current = null;
      waitForTurn.current = null;
      if (failure instanceof ApiError) setError(failure.message);
      else if (!result.finished && !ctrl.signal.aborted) setError('Lost the connection to the gateway.');
      try {
        const fresh = await api.conversation(convId);
        if (activeId.current === convId) {
          setConversation(fresh.conversation);
          setMessages(fresh.messages);
        }
      } catch {
        const last = draftRef.current;
        if (last && last.content.length > 0 && activeId.current === convId) {
          setMessages((ms) => [...ms, draftMessage(last, null)]);
        }
      }
      if (activeId.current !== convId) return;
      draftRef.current = null;
      setDraft(null);
      setStreaming(false);
      setStopping(false);
      setAnnouncement('The reply is complete.');
      onTurnEnded();
      focusComposer();
    },
    [flush, onEvent, onTurnEnded, focusComposer],
  );

  // Open a conversation (or a blank new one) when the route changes.
  useEffect(() => {
    if (conversationId !== undefined && conversationId === activeId.current) return;
    detach();
    activeId.current = conversationId;
    draftRef.current = null;
    setConversation(null);
    setMessages([]);
    setDraft(null);
    setStreaming(false);
    setStopping(false);
    setError(null);
    stickToBottom.current = true;
    if (!conversationId) {
      setLoading(false);
      focusComposer();
      return;
    }
    let cancelled = false;
    setLoading(true);
    api.conversation(conversationId).then(
      ({ conversation: conv, messages: ms }) => {
        if (cancelled) return;
        setConversation(conv);
        setMessages(ms);
        setLoading(false);
        focusComposer();
        const last = ms[ms.length - 1];
        const lastUser = [...ms].reverse().find((m) => m.role === 'user');
        if (last?.role === 'assistant' && last.status === 'streaming' && lastUser) {
          // A reply is still being written (another tab, or before a reload): follow it.
          const ctrl = new AbortController();
          waitForTurn.current = lastUser.id;
          draftRef.current = emptyDraft();
          setDraft(draftRef.current);
          void run(conv.id, ctrl, () => followEvents(conv.id, 0, onEvent, ctrl.signal), lastUser.id);
        }
      },
      (err: Error) => {
        if (cancelled) return;
        setLoading(false);
        setError(err.message);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [conversationId]);

  useEffect(() => detach, [detach]);

  const currentModel = useMemo(() => {
    if (conversation) return matchModel(models, conversation.model)?.id ?? conversation.model;
    if (pickedModel) return pickedModel;
    return matchModel(models, defaultModel)?.id ?? models[0]?.id ?? defaultModel;
  }, [conversation, models, pickedModel, defaultModel]);

  const modelInfo = matchModel(models, currentModel);

  const changeModel = async (model: string) => {
    if (!conversation) {
      setPickedModel(model);
      return;
    }
    try {
      const updated = await api.updateConversation(conversation.id, { model });
      setConversation(updated ?? { ...conversation, model });
      if (updated) onConversation(updated);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const rename = async () => {
    if (!conversation) return;
    const title = prompt('Rename conversation', conversation.title)?.trim();
    if (!title || title === conversation.title) return;
    try {
      const updated = await api.updateConversation(conversation.id, { title });
      const next = updated ?? { ...conversation, title };
      setConversation(next);
      onConversation(next);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const send = async (text: string, images: PendingImage[]): Promise<boolean> => {
    if (stream.current) return false;
    setError(null);
    let conv = conversation;
    if (!conv) {
      if (!currentModel) {
        setError('No model to talk to: the gateway listed none.');
        return false;
      }
      try {
        conv = await api.createConversation({ title: titleFrom(text || 'Image'), model: currentModel });
      } catch (err) {
        setError((err as Error).message);
        return false;
      }
      activeId.current = conv.id;
      setConversation(conv);
      onConversation(conv);
      navigate({ page: 'chat', id: conv.id });
    }
    const convId = conv.id;
    const content: ContentBlock[] = [];
    for (const img of images) {
      content.push({
        type: 'image',
        format: formatOf(img.mediaType),
        source: { type: 'base64', data: img.data },
      });
    }
    if (text) content.push({ type: 'text', text });
    const localId = `local-${Date.now()}`;
    localUserId.current = localId;
    const userMessage: Message = {
      id: localId,
      role: 'user',
      content,
      status: 'complete',
      usage: null,
      costUsd: null,
      model: null,
      createdAt: new Date().toISOString(),
    };
    stickToBottom.current = true;
    setMessages((ms) => [...ms, userMessage]);
    draftRef.current = emptyDraft();
    setDraft(draftRef.current);
    setStreaming(true);
    const ctrl = new AbortController();
    stream.current = ctrl;
    let res: Response;
    try {
      const body: { text: string; images?: { mediaType: string; data: string }[] } = { text };
      if (images.length > 0) body.images = images.map((i) => ({ mediaType: i.mediaType, data: i.data }));
      res = await postMessage(convId, body, ctrl.signal);
    } catch (err) {
      if (stream.current === ctrl) stream.current = null;
      setMessages((ms) => ms.filter((m) => m.id !== localId));
      draftRef.current = null;
      setDraft(null);
      setStreaming(false);
      setError((err as Error).message);
      return false;
    }
    void run(convId, ctrl, () => readTurn(res, onEvent, ctrl.signal));
    return true;
  };

  const stop = async () => {
    const ctrl = stream.current;
    if (!conversation || !ctrl) return;
    setStopping(true);
    setAnnouncement('Stopping…');
    try {
      await api.abort(conversation.id);
    } catch {
      // The turn may have ended already; stop reading below in any case.
    }
    // The gateway ends the stream with `done`; if it does not come soon, stop reading.
    setTimeout(() => {
      if (stream.current === ctrl) ctrl.abort();
    }, 5000);
  };

  const decide = async (approvalId: string, decision: Decision) => {
    try {
      await api.decide(approvalId, decision);
      const d = draftRef.current;
      if (d) {
        const next = applyEvent(d, { event: 'approval_decision', data: { id: approvalId, decision } });
        draftRef.current = next;
        setDraft(next);
      }
      focusComposer();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  // Keep the newest content in view unless the reader scrolled up.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages, draft]);

  const onScroll = () => {
    const el = listRef.current;
    if (el) stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  };

  const results = useMemo(() => toolResults(messages, draft?.content), [messages, draft]);
  const sum = totals(messages, draft);
  const lastMessage = messages[messages.length - 1];
  const visible = messages.filter(
    (m) =>
      !isOnlyToolResults(m) &&
      !(draft && m === lastMessage && m.role === 'assistant' && m.status === 'streaming'),
  );

  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

  return (
    <section
      class={`chat${dragging ? ' dragging' : ''}`}
      aria-labelledby="chat-title"
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target || !(e.relatedTarget instanceof Node)) setDragging(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        addFiles.current?.(Array.from(e.dataTransfer?.files ?? []));
      }}
    >
      <header class="chat-header">
        <div class="chat-title-row">
          <h1 id="chat-title" class="chat-title">
            {conversation ? conversation.title || 'Untitled' : 'New conversation'}
          </h1>
          {conversation && (
            <button type="button" class="link-button" onClick={rename}>
              Rename
            </button>
          )}
        </div>
        <div class="chat-tools">
          <label class="model-picker">
            <span class="label-text">Model</span>
            <select
              data-testid="model-picker"
              value={currentModel}
              disabled={streaming || models.length === 0}
              onChange={(e) => changeModel(e.currentTarget.value)}
            >
              {models.length === 0 && <option value={currentModel}>{currentModel || 'No models'}</option>}
              {!modelInfo && currentModel && models.length > 0 && (
                <option value={currentModel}>{currentModel}</option>
              )}
              {groupByProvider(models).map(([provider, list]) => (
                <optgroup key={provider} label={provider}>
                  {list.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <p
            class="conversation-cost"
            data-testid="conversation-cost"
            title="Tokens and cost of this conversation"
          >
            <span class="sr-only">Conversation total: </span>
            {formatTokens(sum.inputTokens)} in · {formatTokens(sum.outputTokens)} out ·{' '}
            <strong>{formatCost(sum.costUsd)}</strong>
          </p>
        </div>
      </header>

      <div
        class="messages"
        role="log"
        aria-live="polite"
        aria-label="Messages"
        data-testid="message-list"
        ref={listRef}
        onScroll={onScroll}
      >
        {loading && <p class="muted center">Loading…</p>}
        {!loading && visible.length === 0 && !draft && (
          <div class="empty-chat">
            <p class="empty-title">Ask anything.</p>
            {modelInfo && (
              <p class="muted">
                {modelInfo.name} · {formatTokens(modelInfo.contextWindow)} tokens of context · $
                {modelInfo.price.input}/M in, ${modelInfo.price.output}/M out
              </p>
            )}
            <p class="muted">
              Enter sends, Shift+Enter starts a new line. Drop or paste images to attach them.
            </p>
          </div>
        )}
        {visible.map((m) => (
          <MessageView key={m.id} message={m} results={results} />
        ))}
        {draft && (
          <MessageView
            key="draft"
            message={draftMessage(draft, modelInfo?.id ?? conversation?.model ?? null)}
            results={results}
            durations={draft.durations}
            approvals={draft.approvals}
            onDecide={decide}
            live={streaming}
          />
        )}
      </div>

      {error && (
        <p class="notice error chat-error" role="alert">
          {error}
          <button type="button" class="icon-button" aria-label="Dismiss error" onClick={() => setError(null)}>
            <span aria-hidden="true">×</span>
          </button>
        </p>
      )}
      <p class="sr-only" role="status">
        {announcement}
      </p>

      <Composer
        inputRef={inputRef}
        addFilesRef={addFiles}
        streaming={streaming}
        stopping={stopping}
        disabled={loading}
        onSend={send}
        onStop={stop}
      />
      {dragging && (
        <div class="drop-hint" aria-hidden="true">
          Drop images to attach them
        </div>
      )}
    </section>
  );
}

function groupByProvider(models: ModelInfo[]): [string, ModelInfo[]][] {
  const groups = new Map<string, ModelInfo[]>();
  for (const m of models) {
    const list = groups.get(m.provider) ?? [];
    list.push(m);
    groups.set(m.provider, list);
  }
  return [...groups.entries()];
}
