import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { startChatStream } from '../compat/chat-stream.js';
import { abortOnDisconnect } from '../compat/client-abort.js';
import type { CompatDeps } from '../compat/deps.js';
import { randomId } from '../compat/ids.js';
import { dialectErrorHandler } from '../compat/send-failure.js';
import { chatSseFrames, sendSse } from '../compat/sse.js';
import { reportUsage } from '../compat/usage.js';
import { anthropicErrorBody } from './errors.js';
import { AnthropicEventEncoder } from './event-encoder.js';
import { countTokensBodySchema, messagesBodySchema } from './schema.js';
import { anthropicSse } from './stream-dialect.js';
import { toChatRequest, toPromptRequest } from './to-chat-request.js';
import { toMessage } from './to-message.js';
import type { CountTokensBody, MessagesBody } from './types.js';

async function createMessage(
  deps: CompatDeps,
  request: FastifyRequest<{ Body: MessagesBody }>,
  reply: FastifyReply,
) {
  const { body } = request;
  const signal = abortOnDisconnect(reply);
  const chatRequest = { ...toChatRequest(body), signal };
  const meta = { id: randomId('msg_'), model: body.model };
  if (body.stream) {
    const events = await startChatStream(deps.bedrock, chatRequest);
    const frames = chatSseFrames(events, anthropicSse(new AnthropicEventEncoder(meta)), {
      signal,
      onUsage: (model, usage, cost) =>
        reportUsage(deps, request, { source: 'anthropic', model, usage, cost }),
      onError: (error) => request.log.warn({ err: error }, 'messages stream failed'),
    });
    return sendSse(reply, frames);
  }
  const result = await deps.bedrock.chat(chatRequest);
  await reportUsage(deps, request, {
    source: 'anthropic',
    model: result.model,
    usage: result.usage,
    cost: result.cost,
  });
  return toMessage(result, meta);
}

/**
 * The Anthropic-compatible API: `POST /v1/messages` (streaming or not) and
 * `POST /v1/messages/count_tokens` (Bedrock's free CountTokens, or the library's estimate for models
 * without one). Registered in their own encapsulated scope so that every error on these routes,
 * schema failures included, is answered as an Anthropic error object.
 */
export function registerAnthropicRoutes(app: FastifyInstance, deps: CompatDeps): void {
  app.register(async (scope) => {
    scope.setErrorHandler(dialectErrorHandler(anthropicErrorBody));
    scope.post<{ Body: MessagesBody }>(
      '/v1/messages',
      { schema: { body: messagesBodySchema } },
      (request, reply) => createMessage(deps, request, reply),
    );
    scope.post<{ Body: CountTokensBody }>(
      '/v1/messages/count_tokens',
      { schema: { body: countTokensBodySchema } },
      async (request, reply) => {
        const signal = abortOnDisconnect(reply);
        const count = await deps.bedrock.countTokens({ ...toPromptRequest(request.body), signal });
        return { input_tokens: count.inputTokens };
      },
    );
  });
}
