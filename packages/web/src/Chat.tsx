import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from './api.ts';
import { ChatHeader } from './ChatHeader.tsx';
import { Composer } from './Composer.tsx';
import { formatTokens } from './format.ts';
import { formatOf, type PendingImage } from './images.ts';
import { MessageView } from './MessageView.tsx';
import { navigate } from './router.ts';
import { isOnlyToolResults, matchModel, titleFrom, toolResults, totals } from './turn.ts';
import type { ContentBlock, Conversation, Decision, Message, ModelInfo } from './types.ts';
import { draftMessage, useTurnStream } from './useTurnStream.ts';

interface Props {
  /** The conversation to show; undefined for a new one (created on the first message). */
  conversationId: string | undefined;
  models: ModelInfo[];
  /** The settings' default model for new conversations. */
  defaultModel: string;
  onConversation(conversation: Conversation): void;
  onTurnEnded(): void;
}

/** One conversation: its messages, the reply being streamed, and the composer. */
export function Chat({ conversationId, models, defaultModel, onConversation, onTurnEnded }: Props) {
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pickedModel, setPickedModel] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState(false);

  /** The conversation this view shows (set before navigation when the view creates it). */
  const activeId = useRef<string | undefined>(undefined);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const addFiles = useRef<((files: File[]) => void) | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  const focusComposer = useCallback(() => {
    requestAnimationFrame(() => inputRef.current?.focus());
  }, []);

  const turn = useTurnStream({
    activeId,
    setConversation,
    setMessages,
    setError,
    setAnnouncement,
    onTurnEnded,
    focusComposer,
  });
  const { draft, streaming, stopping } = turn;

  // Open a conversation (or a blank new one) when the route changes.
  useEffect(() => {
    if (conversationId !== undefined && conversationId === activeId.current) return;
    turn.reset();
    activeId.current = conversationId;
    setConversation(null);
    setMessages([]);
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
          turn.follow(conv.id, lastUser.id);
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
    if (turn.busy()) return false;
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
    const body: { text: string; images?: { mediaType: string; data: string }[] } = { text };
    if (images.length > 0) body.images = images.map((i) => ({ mediaType: i.mediaType, data: i.data }));
    const sent = await turn.send(convId, localId, body);
    if (!sent.ok) {
      setMessages((ms) => ms.filter((m) => m.id !== localId));
      setError(sent.error.message);
      return false;
    }
    return true;
  };

  const stop = () => turn.stop(conversation?.id);

  const decide = async (approvalId: string, decision: Decision) => {
    try {
      await api.decide(approvalId, decision);
      turn.decided(approvalId, decision);
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
      <ChatHeader
        conversation={conversation}
        models={models}
        currentModel={currentModel}
        known={modelInfo !== undefined}
        streaming={streaming}
        totals={sum}
        onRename={rename}
        onModel={changeModel}
      />

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
