import { formatCost, formatTokens } from './format.ts';
import type { Conversation, ModelInfo } from './types.ts';

interface Props {
  /** The conversation shown, or null for a new one. */
  conversation: Conversation | null;
  models: ModelInfo[];
  /** The model id selected in the picker. */
  currentModel: string;
  /** Whether `currentModel` is one of `models`. */
  known: boolean;
  /** Whether a reply is streaming (the model cannot change meanwhile). */
  streaming: boolean;
  totals: { inputTokens: number; outputTokens: number; costUsd: number };
  onRename(): void;
  onModel(model: string): void;
}

/** The chat's title (with Rename), model picker and the conversation's tokens and cost. */
export function ChatHeader({
  conversation,
  models,
  currentModel,
  known,
  streaming,
  totals,
  onRename,
  onModel,
}: Props) {
  return (
    <header class="chat-header">
      <div class="chat-title-row">
        <h1 id="chat-title" class="chat-title">
          {conversation ? conversation.title || 'Untitled' : 'New conversation'}
        </h1>
        {conversation && (
          <button type="button" class="link-button" onClick={onRename}>
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
            onChange={(e) => onModel(e.currentTarget.value)}
          >
            {models.length === 0 && <option value={currentModel}>{currentModel || 'No models'}</option>}
            {!known && currentModel && models.length > 0 && (
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
          {formatTokens(totals.inputTokens)} in · {formatTokens(totals.outputTokens)} out ·{' '}
          <strong>{formatCost(totals.costUsd)}</strong>
        </p>
      </div>
    </header>
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
