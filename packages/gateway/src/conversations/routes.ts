import type { FastifyInstance } from 'fastify';
import { HttpError } from '../server/http-errors.js';
import type { Conversation } from '../storage/types.js';
import { registerApprovalRoute } from './approval-route.js';
import { followEvents } from './follow-events.js';
import { imageMediaTypes } from './history.js';
import { multipartTurnBody } from './multipart-turn.js';
import { owned } from './owned.js';
import { runTurn, type TurnDeps } from './run-turn.js';
import { openSse, writeSse } from './sse.js';
import { claimTurn } from './turn-lease.js';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;
const conversationSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    model: { type: 'string' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
} as const;

const publicConversation = ({ apiKeyId: _key, ...rest }: Conversation) => rest;

export function registerConversationRoutes(
  app: FastifyInstance,
  deps: TurnDeps & { resolveModel(id: string): Promise<unknown> },
): void {
  app.post<{ Body: { title?: string; model: string } }>(
    '/api/conversations',
    {
      schema: {
        body: {
          type: 'object',
          required: ['model'],
          additionalProperties: false,
          properties: {
            title: { type: 'string', maxLength: 200 },
            model: { type: 'string', minLength: 1, maxLength: 300 },
          },
        },
        response: { 201: conversationSchema },
      },
    },
    async (request, reply) => {
      // Resolving first makes a bad model a clear 404 now rather than a failed turn later.
      await deps.resolveModel(request.body.model);
      const conversation = await deps.store.conversations.create({
        title: request.body.title?.trim() || 'New conversation',
        model: request.body.model,
        apiKeyId: request.apiKeyId,
      });
      return reply.code(201).send(publicConversation(conversation));
    },
  );

  app.get(
    '/api/conversations',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            properties: {
              conversations: {
                type: 'array',
                items: {
                  ...conversationSchema,
                  // Whether a turn is running in it, on any gateway on the database.
                  properties: { ...conversationSchema.properties, live: { type: 'boolean' } },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const conversations = await deps.store.conversations.list({ apiKeyId: request.apiKeyId });
      // All running turns, not a list of ids: there are few of them, and the listing may be long.
      const running = await deps.store.turns.running();
      return {
        conversations: conversations.map((c) => ({ ...publicConversation(c), live: running.has(c.id) })),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/conversations/:id',
    { schema: { params: idParams } },
    async (request) => {
      const conversation = await owned(deps.store, request, request.params.id);
      const messages = await deps.store.messages.list(conversation.id);
      const running = await deps.store.turns.running([conversation.id]);
      return { conversation: publicConversation(conversation), messages, live: running.has(conversation.id) };
    },
  );

  app.patch<{ Params: { id: string }; Body: { title?: string; model?: string } }>(
    '/api/conversations/:id',
    {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            title: { type: 'string', minLength: 1, maxLength: 200 },
            model: { type: 'string', minLength: 1, maxLength: 300 },
          },
        },
      },
    },
    async (request) => {
      await owned(deps.store, request, request.params.id);
      if (request.body.model) await deps.resolveModel(request.body.model);
      const updated = await deps.store.conversations.update(request.params.id, request.body);
      return publicConversation(updated as Conversation);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/conversations/:id',
    { schema: { params: idParams } },
    async (request, reply) => {
      await owned(deps.store, request, request.params.id);
      // A turn running on another gateway stops when its row goes with the conversation.
      deps.live.abort(request.params.id);
      await deps.store.conversations.delete(request.params.id);
      return reply.code(204).send();
    },
  );

  app.post<{
    Params: { id: string };
    Body: { text: string; images?: { mediaType: string; data: string }[] };
  }>(
    '/api/conversations/:id/messages',
    {
      preValidation: multipartTurnBody,
      schema: {
        // Both forms are validated by the body schema below: multipart is converted to it first.
        consumes: ['application/json', 'multipart/form-data'],
        params: idParams,
        body: {
          type: 'object',
          required: ['text'],
          additionalProperties: false,
          properties: {
            text: { type: 'string', minLength: 1, maxLength: 200_000 },
            images: {
              type: 'array',
              maxItems: 20,
              items: {
                type: 'object',
                required: ['mediaType', 'data'],
                additionalProperties: false,
                properties: {
                  mediaType: { type: 'string', enum: imageMediaTypes },
                  data: { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9+/=\\s]+$' },
                },
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const conversation = await owned(deps.store, request, request.params.id);
      // Claimed in the database before the stream opens, so a turn running on any gateway is a plain 409.
      const turn = await claimTurn(deps, conversation.id);
      if (!turn)
        throw new HttpError(
          409,
          'turn_in_progress',
          'A turn is already running in this conversation; wait for it or abort it.',
        );
      reply.hijack();
      const res = reply.raw;
      openSse(res);
      const closed = deps.trackStream?.();
      if (closed) res.once('close', closed);
      // The turn goes on if the client leaves: it is stored, and the client can resume from its last id.
      await runTurn(deps, turn, conversation, request.body, request.apiKeyId, (event) =>
        writeSse(res, event.event, event.data, event.seq),
      );
      res.end();
    },
  );

  app.get<{ Params: { id: string }; Querystring: { after?: number } }>(
    '/api/conversations/:id/events',
    {
      schema: {
        params: idParams,
        querystring: { type: 'object', properties: { after: { type: 'integer', minimum: 0 } } },
      },
    },
    async (request, reply) => followEvents(deps, request, reply),
  );

  app.post<{ Params: { id: string } }>(
    '/api/conversations/:id/abort',
    { schema: { params: idParams } },
    async (request) => {
      await owned(deps.store, request, request.params.id);
      // At once when the turn runs here; otherwise its gateway reads the request from the store.
      const aborted =
        deps.live.abort(request.params.id) || (await deps.store.turns.requestAbort(request.params.id));
      return { aborted };
    },
  );

  registerApprovalRoute(app, deps);
}
