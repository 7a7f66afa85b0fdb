// The clients the library benchmark compares. Each contender is `{ name, kind, call, close }`: `call()`
// makes one Converse call (or reads one ConverseStream) and throws unless the answer is the expected
// echo, so a broken client can never post a fast number.
import http from 'node:http';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { Hash } from '@smithy/hash-node';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { createBedrock } from '@strata/bedrock';
import { Agent } from 'undici';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const MODEL_PATH = `/model/${encodeURIComponent(MODEL)}`;
const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** The short prompt of the per-call figures; the emulator echoes it back. */
export const SHORT_TEXT = 'Benchmark me, briefly and deterministically.';
/** The emulator streams its echo three words a delta (the CLI has no flag for it): 600 words, 200 deltas. */
export const STREAM_DELTAS = 200;
export const LONG_TEXT = Array.from({ length: STREAM_DELTAS * 3 }, (_, i) => `word${i}`).join(' ');

const expectText = (name, got, want) => {
  if (got !== want) throw new Error(`${name} answered ${JSON.stringify(String(got).slice(0, 80))}`);
};
const expectDeltas = (name, count) => {
  if (count !== STREAM_DELTAS) throw new Error(`${name} saw ${count} text deltas, not ${STREAM_DELTAS}`);
};

/**
 * The floor: what any signed Bedrock call must cost — a SigV4 signature (native SHA-256, cached signing
 * key) and one request on an undici keep-alive Agent configured as Strata's shared pool is. Streams are
 * read to the last byte; `decode` also splits the frames with @smithy/eventstream-codec and parses each
 * payload, the least a client that uses the deltas must do. `text` is the prompt (and so the reply).
 */
export function floor({ name, url, stream, text = stream ? LONG_TEXT : SHORT_TEXT, decode = false, tls }) {
  const target = new URL(url);
  const agent = new Agent({
    keepAliveTimeout: 60_000,
    connections: 128,
    ...(tls ? { allowH2: tls.allowH2, connect: { ca: tls.ca } } : {}),
  });
  const signer = new SignatureV4({
    service: 'bedrock',
    region: REGION,
    sha256: Hash.bind(null, 'sha256'),
    credentials: CREDENTIALS,
    applyChecksum: false,
  });
  const path = `${MODEL_PATH}/${stream ? 'converse-stream' : 'converse'}`;
  const body = JSON.stringify({
    messages: [{ role: 'user', content: [{ text }] }],
  });
  const codec = new EventStreamCodec(toUtf8, fromUtf8);

  async function send() {
    const signed = await signer.sign(
      new HttpRequest({
        method: 'POST',
        protocol: target.protocol,
        hostname: target.hostname,
        port: Number(target.port),
        path,
        headers: { host: target.host, 'content-type': 'application/json' },
        body,
      }),
    );
    // undici sets Host (or :authority) itself.
    const { host: _host, ...headers } = signed.headers;
    const response = await agent.request({ origin: target.origin, path, method: 'POST', headers, body });
    if (response.statusCode !== 200) {
      throw new Error(`${name}: HTTP ${response.statusCode} ${(await response.body.text()).slice(0, 200)}`);
    }
    return response.body;
  }

  async function readBytes(responseBody) {
    let bytes = 0;
    for await (const chunk of responseBody) bytes += chunk.length;
    if (bytes === 0) throw new Error(`${name}: empty stream`);
  }

  // Frames are length-prefixed (a big-endian uint32 total length); the codec decodes whole ones (CRCs
  // checked), so split them here the cheapest way: concatenate only when a frame straddles chunks.
  async function decodeFrames(responseBody) {
    let deltas = 0;
    let pending = Buffer.alloc(0);
    for await (const chunk of responseBody) {
      pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      let offset = 0;
      while (pending.length - offset >= 4) {
        const length = pending.readUInt32BE(offset);
        if (pending.length - offset < length) break;
        const message = codec.decode(pending.subarray(offset, offset + length));
        offset += length;
        const event = JSON.parse(toUtf8(message.body));
        if (message.headers[':event-type']?.value === 'contentBlockDelta' && event.delta?.text) deltas++;
      }
      pending = pending.subarray(offset);
    }
    expectDeltas(name, deltas);
  }

  return {
    name,
    kind: 'floor',
    async call() {
      const responseBody = await send();
      if (!stream) {
        const out = await responseBody.json();
        expectText(name, out.output?.message?.content?.[0]?.text, SHORT_TEXT);
      } else if (decode) await decodeFrames(responseBody);
      else await readBytes(responseBody);
    },
    close: () => agent.close(),
  };
}

/**
 * @aws-sdk/client-bedrock-runtime. Its default request handler is HTTP/2 with `disableConcurrentStreams`
 * — a new HTTP/2 session (connection) for every request; plain `http://` gets HTTP/2 with prior knowledge.
 * Over TLS (`ca`) that default is rebuilt with the emulator's certificate added. `http1` swaps in the
 * keep-alive HTTP/1.1 NodeHttpHandler instead.
 */
export function awsSdk({ name, url, stream, http1 = false, ca }) {
  let requestHandler;
  if (http1) {
    requestHandler = new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true, maxSockets: 128 }) });
  } else if (ca) {
    requestHandler = new NodeHttp2Handler({
      disableConcurrentStreams: true,
      nodeHttp2ConnectOptions: { ca },
    });
  }
  const client = new BedrockRuntimeClient({
    endpoint: url,
    region: REGION,
    credentials: CREDENTIALS,
    maxAttempts: 1,
    ...(requestHandler ? { requestHandler } : {}),
  });
  const input = {
    modelId: MODEL,
    messages: [{ role: 'user', content: [{ text: stream ? LONG_TEXT : SHORT_TEXT }] }],
  };
  return {
    name,
    kind: 'sdk',
    async call() {
      if (!stream) {
        const out = await client.send(new ConverseCommand(input));
        expectText(name, out.output?.message?.content?.[0]?.text, SHORT_TEXT);
        return;
      }
      const out = await client.send(new ConverseStreamCommand(input));
      let deltas = 0;
      for await (const event of out.stream) if (event.contentBlockDelta?.delta?.text) deltas++;
      expectDeltas(name, deltas);
    },
    close: () => client.destroy(),
  };
}

/**
 * Strata as an application uses it: `chat()` for a call (which rides ConverseStream — the library has
 * one streaming code path) and `stream()` iterated for a stream. Over TLS the emulator's certificate is
 * trusted through the public `ca` option and `allowH2` picks the protocol, both named explicitly so a
 * change of default cannot silently swap what a row measures.
 */
export function strata({ name, url, stream, tls }) {
  const bedrock = createBedrock({
    endpoint: url,
    region: REGION,
    credentials: CREDENTIALS,
    maxRetries: 0,
    ...(tls ? { ca: tls.ca, allowH2: tls.allowH2 } : {}),
  });
  const messages = [{ role: 'user', content: [{ type: 'text', text: stream ? LONG_TEXT : SHORT_TEXT }] }];
  return {
    name,
    kind: 'strata',
    async call() {
      if (!stream) {
        const result = await bedrock.chat({ model: MODEL, messages });
        expectText(name, result.message.content[0]?.text, SHORT_TEXT);
        return;
      }
      let deltas = 0;
      for await (const event of bedrock.stream({ model: MODEL, messages })) {
        if (event.type === 'text-delta') deltas++;
      }
      expectDeltas(name, deltas);
    },
    // Strata's pools are shared per configuration; library.mjs closes them all at the end.
    close: async () => {},
  };
}
