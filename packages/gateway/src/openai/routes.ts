import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { startChatStream } from '../compat/chat-stream.js';
import { abortOnDisconnect } from '../compat/client-abort.js';
import type { CompatDeps } from '../compat/deps.js';
import { nowSeconds, randomId } from '../compat/ids.js';
import { dialectErrorHandler } from '../compat/send-failure.js';
import { chatSseFrames, sendSse } from '../compat/sse.js';
import { reportUsage } from '../compat/usage.js';
import { ChunkEncoder } from './chunk-encoder.js';
import { openAiErrorBody } from './errors.js';
import { chatCompletionBodySchema, modelListSchema } from './schema.js';
import { openAiSse } from './stream-dialect.js';
import { toChatRequest } from './to-chat-request.js';
import { toCompletion } from './to-completion.js';
import type { ChatCompletionBody } from './types.js';

type CompletionRequest = FastifyRequest<{ Body: ChatCompletionBody }>;

async function chatCompletions(deps: CompatDeps, request: CompletionRequest, reply: FastifyReply) {
  const { body } = request;
  const signal = abortOnDisconnect(reply);
  const chatRequest = { ...toChatRequest(body), signal };
  const meta = { id: randomId('chatcmpl-'), model: body.model, created: nowSeconds() };
  if (body.stream) {
    const events = await startChatStream(deps.bedrock, chatRequest);
    const encoder = new ChunkEncoder({ ...meta, includeUsage: body.stream_options?.include_usage === true });
    const frames = chatSseFrames(events, openAiSse(encoder), {
      signal,
      onUsage: (model, usage, cost) => reportUsage(deps, request, { source: 'openai', model, usage, cost }),
      onError: (error) => request.log.warn({ err: error }, 'chat completion stream failed'),
    });
    return sendSse(reply, frames);
  }
  const result = await deps.bedrock.chat(chatRequest);
  await reportUsage(deps, request, {
    source: 'openai',
    model: result.model,
    usage: result.usage,
    cost: result.cost,
  });
  return toCompletion(result, meta);
}

/**
 * The OpenAI-compatible API: `POST /v1/chat/completions` (streaming or not) and `GET /v1/models`.
 * Registered in their own encapsulated scope so that every error on these routes, schema failures
 * included, is answered as an OpenAI error object without touching the gateway's other routes.
 */
export function registerOpenAiRoutes(app: FastifyInstance, deps: CompatDeps): void {
  app.register(async (scope) => {
    scope.setErrorHandler(dialectErrorHandler(openAiErrorBody));
    scope.post<{ Body: ChatCompletionBody }>(
      '/v1/chat/completions',
      { schema: { body: chatCompletionBodySchema } },
      (request, reply) => chatCompletions(deps, request, reply),
    );
    scope.get('/v1/models', { schema: { response: { 200: modelListSchema } } }, async () => ({
      object: 'list',
      data: (await deps.listModels()).map((model) => ({
        id: model.id,
        object: 'model',
        // OpenAI's creation time in epoch seconds; 0 where the registry does not know it.
        created: model.created ?? 0,
        owned_by: model.ownedBy,
      })),
    }));
  });
}
