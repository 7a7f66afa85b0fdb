import http2 from 'node:http2';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './emulator.js';
import type { RunningEmulator } from './options.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tls: true });
});
afterAll(() => emulator.close());

const PATH = '/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse';
const BODY = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'over TLS' }] }] });
const HEADERS = { authorization: 'Bearer ABSKEXAMPLEemulatortest0001', 'content-type': 'application/json' };

describe('--tls', () => {
  it('serves https with a self-signed certificate it hands out', () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.certificate).toMatch(/BEGIN CERTIFICATE/);
  });

  it('negotiates HTTP/2 by ALPN', async () => {
    const session = http2.connect(emulator.url, { ca: emulator.certificate });
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const stream = session.request({ ':method': 'POST', ':path': PATH, ...HEADERS });
      let status = 0;
      let body = '';
      stream.on('response', (headers) => (status = Number(headers[':status'])));
      stream.on('data', (chunk) => (body += chunk));
      stream.on('end', () => resolve({ status, body }));
      stream.on('error', reject);
      stream.end(BODY);
    });
    session.close();
    expect(status).toBe(200);
    expect(JSON.parse(body).output.message.content[0].text).toBe('over TLS');
  });

  it('serves HTTP/1.1 to clients that ask for it', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const req = https.request(
        `${emulator.url}${PATH}`,
        { method: 'POST', headers: HEADERS, ca: emulator.certificate },
        (res) => {
          expect(res.httpVersion).toBe('1.1');
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve(body));
        },
      );
      req.on('error', reject);
      req.end(BODY);
    });
    expect(JSON.parse(text).output.message.content[0].text).toBe('over TLS');
  });
});
