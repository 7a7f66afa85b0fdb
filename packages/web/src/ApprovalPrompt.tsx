import { useEffect, useRef, useState } from 'preact/hooks';
import { prettyJson } from './format.ts';
import type { Approval } from './turn.ts';
import type { Decision } from './types.ts';

interface Props {
  approval: Approval;
  onDecide?: ((approvalId: string, decision: Decision) => void | Promise<void>) | undefined;
}

const DECIDED: Record<string, string> = {
  allow: 'Allowed',
  always: 'Always allowed',
  deny: 'Denied',
};

/** Asks the person whether a tool may run: allow once, deny, or always allow this tool. */
export function ApprovalPrompt({ approval, onDecide }: Props) {
  const ref = useRef<HTMLFieldSetElement>(null);
  const [busy, setBusy] = useState(false);
  const pending = !approval.decision;

  // A turn waits on this: bring it to keyboard and screen-reader users at once.
  useEffect(() => {
    if (pending) ref.current?.focus();
  }, [pending]);

  const decide = async (decision: Decision) => {
    if (!onDecide || busy) return;
    setBusy(true);
    try {
      await onDecide(approval.id, decision);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset
      ref={ref}
      class={`approval${pending ? ' approval-pending' : ''}`}
      tabIndex={-1}
      data-testid="approval"
    >
      <legend class="approval-title">
        {pending ? 'Allow ' : ''}
        <code>{approval.tool}</code>
        {pending ? ' to run?' : `: ${DECIDED[approval.decision ?? ''] ?? approval.decision}`}
      </legend>
      {pending && (
        <>
          <details class="approval-input">
            <summary>Input</summary>
            <pre class="tool-io">{prettyJson(approval.input)}</pre>
          </details>
          <div class="approval-actions">
            <button
              type="button"
              class="button primary"
              data-testid="approve-allow"
              disabled={busy}
              onClick={() => decide('allow')}
            >
              Allow
            </button>
            <button
              type="button"
              class="button danger"
              data-testid="approve-deny"
              disabled={busy}
              onClick={() => decide('deny')}
            >
              Deny
            </button>
            <button
              type="button"
              class="button"
              data-testid="approve-always"
              disabled={busy}
              onClick={() => decide('always')}
              title={`Allow ${approval.tool} from now on without asking`}
            >
              Always allow
            </button>
          </div>
        </>
      )}
    </fieldset>
  );
}
