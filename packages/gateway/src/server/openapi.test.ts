import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startGateway, testTargets } from '../test-support/gateway-harness.js';

interface OpenApiDocument {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
}

describe('the OpenAPI document', () => {
  let h: Harness;
  beforeAll(async () => (h = await startGateway(testTargets()[0]!.target)));
  afterAll(() => h.close());

  it('describes the routes and their request bodies from their JSON schemas', async () => {
    const res = await fetch(`${h.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApiDocument;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Strata gateway');
    const bodyOf = (path: string) => doc.paths[path]?.post?.requestBody?.content['application/json']?.schema;
    expect(doc.paths['/api/conversations']?.get).toBeDefined();
    expect(bodyOf('/api/conversations')).toMatchObject({ required: ['model'] });
    expect(bodyOf('/api/conversations/{id}/messages')).toMatchObject({
      required: ['text'],
      properties: { images: { type: 'array' } },
    });
    expect(bodyOf('/v1/chat/completions')).toMatchObject({ properties: { messages: { type: 'array' } } });
    expect(bodyOf('/v1/messages')).toMatchObject({ properties: { max_tokens: {} } });
    expect(doc.paths['/openapi.json']).toBeUndefined();
  });
});
