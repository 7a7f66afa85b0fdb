import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/strata-error.js';
import type { ChatRequest } from '../types/request.js';
import { modelInfo } from './test-support/model-info.js';
import { toConverse } from './to-converse.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const weather = { name: 'weather', description: 'Weather by city', inputSchema: { type: 'object' } };
const claude = modelInfo('anthropic-messages');

const request = (over: Partial<ChatRequest>): ChatRequest => ({
  model: 'claude',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  ...over,
});

const toolHistory: ChatRequest['messages'] = [
  { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
  { role: 'assistant', content: [{ type: 'tool-use', id: 't1', name: 'weather', input: { city: 'Oslo' } }] },
  {
    role: 'user',
    content: [{ type: 'tool-result', toolUseId: 't1', content: [{ type: 'json', json: { c: 3 } }] }],
  },
];

const thrown = (fn: () => unknown): ValidationError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('toConverse', () => {
  it('encodes a full request into the Converse body', () => {
    const body = toConverse(
      request({
        system: [{ type: 'text', text: 'Be brief.' }, { type: 'cache-point' }],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Look' },
              { type: 'image', source: { type: 'bytes', data: PNG } },
              {
                type: 'document',
                format: 'pdf',
                name: 'spec',
                source: { type: 's3', uri: 's3://b/k.pdf', bucketOwner: '123' },
              },
              { type: 'cache-point' },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'Hmm', signature: 'sig' },
              { type: 'redacted-reasoning', data: new Uint8Array([1, 2, 3]) },
              { type: 'tool-use', id: 't1', name: 'weather', input: { city: 'Oslo' } },
            ],
          },
          {
            role: 'user',
            content: [
              {
                type: 'tool-result',
                toolUseId: 't1',
                status: 'error',
                content: [
                  { type: 'text', text: 'no' },
                  { type: 'json', json: { code: 1 } },
                ],
              },
            ],
          },
        ],
        maxTokens: 500,
        temperature: 0.2,
        topP: 0.9,
        topK: 40,
        stopSequences: ['END'],
        tools: [weather],
        toolChoice: { type: 'tool', name: 'weather' },
        reasoning: { budgetTokens: 2048 },
        guardrail: { identifier: 'gr-1', version: '2', trace: 'enabled', streamProcessingMode: 'async' },
        metadata: { app: 'test' },
        additionalModelRequestFields: { anthropic_beta: ['x'], thinking: { budget_tokens: 4096 } },
      }),
      claude,
    );
    expect(body).toEqual({
      system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }],
      messages: [
        {
          role: 'user',
          content: [
            { text: 'Look' },
            { image: { format: 'png', source: { bytes: Buffer.from(PNG).toString('base64') } } },
            {
              document: {
                format: 'pdf',
                name: 'spec',
                source: { s3Location: { uri: 's3://b/k.pdf', bucketOwner: '123' } },
              },
            },
            { cachePoint: { type: 'default' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: 'Hmm', signature: 'sig' } } },
            { reasoningContent: { redactedContent: 'AQID' } },
            { toolUse: { toolUseId: 't1', name: 'weather', input: { city: 'Oslo' } } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              toolResult: {
                toolUseId: 't1',
                status: 'error',
                content: [{ text: 'no' }, { json: { code: 1 } }],
              },
            },
          ],
        },
      ],
      inferenceConfig: { maxTokens: 500, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: 'weather',
              description: 'Weather by city',
              inputSchema: { json: { type: 'object' } },
            },
          },
        ],
        toolChoice: { tool: { name: 'weather' } },
      },
      additionalModelRequestFields: {
        top_k: 40,
        // The caller's passthrough wins key by key over the computed thinking field.
        thinking: { type: 'enabled', budget_tokens: 4096 },
        anthropic_beta: ['x'],
      },
      guardrailConfig: {
        guardrailIdentifier: 'gr-1',
        guardrailVersion: '2',
        trace: 'enabled',
        streamProcessingMode: 'async',
      },
      requestMetadata: { app: 'test' },
    });
  });

  it('sends a string system prompt as one text block and leaves an empty one out', () => {
    expect(toConverse(request({ system: 'Be brief.' }), claude).system).toEqual([{ text: 'Be brief.' }]);
    expect(toConverse(request({ system: '' }), claude)).not.toHaveProperty('system');
  });

  it('omits every optional section when the request has none', () => {
    expect(toConverse(request({}), claude)).toEqual({
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
    });
  });

  it('places top-k where each family reads it', () => {
    const fields = (family: Parameters<typeof modelInfo>[0]) =>
      toConverse(request({ topK: 7 }), modelInfo(family)).additionalModelRequestFields;
    expect(fields('anthropic-messages')).toEqual({ top_k: 7 });
    expect(fields('mistral')).toEqual({ top_k: 7 });
    expect(fields('cohere-command-r')).toEqual({ k: 7 });
    expect(fields('nova')).toEqual({ inferenceConfig: { topK: 7 } });
    expect(thrown(() => fields('llama3')).path).toBe('topK');
    expect(thrown(() => fields('titan-text')).path).toBe('topK');
  });

  it('merges passthrough fields into nested computed ones', () => {
    const body = toConverse(
      request({
        topK: 5,
        additionalModelRequestFields: { inferenceConfig: { reasoningConfig: { type: 'enabled' } } },
      }),
      modelInfo('nova'),
    );
    expect(body.additionalModelRequestFields).toEqual({
      inferenceConfig: { topK: 5, reasoningConfig: { type: 'enabled' } },
    });
  });

  it('refuses a thinking budget for models without Claude-style reasoning', () => {
    expect(
      thrown(() => toConverse(request({ reasoning: { budgetTokens: 1024 } }), modelInfo('nova'))).path,
    ).toBe('reasoning');
  });

  it('names the path of a URL source that was not resolved', () => {
    const error = thrown(() =>
      toConverse(
        request({
          messages: [
            { role: 'user', content: [{ type: 'text', text: 'x' }] },
            { role: 'assistant', content: [{ type: 'text', text: 'y' }] },
            {
              role: 'user',
              content: [
                {
                  type: 'tool-result',
                  toolUseId: 't',
                  content: [
                    { type: 'image', format: 'png', source: { type: 'url', url: 'https://x/y.png' } },
                  ],
                },
              ],
            },
          ],
        }),
        claude,
      ),
    );
    expect(error.path).toBe('messages.2.content.0.content.0.source');
  });

  it('infers an image format from its bytes or S3 key, else asks for it', () => {
    const encode = (source: Parameters<typeof toConverse>[0]['messages'][0]['content'][0]) =>
      toConverse(request({ messages: [{ role: 'user', content: [source] }] }), claude).messages[0]
        ?.content[0];
    const jpegBase64 = Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString('base64');
    expect(encode({ type: 'image', source: { type: 'base64', data: jpegBase64 } })).toMatchObject({
      image: { format: 'jpeg' },
    });
    expect(encode({ type: 'image', source: { type: 's3', uri: 's3://b/cat.WEBP' } })).toMatchObject({
      image: { format: 'webp' },
    });
    const webp = new Uint8Array([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP')]);
    expect(encode({ type: 'image', source: { type: 'bytes', data: webp } })).toMatchObject({
      image: { format: 'webp' },
    });
    expect(
      thrown(() => encode({ type: 'image', source: { type: 'bytes', data: new Uint8Array([1, 2]) } })).path,
    ).toBe('messages.0.content.0.format');
  });

  describe('tool choice', () => {
    it('sends auto only to models that accept it, since it is the default anyway', () => {
      const auto = request({ tools: [weather], toolChoice: { type: 'auto' } });
      expect(toConverse(auto, claude).toolConfig?.toolChoice).toEqual({ auto: {} });
      expect(toConverse(auto, modelInfo('llama3', { toolChoice: [] })).toolConfig).toEqual({
        tools: [expect.objectContaining({ toolSpec: expect.objectContaining({ name: 'weather' }) })],
      });
      expect(
        toConverse(request({ tools: [weather], toolChoice: { type: 'any' } }), claude).toolConfig?.toolChoice,
      ).toEqual({
        any: {},
      });
    });

    it('removes the tools for none when the history has no tool blocks', () => {
      const body = toConverse(request({ tools: [weather], toolChoice: { type: 'none' } }), claude);
      expect(body).not.toHaveProperty('toolConfig');
      expect(body).not.toHaveProperty('additionalModelRequestFields');
    });

    it('keeps the tools for none when the history has tool blocks, and tells Claude none natively', () => {
      const none = request({ tools: [weather], toolChoice: { type: 'none' }, messages: toolHistory });
      const forClaude = toConverse(none, claude);
      expect(forClaude.toolConfig).toEqual({ tools: [expect.anything()] });
      expect(forClaude.additionalModelRequestFields).toEqual({ tool_choice: { type: 'none' } });
      const forNova = toConverse(none, modelInfo('nova'));
      expect(forNova.toolConfig).toEqual({ tools: [expect.anything()] });
      expect(forNova).not.toHaveProperty('additionalModelRequestFields');
    });
  });
});
