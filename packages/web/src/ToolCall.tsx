import { ApprovalPrompt } from './ApprovalPrompt.tsx';
import { formatDuration, prettyJson } from './format.ts';
import type { Approval } from './turn.ts';
import type { ContentBlock, Decision } from './types.ts';

interface Props {
  name: string;
  input: unknown;
  result: Extract<ContentBlock, { type: 'tool-result' }> | undefined;
  durationMs?: number | undefined;
  running: boolean;
  approval?: Approval | undefined;
  onDecide?: ((approvalId: string, decision: Decision) => void) | undefined;
}

/** A tool call shown inline: its name and state, then (expandable) its input and result. */
export function ToolCall({ name, input, result, durationMs, running, approval, onDecide }: Props) {
  const failed = result?.status === 'error' || result?.status === 'denied';
  const state = result ? (failed ? (result.status ?? 'error') : 'done') : running ? 'running' : 'no result';
  const waiting = approval && !approval.decision;
  return (
    <div class={`tool tool-${failed ? 'error' : result ? 'done' : 'running'}`} data-testid="tool-call">
      <details open={waiting || failed}>
        <summary>
          <span class="tool-icon" aria-hidden="true">
            ⚙
          </span>{' '}
          <code class="tool-name">{name}</code>{' '}
          <span class="tool-state" data-testid="tool-state">
            {state}
            {durationMs !== undefined && result ? ` · ${formatDuration(durationMs)}` : ''}
          </span>
        </summary>
        <div class="tool-body">
          <p class="tool-label">Input</p>
          <pre class="tool-io">{prettyJson(input)}</pre>
          {result && (
            <>
              <p class="tool-label">Result</p>
              {result.content.length === 0 && <p class="muted">(empty)</p>}
              {result.content.map((part, i) => (
                <pre key={i} class="tool-io" data-testid="tool-result">
                  {part.type === 'text' ? part.text : prettyJson(part.json)}
                </pre>
              ))}
            </>
          )}
        </div>
      </details>
      {approval && <ApprovalPrompt approval={approval} onDecide={onDecide} />}
    </div>
  );
}
