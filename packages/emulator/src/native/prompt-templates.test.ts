import { describe, expect, it } from 'vitest';
import { decodeInstPrompt, decodeLlama3Prompt, decodeUserBotPrompt } from './prompt-templates.js';

describe('decodeInstPrompt (Llama 2, Mistral)', () => {
  it('decodes the official multi-turn template with a system prompt', () => {
    const prompt =
      '<s>[INST] <<SYS>>\nYou are helpful.\n<</SYS>>\n\nHi there [/INST] Hello! </s><s>[INST] Tell a joke [/INST]';
    expect(decodeInstPrompt(prompt)).toEqual({
      system: 'You are helpful.',
      turns: [
        { role: 'user', text: 'Hi there' },
        { role: 'assistant', text: 'Hello!' },
        { role: 'user', text: 'Tell a joke' },
      ],
    });
  });

  it('decodes LangChain’s variant: system outside [INST], newlines, no <s>', () => {
    expect(
      decodeInstPrompt('<<SYS>> Be kind <</SYS>>\n[INST] Hi [/INST]\nHello\n[INST] Again [/INST]'),
    ).toEqual({
      system: 'Be kind',
      turns: [
        { role: 'user', text: 'Hi' },
        { role: 'assistant', text: 'Hello' },
        { role: 'user', text: 'Again' },
      ],
    });
  });

  it('keeps text after the last [/INST] as an assistant prefill', () => {
    expect(decodeInstPrompt('<s>[INST] Reply in JSON [/INST] {').turns.at(-1)).toEqual({
      role: 'assistant',
      text: '{',
    });
  });

  it('takes a prompt without a template as one user turn', () => {
    expect(decodeInstPrompt('  Just a question?  ')).toEqual({
      turns: [{ role: 'user', text: 'Just a question?' }],
    });
  });
});

describe('decodeLlama3Prompt', () => {
  it('decodes the official template, dropping the open assistant header', () => {
    const prompt =
      '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>' +
      '<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>' +
      '<|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|>' +
      '<|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>' +
      '<|start_header_id|>assistant<|end_header_id|>\n\n';
    expect(decodeLlama3Prompt(prompt)).toEqual({
      system: 'Be brief.',
      turns: [
        { role: 'user', text: 'Hi' },
        { role: 'assistant', text: 'Hello!' },
        { role: 'user', text: 'What is 2+2?' },
      ],
    });
  });

  it('accepts LangChain’s newline-joined variant and tool results as user turns', () => {
    const prompt =
      '<|begin_of_text|>\n<|start_header_id|>user<|end_header_id|>Weather?<|eot_id|>\n' +
      '<|start_header_id|>ipython<|end_header_id|>{"temp": 18}<|eot_id|>\n' +
      '<|start_header_id|>assistant<|end_header_id|>\n\n';
    expect(decodeLlama3Prompt(prompt)).toEqual({
      turns: [
        { role: 'user', text: 'Weather?' },
        { role: 'user', text: '{"temp": 18}' },
      ],
    });
  });

  it('decodes Llama 4’s header tokens', () => {
    const prompt =
      '<|begin_of_text|><|header_start|>system<|header_end|>Sys<|eot|><|header_start|>user<|header_end|>Hi<|eot|>' +
      '<|header_start|>assistant<|header_end|>';
    expect(decodeLlama3Prompt(prompt)).toEqual({ system: 'Sys', turns: [{ role: 'user', text: 'Hi' }] });
  });

  it('takes a prompt without headers as one user turn', () => {
    expect(decodeLlama3Prompt('<|begin_of_text|>Tell me a story')).toEqual({
      turns: [{ role: 'user', text: 'Tell me a story' }],
    });
  });
});

describe('decodeUserBotPrompt (Titan)', () => {
  it('needs both speakers to read turns', () => {
    expect(decodeUserBotPrompt('User: only me')).toEqual({
      turns: [{ role: 'user', text: 'User: only me' }],
    });
    expect(decodeUserBotPrompt('User: hi\nBot: yo\nUser: bye\nBot:')).toEqual({
      turns: [
        { role: 'user', text: 'hi' },
        { role: 'assistant', text: 'yo' },
        { role: 'user', text: 'bye' },
      ],
    });
  });
});
