import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { EmulatorError } from '../errors/emulator-error.js';
import { decodeFrame, splitFrames } from '../eventstream/frames.js';
import { type ServerRequest, type ServerResponse, writeChunk } from '../server/exchange.js';
import { bodyDigest, KEPT_HEADERS, type RecordedExchange } from './exchange.js';

type Headers = Record<string, string | string[] | undefined>;

/** Request headers the upstream needs; everything else (auth, hop-by-hop, our fault header) is dropped. */
const FORWARDED = /^(content-type|accept|x-amzn-bedrock-.*)$/i;

const Sha256 = Hash.bind(null, 'sha256');

function scopeRegion(headers: Headers): string | undefined {
  const auth = headers.authorization;
  const match = typeof auth === 'string' ? /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(auth) : null;
  return match?.[1];
}

function parsePayload(payload: Uint8Array): unknown {
  const text = Buffer.from(payload).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Record mode: proxies each request to a real endpoint, re-signed with the caller's own AWS
 * credentials from the environment (or its Bedrock API key), streams the answer back, and stores the
 * exchange as a fixture that `--replay` serves.
 */
export class Recorder {
  private count = 0;
  /**
   * The AWS SDK's default chain (environment, SSO and profiles of AWS_PROFILE, container and instance
   * roles), resolved on the first recorded call and cached until near expiry; a failure names the fix.
   */
  private readonly credentials = async () => {
    try {
      return await this.chain();
    } catch (error) {
      throw new EmulatorError(
        500,
        'InternalServerException',
        `Record mode found no upstream AWS credentials (${(error as Error).message}). Set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_BEARER_TOKEN_BEDROCK, and run \`aws sso login\` if the profile uses SSO.`,
      );
    }
  };
  private readonly chain = fromNodeProviderChain();

  constructor(
    private readonly dir: string,
    private readonly upstream: string,
  ) {}

  private async sign(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: Buffer,
    region: string,
  ) {
    const bearer = process.env.AWS_BEARER_TOKEN_BEDROCK;
    if (bearer) return { ...headers, authorization: `Bearer ${bearer}` };
    const signer = new SignatureV4({
      service: 'bedrock',
      region,
      sha256: Sha256,
      credentials: this.credentials,
    });
    const signed = await signer.sign(
      new HttpRequest({
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: { ...headers, host: url.host },
        body,
      }),
    );
    return signed.headers as Record<string, string>;
  }

  async forward(
    _req: ServerRequest,
    res: ServerResponse,
    request: { method: string; rawPath: string; rawQuery: string; headers: Headers; body: Buffer },
    operation: string,
  ): Promise<number> {
    const url = new URL(`${request.rawPath}${request.rawQuery ? `?${request.rawQuery}` : ''}`, this.upstream);
    const forwarded: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (FORWARDED.test(name) && typeof value === 'string') forwarded[name] = value;
    }
    const region = scopeRegion(request.headers) ?? process.env.AWS_REGION ?? 'us-east-1';
    const headers = await this.sign(url, request.method, forwarded, request.body, region);
    const { host: _host, ...sendHeaders } = headers;
    const upstream = await fetch(url, {
      method: request.method,
      headers: sendHeaders,
      ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body: request.body }),
    });
    const kept: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (KEPT_HEADERS.test(name)) kept[name] = value;
    });
    res.writeHead(upstream.status, kept);
    const chunks: Buffer[] = [];
    if (upstream.body) {
      for await (const chunk of upstream.body) {
        const buffer = Buffer.from(chunk);
        chunks.push(buffer);
        writeChunk(res, buffer);
      }
    }
    const body = Buffer.concat(chunks);
    const isStream = (kept['content-type'] ?? '').includes('eventstream');
    const exchange: RecordedExchange = {
      operation,
      request: {
        method: request.method,
        path: request.rawPath,
        bodySha256: bodyDigest(request.body),
        ...(request.body.length ? { body: parsePayload(request.body) } : {}),
      },
      response: {
        status: upstream.status,
        headers: kept,
        ...(isStream
          ? {
              events: splitFrames(body).frames.map((frame) => {
                const { headers: h, payload } = decodeFrame(frame);
                return { headers: h, payload: parsePayload(payload) };
              }),
            }
          : { body: parsePayload(body) }),
      },
    };
    await mkdir(this.dir, { recursive: true });
    const name = `${String(++this.count).padStart(4, '0')}-${operation}-${exchange.request.bodySha256?.slice(0, 12)}.json`;
    // Stored before the answer ends, so a client that has its answer can rely on the fixture existing.
    await writeFile(join(this.dir, name), `${JSON.stringify(exchange, null, 2)}\n`);
    res.end();
    return upstream.status;
  }
}
