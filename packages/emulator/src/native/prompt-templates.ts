/**
 * Chat templates that text-completion models receive flattened into one prompt, taken back apart into
 * turns. Clients are loose with whitespace and optional tokens (LangChain writes `<<SYS>> … <</SYS>>`
 * outside `[INST]`, omits `<s>`, and drops the `\n\n` after Llama 3 headers), so each decoder accepts
 * those variants. A prompt in none of these templates is one user turn.
 */
import type { Role } from '../conversation/types.js';
import type { DecodedPrompt, Turn } from './view.js';

const plain = (prompt: string): DecodedPrompt => ({ turns: [{ role: 'user', text: prompt.trim() }] });

const withSystem = (system: string | undefined, turns: Turn[]): DecodedPrompt =>
  system ? { system, turns } : { turns };

/**
 * Llama 2 and Mistral: `<s>[INST] <<SYS>>\n…\n<</SYS>>\n\nuser [/INST] answer </s><s>[INST] … [/INST]`.
 * Text between `[/INST]` and the next `[INST]` is the assistant's; after the last `[/INST]` it is a prefill.
 */
export function decodeInstPrompt(prompt: string): DecodedPrompt {
  if (!prompt.includes('[INST]')) return plain(prompt);
  let system: string | undefined;
  const rest = prompt.replace(/<<SYS>>([\s\S]*?)<<\/SYS>>/, (_, text: string) => {
    system = text.trim();
    return '';
  });
  const body = rest.replace(/<\/?s>/g, '');
  const turns: Turn[] = [];
  const push = (role: Role, text: string) => {
    const trimmed = text.trim();
    if (trimmed !== '') turns.push({ role, text: trimmed });
  };
  const pattern = /\[INST\]([\s\S]*?)(?:\[\/INST\]|$)/g;
  let cursor = 0;
  for (const match of body.matchAll(pattern)) {
    push(cursor === 0 ? 'user' : 'assistant', body.slice(cursor, match.index));
    push('user', match[1] ?? '');
    cursor = match.index + match[0].length;
  }
  push('assistant', body.slice(cursor));
  return withSystem(system, turns);
}

const HEADERS = [
  // Llama 3: <|start_header_id|>role<|end_header_id|>\n\ntext<|eot_id|>
  /<\|start_header_id\|>(\w+)<\|end_header_id\|>([\s\S]*?)(?=<\|eot_id\|>|<\|start_header_id\|>|$)/g,
  // Llama 4 speaks the same turns with other tokens: <|header_start|>role<|header_end|>text<|eot|>
  /<\|header_start\|>(\w+)<\|header_end\|>([\s\S]*?)(?=<\|eot\|>|<\|eom\|>|<\|header_start\|>|$)/g,
];

/**
 * Llama 3 (and Llama 4): a header per turn naming its role. The trailing empty assistant header asks
 * for the completion; a non-empty one is a prefill. `ipython` turns are tool results, sent as the user's.
 */
export function decodeLlama3Prompt(prompt: string): DecodedPrompt {
  const pattern = HEADERS.find((candidate) => new RegExp(candidate.source).test(prompt));
  if (!pattern) return plain(prompt.replace('<|begin_of_text|>', ''));
  const systems: string[] = [];
  const turns: Turn[] = [];
  for (const [, role, raw] of prompt.matchAll(pattern)) {
    const text = (raw ?? '').trim();
    if (role === 'system') {
      if (text !== '') systems.push(text);
    } else if (text !== '') {
      turns.push({ role: role === 'assistant' ? 'assistant' : 'user', text });
    }
  }
  return withSystem(systems.join('\n\n') || undefined, turns);
}

/**
 * Titan's conversational style: `User: …\nBot: …` lines, ending with an empty `Bot:` for the answer.
 * Without both speakers it is a plain prompt.
 */
export function decodeUserBotPrompt(prompt: string): DecodedPrompt {
  if (!/(^|\n)\s*User:/.test(prompt) || !/(^|\n)\s*Bot:/.test(prompt)) return plain(prompt);
  const turns: Turn[] = [];
  const first = prompt.search(/(^|\n)\s*User:/);
  const system = prompt.slice(0, first).trim();
  for (const match of prompt
    .slice(first)
    .matchAll(/(?:^|\n)\s*(User|Bot):([\s\S]*?)(?=\n\s*(?:User|Bot):|$)/g)) {
    const text = (match[2] ?? '').trim();
    if (text !== '') turns.push({ role: match[1] === 'User' ? 'user' : 'assistant', text });
  }
  return withSystem(system || undefined, turns);
}
