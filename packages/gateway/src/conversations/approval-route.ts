import type { FastifyInstance } from 'fastify';
import { HttpError } from '../server/http-errors.js';
import type { ApprovalAnswer, Store } from '../storage/types.js';
import type { LiveTurns } from './live-turns.js';
import { owned } from './owned.js';

const answerSchema = {
  params: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
  },
  body: {
    type: 'object',
    required: ['decision'],
    additionalProperties: false,
    properties: {
      decision: { type: 'string', enum: ['allow', 'deny', 'always'] },
      reason: { type: 'string', maxLength: 1000 },
    },
  },
} as const;

/**
 * `POST /api/approvals/:id`: answers a pending tool approval. The approval is a database row, so any
 * gateway on the database can take the answer; the one running the turn reads it (at once when it is
 * this one). 404 for an approval that does not exist (or is another key's), 409 for one already
 * answered or closed.
 */
export function registerApprovalRoute(app: FastifyInstance, deps: { store: Store; live: LiveTurns }): void {
  app.post<{ Params: { id: string }; Body: { decision: 'allow' | 'deny' | 'always'; reason?: string } }>(
    '/api/approvals/:id',
    { schema: answerSchema },
    async (request) => {
      const { id } = request.params;
      const approval = await deps.store.approvals.get(id);
      if (!approval) throw new HttpError(404, 'not_found', `No approval ${id}.`);
      await owned(deps.store, request, approval.conversationId);
      const { decision, reason } = request.body;
      const answer: ApprovalAnswer =
        decision === 'deny' ? { decision, ...(reason ? { reason } : {}) } : { decision };
      if (!(await deps.store.approvals.answer(id, answer))) throw await refusal(deps.store, id);
      deps.live.wake(id);
      return { ok: true };
    },
  );
}

/** Why an answer was refused, read after the refusal so it names what actually happened. */
async function refusal(store: Store, id: string): Promise<HttpError> {
  const approval = await store.approvals.get(id);
  if (approval?.status === 'answered')
    return new HttpError(
      409,
      'approval_answered',
      `Approval ${id} was already answered (${approval.answer?.decision ?? 'unknown'}).`,
    );
  return new HttpError(
    409,
    'approval_closed',
    `Approval ${id} can no longer be answered: its turn ended or no answer came in time.`,
  );
}
