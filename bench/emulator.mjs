// Emulator throughput: how many requests per second the local Bedrock serves on this machine, so later
// benchmarks can show it is never the bottleneck. The emulator runs as its own process (the real CLI);
// autocannon drives it over HTTP/1.1 keep-alive from this one.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import autocannon from 'autocannon';
import { startEmulatorProcess } from './emulator-process.mjs';

const quick = process.argv.includes('--quick');
const duration = quick ? 3 : 10;
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

async function measure(name, url, path, headers) {
  const result = await autocannon({
    url: `${url}${path}`,
    method: 'POST',
    headers,
    body,
    connections,
    duration,
  });
  const errors = result.non2xx + result.errors;
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors,
  };
}

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
  rows.push(await measure('Converse (bearer key)', url, `${MODEL_PATH}/converse`, bearer));
  rows.push(
    await measure(
      'Converse (SigV4 verified)',
      url,
      `${MODEL_PATH}/converse`,
      await sigv4Headers(url, `${MODEL_PATH}/converse`),
    ),
  );
  rows.push(
    await measure(
      'ConverseStream (SigV4 verified)',
      url,
      `${MODEL_PATH}/converse-stream`,
      await sigv4Headers(url, `${MODEL_PATH}/converse-stream`),
    ),
  );
  const report = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    connections,
    durationSeconds: duration,
    results: rows,
  };
  console.table(rows);
  writeFileSync(new URL('./results/emulator.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  const failed = rows.filter((r) => r.errors > 0 || r.requestsPerSecond === 0);
  if (failed.length > 0) {
    console.error(`requests failed in: ${failed.map((r) => r.name).join(', ')}`);
    process.exitCode = 1;
  }
} finally {
  await emulator.stop();
}
