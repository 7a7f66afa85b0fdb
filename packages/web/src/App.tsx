import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api.ts';
import { Chat } from './Chat.tsx';
import { ConversationList } from './ConversationList.tsx';
import { hrefFor, navigate, parseRoute, type Route } from './router.ts';
import { Settings } from './Settings.tsx';
import type { Conversation, ModelInfo, Status } from './types.ts';
import { Usage } from './Usage.tsx';

export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [status, setStatus] = useState<Status | null>(null);
  const [models, setModels] = useState<ModelInfo[]>([]);
  const [defaultModel, setDefaultModel] = useState<string>('');
  const [conversations, setConversations] = useState<Conversation[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const [sidebarOpen, setSidebarOpen] = useState(false);
  /** Bumped when the API key changes: everything is loaded again with it. */
  const [keyVersion, setKeyVersion] = useState(0);
  const menuButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onHash = () => {
      setRoute(parseRoute(location.hash));
      setSidebarOpen(false);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const refreshConversations = useCallback(async () => {
    try {
      setConversations(await api.conversations());
      setListError(null);
    } catch (err) {
      setListError((err as Error).message);
    }
  }, []);

  useEffect(() => {
    api.status().then(setStatus, () => setStatus(null));
    api.models().then(setModels, () => setModels([]));
    api.settings().then(
      (s) => setDefaultModel(typeof s.model === 'string' ? s.model : ''),
      () => setDefaultModel(''),
    );
    void refreshConversations();
  }, [keyVersion, refreshConversations]);

  // The conversation drawer (narrow screens): focus moves into it; Escape closes it and gives focus back.
  useEffect(() => {
    if (!sidebarOpen) return;
    document.querySelector<HTMLElement>('#sidebar [data-testid="new-conversation"]')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setSidebarOpen(false);
        menuButton.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sidebarOpen]);

  const onDeleted = useCallback(
    (id: string) => {
      setConversations((list) => list.filter((c) => c.id !== id));
      if (route.page === 'chat' && route.id === id) navigate({ page: 'chat' });
    },
    [route],
  );

  const onConversation = useCallback((conversation: Conversation) => {
    setConversations((list) => [conversation, ...list.filter((c) => c.id !== conversation.id)]);
  }, []);

  const currentId = route.page === 'chat' ? route.id : undefined;

  return (
    <div class={`app${sidebarOpen ? ' drawer-open' : ''}`}>
      <header class="topbar">
        <button
          ref={menuButton}
          type="button"
          class="icon-button menu-toggle"
          aria-expanded={sidebarOpen}
          aria-controls="sidebar"
          onClick={() => setSidebarOpen((o) => !o)}
        >
          <span aria-hidden="true">☰</span>
          <span class="sr-only">Conversations</span>
        </button>
        <a class="brand" href="#/">
          Strata
        </a>
        {status?.emulator && (
          <span
            class="badge badge-emulator"
            data-testid="emulator-badge"
            title="Replies come from the Bedrock emulator, not real models"
          >
            Emulator
          </span>
        )}
        <nav class="pages" aria-label="Pages">
          <a href={hrefFor({ page: 'chat' })} aria-current={route.page === 'chat' ? 'page' : undefined}>
            Chat
          </a>
          <a href={hrefFor({ page: 'usage' })} aria-current={route.page === 'usage' ? 'page' : undefined}>
            Usage
          </a>
          <a
            href={hrefFor({ page: 'settings' })}
            aria-current={route.page === 'settings' ? 'page' : undefined}
          >
            Settings
          </a>
        </nav>
      </header>
      <aside id="sidebar" class="sidebar" aria-label="Conversations">
        <ConversationList
          conversations={conversations}
          currentId={currentId}
          error={listError}
          onDeleted={onDeleted}
          onRetry={refreshConversations}
        />
      </aside>
      {sidebarOpen && (
        <button
          type="button"
          class="scrim"
          tabIndex={-1}
          aria-hidden="true"
          onClick={() => setSidebarOpen(false)}
        />
      )}
      <main class="main" id="main">
        {route.page === 'chat' && (
          <Chat
            conversationId={route.id}
            models={models}
            defaultModel={defaultModel}
            onConversation={onConversation}
            onTurnEnded={refreshConversations}
          />
        )}
        {route.page === 'settings' && (
          <Settings
            models={models}
            status={status}
            onSaved={(keyChanged, model) => {
              if (model) setDefaultModel(model);
              if (keyChanged) setKeyVersion((v) => v + 1);
            }}
          />
        )}
        {route.page === 'usage' && <Usage conversations={conversations} keyVersion={keyVersion} />}
      </main>
    </div>
  );
}
