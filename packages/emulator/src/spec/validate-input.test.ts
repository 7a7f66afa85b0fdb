import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validationMessage } from './aws-responses.js';
import { type Operation, operations } from './load-models.js';
import { validateInput } from './validate-input.js';

const op = (name: string): Operation => operations().find((o) => o.name === name)!;
const converse = (input: Record<string, unknown>) =>
  validateInput(op('Converse'), { modelId: 'amazon.nova-lite-v1:0', ...input });

const valid = {
  messages: [
    { role: 'user', content: [{ text: 'What is the weather?' }] },
    {
      role: 'assistant',
      content: [
        { reasoningContent: { reasoningText: { text: 'Use the tool.', signature: 'sig' } } },
        { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } },
      ],
    },
    {
      role: 'user',
      content: [
        { toolResult: { toolUseId: 'tooluse_1', content: [{ json: { c: 21 } }], status: 'success' } },
      ],
    },
  ],
  system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }],
  inferenceConfig: { maxTokens: 512, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
  toolConfig: {
    tools: [
      {
        toolSpec: { name: 'get_weather', description: 'Weather', inputSchema: { json: { type: 'object' } } },
      },
    ],
    toolChoice: { auto: {} },
  },
  additionalModelRequestFields: { top_k: 5 },
  requestMetadata: { team: 'search' },
  performanceConfig: { latency: 'standard' },
};

const fixture = (name: string): { message?: string } =>
  JSON.parse(readFileSync(new URL(`../../fixtures/bedrock/vercel-ai/${name}`, import.meta.url), 'utf8'));

describe('validateInput', () => {
  it('finds nothing wrong with a valid Converse request', () => {
    expect(converse(valid)).toEqual([]);
  });

  it('reports an empty string against its length constraint', () => {
    expect(converse({ ...valid, system: [{ text: '' }] })).toEqual([
      "Value '' at 'system.1.member.text' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ]);
  });

  it('leaves empty content text to the business rules: the model puts no length on it', () => {
    expect(converse({ messages: [{ role: 'user', content: [{ text: '' }] }] })).toEqual([]);
  });

  it('reports missing required members as null', () => {
    expect(converse({ messages: [{ role: 'user' }, { content: [{ text: 'a' }] }] })).toEqual([
      "Value null at 'messages.1.member.content' failed to satisfy constraint: Member must not be null",
      "Value null at 'messages.2.member.role' failed to satisfy constraint: Member must not be null",
    ]);
    expect(validateInput(op('Converse'), {})).toEqual([
      "Value null at 'modelId' failed to satisfy constraint: Member must not be null",
    ]);
  });

  it('accepts a Converse request without messages, which the model leaves optional (prompt resources)', () => {
    expect(converse({})).toEqual([]);
  });

  it('reports a value outside its enum as AWS did for role "system"', () => {
    // continuedev/continue#1938 quotes this exact message from Bedrock.
    expect(converse({ messages: [{ role: 'system', content: [{ text: 'a' }] }] })).toEqual([
      "Value 'system' at 'messages.1.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]",
    ]);
  });

  it('reports numbers outside their range, printing floats as Java does', () => {
    expect(converse({ inferenceConfig: { maxTokens: 0, temperature: 2 } })).toEqual([
      "Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1",
      "Value '2.0' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1",
    ]);
  });

  it('reports lists longer than allowed, with their items and each bad item', () => {
    const paths = Array.from({ length: 11 }, (_, i) => `/p${i}`);
    paths[3] = '';
    expect(converse({ additionalModelResponseFieldPaths: paths })).toEqual([
      `Value '[${paths.join(', ')}]' at 'additionalModelResponseFieldPaths' failed to satisfy constraint: Member must have length less than or equal to 10`,
      "Value '' at 'additionalModelResponseFieldPaths.4.member' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ]);
  });

  it('prints no value for a list of structures, as Bedrock does for an empty tool list', () => {
    expect(converse({ toolConfig: { tools: [] } })).toEqual([
      "Value at 'toolConfig.tools' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ]);
  });

  it('matches the captured Bedrock message for an invalid tool use name', () => {
    const assistant = {
      role: 'assistant',
      content: [{ toolUse: { toolUseId: 't1', name: 'get.weather', input: {} } }],
    };
    const violations = converse({ messages: [{ role: 'user', content: [{ text: 'a' }] }, assistant] });
    expect(validationMessage(violations)).toBe(
      fixture('bedrock-invalid-tool-name-validation-error.json').message,
    );
  });

  it('lists length before pattern for one value, as Bedrock did (openclaw/openclaw#12892)', () => {
    const name = `${'x'.repeat(64)}.y`;
    const assistant = {
      role: 'assistant',
      content: [{ text: 'a' }, { toolUse: { toolUseId: 't', name, input: {} } }],
    };
    const at = "at 'messages.1.member.content.2.member.toolUse.name' failed to satisfy constraint";
    expect(converse({ messages: [assistant] })).toEqual([
      `Value ${at}: Member must have length less than or equal to 64`,
      `Value ${at}: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+`,
    ]);
  });

  it('shows tool spec names, which the model does not mark sensitive', () => {
    const tools = [{ toolSpec: { name: 'Complete Session', inputSchema: { json: {} } } }];
    expect(converse({ toolConfig: { tools } })).toEqual([
      "Value 'Complete Session' at 'toolConfig.tools.1.member.toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+",
    ]);
  });

  it('hides values inside sensitive shapes, null ones included', () => {
    const content = [{ reasoningContent: { reasoningText: { signature: 's' } } }];
    expect(converse({ messages: [{ role: 'assistant', content }] })).toEqual([
      "Value at 'messages.1.member.content.1.member.reasoningContent.reasoningText.text' failed to satisfy constraint: Member must not be null",
    ]);
  });

  it('summarises bad map keys and values once per map', () => {
    const requestMetadata = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k ${i}!`, `v${i}!`]));
    expect(converse({ requestMetadata })).toEqual([
      "Value at 'requestMetadata' failed to satisfy constraint: Member must have length less than or equal to 16",
      "Value at 'requestMetadata' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [a-zA-Z0-9\\s:_@$#=/+,-.]{1,256}]",
      "Value at 'requestMetadata' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0, Member must satisfy regular expression pattern: [a-zA-Z0-9\\s:_@$#=/+,-.]{0,256}]",
    ]);
  });

  it('measures blobs inside JSON by their decoded bytes', () => {
    const doc = (bytes: string) => ({
      messages: [{ role: 'user', content: [{ document: { format: 'txt', name: 'd', source: { bytes } } }] }],
    });
    expect(converse(doc('AA=='))).toEqual([]);
    expect(converse(doc(''))).toEqual([
      "Value at 'messages.1.member.content.1.member.document.source.bytes' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ]);
  });

  it('checks label values against their pattern', () => {
    const [violation] = validateInput(op('Converse'), { modelId: 'not a model!' });
    expect(violation).toMatch(
      /^Value 'not a model!' at 'modelId' failed to satisfy constraint: Member must satisfy regular expression pattern: \(arn:aws/,
    );
  });

  it('validates control-plane inputs too', () => {
    expect(validateInput(op('ListInferenceProfiles'), { maxResults: 0, typeEquals: 'OTHER' })).toEqual([
      "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
      "Value 'OTHER' at 'typeEquals' failed to satisfy constraint: Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]",
    ]);
  });

  it('reports several violations at once, in member order', () => {
    const violations = converse({
      messages: [{ role: 'system', content: [{ text: 'a' }] }],
      system: [{ text: '' }],
      inferenceConfig: { maxTokens: 0 },
    });
    expect(violations).toHaveLength(3);
    expect(validationMessage(violations)).toBe(
      `3 validation errors detected: ${[
        "Value 'system' at 'messages.1.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]",
        "Value '' at 'system.1.member.text' failed to satisfy constraint: Member must have length greater than or equal to 1",
        "Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1",
      ].join('; ')}`,
    );
  });

  it('never throws, whatever values it is handed', () => {
    const ops = operations().filter((o) => o.input);
    fc.assert(
      fc.property(fc.constantFrom(...ops), fc.jsonValue(), (operation, value) => {
        expect(Array.isArray(validateInput(operation, value as Record<string, unknown>))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const messages = [{ role: a, content: [b, { toolUse: a }, { toolResult: { content: [a] } }] }];
        expect(
          Array.isArray(converse({ ...valid, messages, toolConfig: { tools: [b] }, requestMetadata: a })),
        ).toBe(true);
      }),
    );
  });
});

describe('validationMessage', () => {
  it('words one and several violations as AWS does', () => {
    expect(validationMessage(['A'])).toBe('1 validation error detected: A');
    expect(validationMessage(['A', 'B'])).toBe('2 validation errors detected: A; B');
  });

  it('lists and counts at most ten', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `v${i}`);
    expect(validationMessage(twelve)).toBe(
      `10 validation errors detected: ${twelve.slice(0, 10).join('; ')}`,
    );
  });
});
