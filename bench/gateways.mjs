// The two OpenAI-compatible gateways, each pointed at the emulator, and one client for both.
//
// Both authenticate upstream with a Bedrock API key (`Authorization: Bearer`): Portkey 1.15 cannot
// SigV4-sign for an endpoint with a port. Its Bedrock provider signs `host` as `new URL(url).hostname`
// (no port) while fetch sends `Host: 127.0.0.1:PORT`, so every SigV4 request to the emulator fails
// with SignatureDoesNotMatch (`portkeySigV4Probe` below records the answer in each run). With
// `x-portkey-aws-auth-type: apiKey` it sends the key instead, which the emulator accepts as Bedrock does.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectText, MODEL, REGION, SHORT_TEXT } from './contenders/expect.mjs';
import { startCliProcess, startServerProcess } from './emulator-process.mjs';

export const API_KEY = 'ABSKEXAMPLEemulatorbench0001';
const PORTKEY = fileURLToPath(import.meta.resolve('@portkey-ai/gateway/build/start-server.js'));

/** An environment with the emulator as the only AWS: an API key, no access keys or profiles. */
function awsEnv(emulatorUrl) {
  const env = { ...process.env, AWS_ENDPOINT_URL: emulatorUrl, AWS_REGION: REGION };
  env.AWS_BEARER_TOKEN_BEDROCK = API_KEY;
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'])
    delete env[name];
  return env;
}

/** `strata serve` on a free port with a throw-away data directory. */
export async function startStrataGateway(emulatorUrl) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'strata-bench-gateway-'));
  const server = await startCliProcess(
    ['serve', '--port', '0', '--quiet', '--data-dir', dataDir],
    awsEnv(emulatorUrl),
  );
  return {
    ...server,
    headers: {},
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Portkey takes a fixed `--port=N` (default 8787), so find a free one first. */
async function freePort() {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `node @portkey-ai/gateway/build/start-server.js --port=N --headless`, its Bedrock provider on the emulator. */
export async function startPortkey(emulatorUrl) {
  const port = await freePort();
  const server = await startServerProcess({
    args: [PORTKEY, `--port=${port}`, '--headless'],
    env: { ...process.env, NODE_ENV: 'production' },
    ready: /Ready for connections/,
    url: `http://127.0.0.1:${port}`,
    // It prints a stack trace for every client that goes away mid-stream, as the SSE clients do.
    stderr: 'ignore',
  });
  const headers = {
    'x-portkey-provider': 'bedrock',
    'x-portkey-custom-host': emulatorUrl,
    'x-portkey-aws-region': REGION,
    'x-portkey-aws-auth-type': 'apiKey',
    authorization: `Bearer ${API_KEY}`,
  };
  return { ...server, headers };
}

/** One SigV4 call through Portkey: its answer, recorded in the results as the reason for the API key. */
export async function portkeySigV4Probe(portkey, emulatorUrl, agent) {
  const { 'x-portkey-aws-auth-type': _, authorization: __, ...headers } = portkey.headers;
  const name = `Portkey with SigV4 keys (x-portkey-aws-access-key-id) to ${emulatorUrl}`;
  const client = completions(
    portkey.url,
    agent,
    { ...headers, 'x-portkey-aws-access-key-id': 'test', 'x-portkey-aws-secret-access-key': 'test' },
    name,
  );
  try {
    await client.call();
    return `${name}: worked`;
  } catch (error) {
    return error.message;
  }
}

/**
 * `POST /v1/chat/completions` on an undici pool: `call()` checks the echoed text; `stream()` reads
 * the SSE to `data: [DONE]` and rebuilds the reply from the deltas, so a truncated stream cannot pass;
 * `open()` starts a stream and resolves once its first content delta arrives, leaving it open.
 */
export function completions(origin, agent, headers, name = origin) {
  const request = (content, stream) =>
    agent.request({
      origin,
      path: '/v1/chat/completions',
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: MODEL, stream, messages: [{ role: 'user', content }] }),
    });
  const failed = async (response) =>
    new Error(`${name}: HTTP ${response.statusCode} ${(await response.body.text()).slice(0, 300)}`);
  return {
    async call() {
      const response = await request(SHORT_TEXT, false);
      if (response.statusCode !== 200) throw await failed(response);
      expectText(name, (await response.body.json()).choices?.[0]?.message?.content);
    },
    async stream() {
      const response = await request(SHORT_TEXT, true);
      if (response.statusCode !== 200) throw await failed(response);
      const events = (await response.body.text()).split('\n\n').filter((e) => e.startsWith('data: '));
      if (events.at(-1) !== 'data: [DONE]') throw new Error(`${name}: stream did not end with [DONE]`);
      const reply = events
        .slice(0, -1)
        .map((e) => JSON.parse(e.slice(6)).choices?.[0]?.delta?.content ?? '')
        .join('');
      expectText(name, reply);
    },
    async open(content) {
      const response = await request(content, true);
      if (response.statusCode !== 200) throw await failed(response);
      // Listen rather than iterate: leaving a for-await loop would destroy the stream.
      return new Promise((resolve, reject) => {
        let seen = false;
        response.body.setEncoding('utf8');
        response.body.on('data', (chunk) => {
          // Portkey sends a role-only chunk first; the first content is what the emulator held after.
          if (!seen && /"content":"[^"]/.test(chunk)) {
            seen = true;
            resolve();
          }
        });
        response.body.on('error', (error) => seen || reject(error));
        response.body.on(
          'end',
          () => seen || reject(new Error(`${name}: stream ended before its first delta`)),
        );
      });
    },
  };
}
