// Emulator throughput: how many requests per second the local Bedrock serves on this machine, so the
// other benchmarks can show it is not their bottleneck. The emulator runs as its own process;
// autocannon drives it over HTTP/1.1 keep-alive from this one, one run per request shape.
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import autocannon from 'autocannon';
import { startEmulatorProcess } from './emulator-process.mjs';
import { benchArgs, writePart } from './part.mjs';

const { quick } = benchArgs();
const duration = quick ? 1 : 5;
const connections = 64;
const MODEL_PATH = '/model/anthropic.claude-3-haiku-20240307-v1%3A0';
const body = JSON.stringify({
  messages: [{ role: 'user', content: [{ text: 'Benchmark me, briefly and deterministically.' }] }],
});

async function sigv4Headers(url, path) {
  const target = new URL(url);
  const signer = new SignatureV4({
    service: 'bedrock',
    region: 'us-east-1',
    sha256: Hash.bind(null, 'sha256'),
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: target.hostname,
      port: Number(target.port),
      path,
      headers: { host: target.host, 'content-type': 'application/json' },
      body,
    }),
  );
  return signed.headers;
}

async function measure(key, url, path, headers) {
  const result = await autocannon({
    url: `${url}${path}`,
    method: 'POST',
    headers,
    body,
    connections,
    duration,
  });
  const errors = result.non2xx + result.errors;
  if (errors > 0 || result.requests.average === 0) return { key, error: `${errors} failed requests` };
  return { key, perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const one = (x) => ({ median: x, min: x, max: x, n: 1 });
const CONTENDERS = [
  { key: 'converse-bearer', label: 'Converse (API key)' },
  { key: 'converse-sigv4', label: 'Converse (SigV4 verified)' },
  { key: 'stream-sigv4', label: 'ConverseStream (SigV4 verified)' },
];

const emulator = await startEmulatorProcess();
const { url } = emulator;
try {
  const bearer = { authorization: 'Bearer ABSKEXAMPLEemulatorbench0001', 'content-type': 'application/json' };
  const rows = [];
  // Warm up the JIT and the emulator's lazily built tables.
  await autocannon({
    url: `${url}${MODEL_PATH}/converse`,
    method: 'POST',
    headers: bearer,
    body,
    connections: 8,
    duration: 1,
  });
  rows.push(await measure('converse-bearer', url, `${MODEL_PATH}/converse`, bearer));
  rows.push(
    await measure(
      'converse-sigv4',
      url,
      `${MODEL_PATH}/converse`,
      await sigv4Headers(url, `${MODEL_PATH}/converse`),
    ),
  );
  rows.push(
    await measure(
      'stream-sigv4',
      url,
      `${MODEL_PATH}/converse-stream`,
      await sigv4Headers(url, `${MODEL_PATH}/converse-stream`),
    ),
  );
  const figure = (id, title, unit, better, digits, field) => ({
    id,
    title,
    unit,
    better,
    digits,
    values: Object.fromEntries(rows.map((r) => [r.key, r.error ? { error: r.error } : one(r[field])])),
  });
  writePart('emulator', {
    title: 'Emulator ceiling: what the emulator alone serves on this machine',
    method: `autocannon, ${connections} HTTP/1.1 keep-alive connections, ${duration} s per request shape, the short echo`,
    contenders: CONTENDERS,
    figures: [
      figure('emulator-rps', 'requests/s', 'req/s', 'higher', 0, 'perSecond'),
      figure('emulator-p50', 'p50 latency', 'ms', 'lower', 0, 'p50'),
      figure('emulator-p99', 'p99 latency', 'ms', 'lower', 0, 'p99'),
    ],
  });
} finally {
  await emulator.stop();
}
