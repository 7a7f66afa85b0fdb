import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Harness, readSse, startGateway, testTargets } from '../test-support/gateway-harness.js';
import { MAX_IMAGE_BYTES } from './multipart-turn.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('multipart turns', () => {
  let h: Harness;
  beforeAll(async () => (h = await startGateway(testTargets()[0]!.target)));
  afterAll(() => h.close());

  const conversation = async () =>
    (
      (await (await api(h.url).post('/api/conversations', { model: 'claude-haiku-3' })).json()) as {
        id: string;
      }
    ).id;
  const postForm = (id: string, form: FormData) =>
    fetch(`${h.url}/api/conversations/${id}/messages`, { method: 'POST', body: form });
  const errorOf = async (res: Response) =>
    ((await res.json()) as { error: { code: string; message: string } }).error;

  it('stores the text and the uploaded images as the user message', async () => {
    const id = await conversation();
    const form = new FormData();
    form.append('text', 'What is in these pictures?');
    form.append('image', new Blob([PNG], { type: 'image/png' }), 'dot.png');
    form.append('image', new Blob([PNG], { type: 'image/webp' }), 'dot.webp');
    const res = await postForm(id, form);
    expect(res.status).toBe(200);
    expect((await readSse(res)).at(-1)?.event).toBe('done');
    const detail = (await (await api(h.url).get(`/api/conversations/${id}`)).json()) as {
      messages: { role: string; content: Record<string, unknown>[] }[];
    };
    expect(detail.messages[0]?.content).toEqual([
      { type: 'image', format: 'png', source: { type: 'base64', data: PNG.toString('base64') } },
      { type: 'image', format: 'webp', source: { type: 'base64', data: PNG.toString('base64') } },
      { type: 'text', text: 'What is in these pictures?' },
    ]);
  });

  it('refuses a part that is not an image, naming it', async () => {
    const form = new FormData();
    form.append('text', 'Read this');
    form.append('attachment', new Blob(['hello'], { type: 'text/plain' }), 'notes.txt');
    const res = await postForm(await conversation(), form);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_image');
    expect(error.message).toContain('"attachment" (notes.txt)');
  });

  it('refuses an image over 3.75 MB, naming it, and accepts one of exactly the limit', async () => {
    const id = await conversation();
    const big = new FormData();
    big.append('text', 'Too big');
    big.append('photo', new Blob([new Uint8Array(MAX_IMAGE_BYTES + 1)], { type: 'image/jpeg' }), 'big.jpg');
    const res = await postForm(id, big);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain('"photo" (big.jpg) is larger than 3.75 MB');

    const exact = new FormData();
    exact.append('text', 'Just fits');
    exact.append('photo', new Blob([new Uint8Array(MAX_IMAGE_BYTES)], { type: 'image/jpeg' }), 'fits.jpg');
    const ok = await postForm(id, exact);
    expect(ok.status).toBe(200);
    await readSse(ok);
  });

  it('validates the converted form with the JSON schema: text is required', async () => {
    const form = new FormData();
    form.append('image', new Blob([PNG], { type: 'image/png' }), 'dot.png');
    const res = await postForm(await conversation(), form);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/text/);
  });

  it('leaves routes outside the conversations refusing multipart bodies', async () => {
    const form = new FormData();
    form.append('model', 'claude-haiku-3');
    expect((await fetch(`${h.url}/api/settings`, { method: 'PUT', body: form })).status).toBe(415);
  });
});
