import { describe, expect, it } from 'vitest';
import { operations } from './load-models.js';
import { matchOperation } from './match-operation.js';

const ARN = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123';
const encodedArn = encodeURIComponent(ARN);

describe('matchOperation', () => {
  it.each([
    ['POST', '/model/amazon.nova-lite-v1%3A0/converse', 'Converse', 'amazon.nova-lite-v1:0'],
    ['POST', '/model/amazon.nova-lite-v1%3A0/converse-stream', 'ConverseStream', 'amazon.nova-lite-v1:0'],
    [
      'POST',
      '/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke',
      'InvokeModel',
      'anthropic.claude-3-haiku-20240307-v1:0',
    ],
    ['POST', '/model/x.y/invoke-with-response-stream', 'InvokeModelWithResponseStream', 'x.y'],
    ['POST', '/model/x.y/count-tokens', 'CountTokens', 'x.y'],
  ])('routes %s %s to the runtime operation %s', (method, path, name, modelId) => {
    const match = matchOperation(method, path);
    expect(match?.operation).toMatchObject({ name, service: 'runtime', method: 'POST' });
    expect(match?.labels).toEqual({ modelId });
  });

  it('decodes a percent-encoded ARN label as one segment', () => {
    const match = matchOperation('POST', `/model/${encodedArn}/converse`);
    expect(match?.operation.name).toBe('Converse');
    expect(match?.labels.modelId).toBe(ARN);
  });

  it('routes control-plane operations', () => {
    expect(matchOperation('GET', '/foundation-models')?.operation).toMatchObject({
      name: 'ListFoundationModels',
      service: 'control',
    });
    expect(matchOperation('GET', '/foundation-models/anthropic.claude-v2%3A1')).toMatchObject({
      operation: { name: 'GetFoundationModel' },
      labels: { modelIdentifier: 'anthropic.claude-v2:1' },
    });
    expect(
      matchOperation('GET', '/inference-profiles?type=SYSTEM_DEFINED&maxResults=5')?.operation.name,
    ).toBe('ListInferenceProfiles');
    expect(matchOperation('GET', `/inference-profiles/${encodedArn}`)).toMatchObject({
      operation: { name: 'GetInferenceProfile' },
      labels: { inferenceProfileIdentifier: ARN },
    });
  });

  it('matches the method case-insensitively and ignores the query string', () => {
    expect(matchOperation('post', '/model/a.b/converse?x=1')?.operation.name).toBe('Converse');
  });

  it.each([
    ['GET', '/model/a.b/converse'],
    ['POST', `/model/${ARN}/converse`],
    ['POST', '/model//converse'],
    ['POST', '/model/a.b/converse/'],
    ['POST', '/model/a.b/chat'],
    ['GET', '/'],
    ['GET', ''],
    ['POST', '/model/%E0%A4%A/converse'],
  ])('finds no operation for %s %s', (method, path) => {
    expect(matchOperation(method, path)).toBeUndefined();
  });

  it('routes every modelled uri back to its own operation', () => {
    for (const op of operations()) {
      const path = op.uri.replace(/\{([^}+]+)\+?\}/g, (_, name: string) =>
        encodeURIComponent(`v-${name}:1/x`),
      );
      const match = matchOperation(op.method, path);
      expect(match?.operation, `${op.method} ${op.uri}`).toBe(op);
    }
  });

  it('finds no uri that both services claim', () => {
    const shape = (uri: string) => uri.replace(/\{[^}]+\}/g, '{}');
    const runtime = new Set(
      operations()
        .filter((o) => o.service === 'runtime')
        .map((o) => `${o.method} ${shape(o.uri)}`),
    );
    const clashes = operations().filter(
      (o) => o.service === 'control' && runtime.has(`${o.method} ${shape(o.uri)}`),
    );
    expect(clashes).toEqual([]);
  });
});

describe('operations', () => {
  it('lists both services with their http bindings and error names', () => {
    const all = operations();
    expect(all.filter((o) => o.service === 'runtime').length).toBe(10);
    expect(all.filter((o) => o.service === 'control').length).toBeGreaterThan(90);
    expect(all.find((o) => o.name === 'Converse')).toMatchObject({
      uri: '/model/{modelId}/converse',
      input: 'com.amazonaws.bedrockruntime#ConverseRequest',
      output: 'com.amazonaws.bedrockruntime#ConverseResponse',
    });
    expect(all.find((o) => o.name === 'Converse')?.errors).toContain('ValidationException');
  });
});
