// The floor: what any signed Bedrock call must cost — a SigV4 signature (native SHA-256, cached signing
// key) and one request on an undici keep-alive Agent. A call parses the Converse JSON; a stream splits
// the event-stream frames with @smithy/eventstream-codec (CRCs checked) and parses each payload, the
// least a client that uses the deltas must do. No retries, ever. On an https endpoint it speaks
// HTTP/1.1 keep-alive unless `allowH2` (undici's own option: HTTP/2 by ALPN); `ca` is a PEM to trust.
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { Agent } from 'undici';
import { CREDENTIALS, expectDeltas, expectText, MODEL, REGION, SHORT_TEXT } from './expect.mjs';

const MODEL_PATH = `/model/${encodeURIComponent(MODEL)}`;

export function floor({ name = 'floor', url, allowH2 = false, ca }) {
  const target = new URL(url);
  // No connection cap, so 1,000 held streams are 1,000 open requests.
  const agent = new Agent({
    keepAliveTimeout: 60_000,
    ...(allowH2 ? { allowH2: true } : {}),
    ...(ca !== undefined ? { connect: { ca } } : {}),
  });
  const signer = new SignatureV4({
    service: 'bedrock',
    region: REGION,
    sha256: Hash.bind(null, 'sha256'),
    credentials: CREDENTIALS,
    applyChecksum: false,
  });
  const codec = new EventStreamCodec(toUtf8, fromUtf8);

  async function send(operation, text) {
    const path = `${MODEL_PATH}/${operation}`;
    const body = JSON.stringify({ messages: [{ role: 'user', content: [{ text }] }] });
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
    // undici sets Host itself.
    const { host: _host, ...headers } = signed.headers;
    const response = await agent.request({ origin: target.origin, path, method: 'POST', headers, body });
    if (response.statusCode !== 200) {
      throw new Error(`${name}: HTTP ${response.statusCode} ${(await response.body.text()).slice(0, 200)}`);
    }
    return response.body;
  }

  return {
    name,
    async call() {
      const out = await (await send('converse', SHORT_TEXT)).json();
      expectText(name, out.output?.message?.content?.[0]?.text);
    },
    // Frames are length-prefixed (a big-endian uint32 total length); concatenate only when a frame
    // straddles chunks.
    async stream({ text, deltas: want, onFirst }) {
      let deltas = 0;
      let pending = Buffer.alloc(0);
      for await (const chunk of await send('converse-stream', text)) {
        pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
        let offset = 0;
        while (pending.length - offset >= 4) {
          const length = pending.readUInt32BE(offset);
          if (pending.length - offset < length) break;
          const message = codec.decode(pending.subarray(offset, offset + length));
          offset += length;
          const event = JSON.parse(toUtf8(message.body));
          if (message.headers[':event-type']?.value === 'contentBlockDelta' && event.delta?.text) {
            if (deltas++ === 0) onFirst?.();
          }
        }
        pending = pending.subarray(offset);
      }
      expectDeltas(name, deltas, want);
    },
    close: () => agent.close(),
  };
}
