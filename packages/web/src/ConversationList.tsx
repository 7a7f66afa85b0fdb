import { useState } from 'preact/hooks';
import { api } from './api.ts';
import { formatWhen } from './format.ts';
import { hrefFor, navigate } from './router.ts';
import type { Conversation } from './types.ts';

interface Props {
  conversations: Conversation[];
  currentId: string | undefined;
  error: string | null;
  onDeleted(id: string): void;
  onRetry(): void;
}

/** The sidebar: a button for a new conversation, then the conversations, newest first. */
export function ConversationList({ conversations, currentId, error, onDeleted, onRetry }: Props) {
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const newConversation = () => {
    navigate({ page: 'chat' });
    // The chat view focuses its composer when it opens; when already there, do it here.
    requestAnimationFrame(() => document.getElementById('composer-input')?.focus());
  };

  const remove = async (c: Conversation) => {
    if (!confirm(`Delete “${c.title || 'Untitled'}”? Its messages are removed; its usage stays on record.`))
      return;
    try {
      await api.deleteConversation(c.id);
      setDeleteError(null);
      onDeleted(c.id);
    } catch (err) {
      setDeleteError((err as Error).message);
    }
  };

  return (
    <div class="conversations">
      <button
        type="button"
        class="button primary new-conversation"
        data-testid="new-conversation"
        onClick={newConversation}
      >
        <span aria-hidden="true">+</span> New conversation
      </button>
      <h2 class="sidebar-heading" id="conversations-heading">
        Conversations
      </h2>
      {error && (
        <p class="notice error" role="alert">
          {error}{' '}
          <button type="button" class="link-button" onClick={onRetry}>
            Retry
          </button>
        </p>
      )}
      {deleteError && (
        <p class="notice error" role="alert">
          {deleteError}
        </p>
      )}
      {conversations.length === 0 && !error ? (
        <p class="muted empty">No conversations yet.</p>
      ) : (
        <ul class="conversation-list" aria-labelledby="conversations-heading" data-testid="conversation-list">
          {conversations.map((c) => (
            <li key={c.id} class={c.id === currentId ? 'current' : undefined}>
              <a
                href={hrefFor({ page: 'chat', id: c.id })}
                aria-current={c.id === currentId ? 'page' : undefined}
                data-testid="conversation-link"
              >
                <span class="conversation-title">{c.title || 'Untitled'}</span>
                <time class="conversation-when" dateTime={c.updatedAt}>
                  {formatWhen(c.updatedAt)}
                </time>
              </a>
              <button
                type="button"
                class="icon-button delete"
                aria-label={`Delete conversation “${c.title || 'Untitled'}”`}
                title="Delete"
                onClick={() => remove(c)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
