/**
 * The conversation as plain text turns, for the families whose native body is a prompt string (Claude
 * v2, Titan, Llama, Mistral, Cohere). Reasoning and cache points are left out: neither is visible
 * conversation, and these models take neither. Images, documents and tool blocks would lose their
 * meaning as text, so they are refused with their path, as are tools and a thinking budget.
 */
import { ValidationError } from '../errors/strata-error.js';
import type { ModelInfo } from '../models/model-info.js';
import type { Role } from '../types/content.js';
import type { ChatRequest } from '../types/request.js';

export interface TextTurn {
  role: Role;
  text: string;
}

function refuseExtras(request: ChatRequest, model: ModelInfo): void {
  if (request.tools && request.tools.length > 0) {
    throw new ValidationError(
      `Strata's native ${model.family} body carries no tools; remove them from the request for ${model.name}, or call it through the Converse API, which carries tool use for the models that support it.`,
      { path: 'tools' },
    );
  }
  if (request.reasoning) {
    throw new ValidationError(
      `${model.name} does not support extended thinking; remove reasoning from the request.`,
      {
        path: 'reasoning',
      },
    );
  }
}

/** The turns in order, each message's text blocks joined by a newline. */
export function textTurns(request: ChatRequest, model: ModelInfo): TextTurn[] {
  refuseExtras(request, model);
  return request.messages.map((message, i) => {
    const parts: string[] = [];
    message.content.forEach((block, j) => {
      if (block.type === 'text') parts.push(block.text);
      else if (
        block.type !== 'cache-point' &&
        block.type !== 'reasoning' &&
        block.type !== 'redacted-reasoning'
      ) {
        const path = `messages.${i}.content.${j}`;
        throw new ValidationError(
          `${model.name}'s native body (${model.family}) takes text only, but ${path} is a ${block.type} block; remove it or use the Converse API.`,
          { path },
        );
      }
    });
    return { role: message.role, text: parts.join('\n') };
  });
}

/** The system prompt as one text ('' when there is none). */
export function systemText(system: ChatRequest['system']): string {
  if (system === undefined || typeof system === 'string') return system ?? '';
  return system.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
}

/**
 * For templates built from [user, assistant] pairs (Llama 2, Mistral, Claude v2): the turns must start
 * with the user and alternate, as the models were trained. A trailing assistant turn is a prefill.
 */
export function requireAlternation(turns: TextTurn[], model: ModelInfo): void {
  turns.forEach((turn, i) => {
    const expected: Role = i % 2 === 0 ? 'user' : 'assistant';
    if (turn.role !== expected) {
      throw new ValidationError(
        `${model.name}'s prompt template needs turns that start with the user and alternate, but message ${i} is from the ${turn.role}; merge consecutive messages of one role.`,
        { path: `messages.${i}.role` },
      );
    }
  });
}

/** The sampling options a family has no field for. */
export function refuseOptions(
  request: ChatRequest,
  model: ModelInfo,
  options: ('stopSequences' | 'topK')[],
): void {
  for (const option of options) {
    if (request[option] !== undefined) {
      throw new ValidationError(
        `${model.name} (${model.family}) has no ${option} parameter; remove it from the request.`,
        {
          path: option,
        },
      );
    }
  }
}
