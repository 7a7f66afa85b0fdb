import type { FastifyRequest } from 'fastify';
import { HttpError } from '../server/http-errors.js';
import type { Conversation, Store } from '../storage/types.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key that authenticated the request; null when the gateway runs open. */
    apiKeyId: string | null;
  }
}

/** The conversation, if it exists and belongs to the caller's key; 404 otherwise (never 403: ids are not disclosed). */
export async function owned(store: Store, request: FastifyRequest, id: string): Promise<Conversation> {
  const conversation = await store.conversations.get(id);
  if (!conversation || conversation.apiKeyId !== request.apiKeyId)
    throw new HttpError(404, 'not_found', `No conversation ${id}.`);
  return conversation;
}
