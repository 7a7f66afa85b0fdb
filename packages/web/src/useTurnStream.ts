import type { RefObject } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, followEvents, postMessage, readTurn, type StreamResult } from './api.ts';
import { applyEvent, type Draft, emptyDraft } from './turn.ts';
import type { Conversation, Decision, Message, TurnEvent } from './types.ts';

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

/** The reply being streamed, shown as an assistant message. */
export function draftMessage(draft: Draft, model: string | null): Message {
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

interface Options {
  /** The conversation the view shows; a turn that ends elsewhere leaves the view alone. */
  activeId: RefObject<string | undefined>;
  setConversation(conversation: Conversation): void;
  setMessages(update: Message[] | ((messages: Message[]) => Message[])): void;
  setError(error: string | null): void;
  setAnnouncement(text: string): void;
  onTurnEnded(): void;
  focusComposer(): void;
}

export interface TurnStream {
  /** The reply being streamed, or null. */
  draft: Draft | null;
  streaming: boolean;
  stopping: boolean;
  /** Whether a turn's stream is being read. */
  busy(): boolean;
  /** Stops following any turn and forgets the draft (when the view opens another conversation). */
  reset(): void;
  /** Follows a turn already running in the gateway, from the start of the log, to its end. */
  follow(conversationId: string, userMessageId: string): void;
  /**
   * Posts a user message (shown under `localId` until the gateway names it) and streams the
   * reply. Resolves false, having dropped the draft, when the post fails.
   */
  send(
    conversationId: string,
    localId: string,
    body: { text: string; images?: { mediaType: string; data: string }[] },
  ): Promise<{ ok: true } | { ok: false; error: Error }>;
  /** Asks the gateway to stop the turn; stops reading if it does not end within 5 s. */
  stop(conversationId: string | undefined): Promise<void>;
  /** Shows a decision taken on an approval request in the draft. */
  decided(approvalId: string, decision: Decision): void;
}

/**
 * The SSE turn handling of the chat view: reads a turn's events into a draft (batching tokens),
 * resumes after dropped connections, and loads what was stored once the turn ends.
 */
export function useTurnStream({
  activeId,
  setConversation,
  setMessages,
  setError,
  setAnnouncement,
  onTurnEnded,
  focusComposer,
}: Options): TurnStream {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [streaming, setStreaming] = useState(false);
  const [stopping, setStopping] = useState(false);

  const stream = useRef<AbortController | null>(null);
  const queue = useRef<TurnEvent[]>([]);
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** When resuming from the start of the log: ignore events until the turn of this user message. */
  const waitForTurn = useRef<string | null>(null);
  const localUserId = useRef<string | null>(null);
  /** The last SSE id seen on the current turn's stream, to resume after it. */
  const lastSeq = useRef<number | undefined>(undefined);
  const draftRef = useRef<Draft | null>(null);
  draftRef.current = draft;

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
  }, [setMessages, setAnnouncement, setError]);

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
    [
      flush,
      onEvent,
      onTurnEnded,
      focusComposer,
      activeId,
      setConversation,
      setMessages,
      setError,
      setAnnouncement,
    ],
  );

  useEffect(() => detach, [detach]);

  const busy = () => stream.current !== null;

  const reset = () => {
    detach();
    draftRef.current = null;
    setDraft(null);
    setStreaming(false);
    setStopping(false);
  };

  const follow = (convId: string, userMessageId: string) => {
    const ctrl = new AbortController();
    waitForTurn.current = userMessageId;
    draftRef.current = emptyDraft();
    setDraft(draftRef.current);
    void run(convId, ctrl, () => followEvents(convId, 0, onEvent, ctrl.signal), userMessageId);
  };

  const send: TurnStream['send'] = async (convId, localId, body) => {
    localUserId.current = localId;
    draftRef.current = emptyDraft();
    setDraft(draftRef.current);
    setStreaming(true);
    const ctrl = new AbortController();
    stream.current = ctrl;
    let res: Response;
    try {
      res = await postMessage(convId, body, ctrl.signal);
    } catch (err) {
      if (stream.current === ctrl) stream.current = null;
      draftRef.current = null;
      setDraft(null);
      setStreaming(false);
      return { ok: false, error: err as Error };
    }
    void run(convId, ctrl, () => readTurn(res, onEvent, ctrl.signal));
    return { ok: true };
  };

  const stop = async (convId: string | undefined) => {
    const ctrl = stream.current;
    if (!convId || !ctrl) return;
    setStopping(true);
    setAnnouncement('Stopping…');
    try {
      await api.abort(convId);
    } catch {
      // The turn may have ended already; stop reading below in any case.
    }
    // The gateway ends the stream with `done`; if it does not come soon, stop reading.
    setTimeout(() => {
      if (stream.current === ctrl) ctrl.abort();
    }, 5000);
  };

  const decided = (approvalId: string, decision: Decision) => {
    const d = draftRef.current;
    if (d) {
      const next = applyEvent(d, { event: 'approval_decision', data: { id: approvalId, decision } });
      draftRef.current = next;
      setDraft(next);
    }
  };

  return { draft, streaming, stopping, busy, reset, follow, send, stop, decided };
}
