import { ApprovalPrompt } from './ApprovalPrompt.tsx';
import { formatCost, formatTokens } from './format.ts';
import { mediaTypeOf } from './images.ts';
import { Markdown } from './Markdown.tsx';
import { ToolCall } from './ToolCall.tsx';
import type { Approval, ToolOutcome } from './turn.ts';
import type { ContentBlock, Decision, Message } from './types.ts';

interface Props {
  message: Message;
  /** Tool results of the whole conversation by tool-use id (results arrive in later messages). */
  results: Map<string, ToolOutcome>;
  durations?: Record<string, number>;
  approvals?: Approval[];
  onDecide?: (approvalId: string, decision: Decision) => void;
  /** The reply is still streaming. */
  live?: boolean;
}

const STATUS_TEXT: Partial<Record<Message['status'], string>> = {
  aborted: 'Stopped',
  failed: 'Failed',
};

/** One message: text (markdown for replies), images, reasoning, tool calls with their results. */
export function MessageView({ message, results, durations, approvals, onDecide, live = false }: Props) {
  const isUser = message.role === 'user';
  const toolIds = new Set<string>();
  for (const b of message.content) if (b.type === 'tool-use') toolIds.add(b.id);
  const loose = (approvals ?? []).filter((a) => !toolIds.has(a.id));
  const empty = message.content.every((b) => b.type === 'tool-result') && loose.length === 0;

  const block = (b: ContentBlock, i: number) => {
    switch (b.type) {
      case 'text':
        return isUser ? (
          <p key={i} class="plain">
            {b.text}
          </p>
        ) : (
          <Markdown key={i} text={b.text} />
        );
      case 'image':
        return (
          <img
            key={i}
            class="msg-image"
            src={`data:${mediaTypeOf(b.format)};base64,${b.source.data}`}
            alt={isUser ? 'Attached image' : 'Image'}
            loading="lazy"
          />
        );
      case 'reasoning':
        return (
          <details key={i} class="reasoning">
            <summary>Reasoning</summary>
            <p class="plain">{b.text}</p>
          </details>
        );
      case 'tool-use': {
        const outcome = results.get(b.id);
        const duration = durations?.[b.id] ?? outcome?.durationMs;
        return (
          <ToolCall
            key={b.id}
            name={b.name}
            input={b.input}
            result={outcome?.result}
            durationMs={duration}
            running={live && !outcome}
            approval={approvals?.find((a) => a.id === b.id)}
            onDecide={onDecide}
          />
        );
      }
      default:
        // Tool results are shown with their calls.
        return null;
    }
  };

  const statusText = message.error ? `Failed: ${message.error}` : STATUS_TEXT[message.status];

  return (
    <article
      class={`msg ${isUser ? 'msg-user' : 'msg-assistant'}`}
      data-testid="message"
      data-role={message.role}
      data-status={message.status}
      aria-busy={live ? 'true' : undefined}
    >
      <h2 class="sr-only">{isUser ? 'You said' : 'Assistant replied'}</h2>
      <div class="msg-body">
        {message.content.map(block)}
        {live && empty && (
          <p class="typing muted">
            <span class="dots" aria-hidden="true" /> Thinking…
          </p>
        )}
        {loose.map((a) => (
          <ApprovalPrompt key={a.id} approval={a} onDecide={onDecide} />
        ))}
      </div>
      {!isUser && (
        <footer class="msg-meta">
          <span data-testid="message-cost" title="Tokens and cost of this reply">
            {message.usage ? (
              <>
                {formatTokens(message.usage.inputTokens)} in · {formatTokens(message.usage.outputTokens)} out
                · {formatCost(message.costUsd)}
              </>
            ) : live ? (
              '…'
            ) : (
              formatCost(message.costUsd)
            )}
          </span>
          {message.model && <span class="msg-model">{message.model}</span>}
          {statusText && <span class={`msg-status status-${message.status}`}>{statusText}</span>}
        </footer>
      )}
    </article>
  );
}
