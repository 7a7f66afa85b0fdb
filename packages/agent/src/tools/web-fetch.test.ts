import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blockedRange } from '../sandbox/network.js';
import { guardedGet } from './http-get.js';
import { isError, type TempWorkspace, tempWorkspace, textOf } from './test-support/temp-workspace.js';
import type { ToolContext } from './tool.js';
import { webFetchTool } from './web-fetch.js';

let server: Server;
let base: string;
let requests: string[] = [];
let ws: TempWorkspace;
let context: ToolContext;

const PAGE = `<!doctype html><html><head><title>T</title><style>p{}</style><script>evil()</script></head>
<body><h1>Welcome</h1><p>Read <a href="/docs/start">the guide</a>.</p><img src="logo.png" alt="logo"></body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    switch (url.pathname) {
      case '/page':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
        return;
      case '/text':
        res.writeHead(200, { 'content-type': 'text/plain' }).end('plain  text\n');
        return;
      case '/gzip':
        res
          .writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' })
          .end(gzipSync('unzipped'));
        return;
      case '/image':
        res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]));
        return;
      case '/big':
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 300; i++) res.write('x'.repeat(10_000));
        res.end();
        return;
      case '/missing':
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no such page');
        return;
      case '/hop':
        res.writeHead(302, { location: `/hop${url.searchParams.get('n') ?? ''}` }).end();
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop' }).end();
        return;
      case '/to-private':
        res.writeHead(302, { location: 'http://10.0.0.1/internal' }).end();
        return;
      case '/to-file':
        res.writeHead(302, { location: 'file:///etc/passwd' }).end();
        return;
      case '/slow':
        return; // never answers
      default:
        res.writeHead(302, { location: '/text' }).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ws = await tempWorkspace();
  context = ws.context;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await ws.cleanup();
});

beforeEach(() => {
  requests = [];
});

describe('WebFetch with allowPrivateNetwork', () => {
  const fetchTool = webFetchTool({ allowPrivateNetwork: true });

  it('is read-only', () => {
    expect(fetchTool.readOnly).toBe(true);
    expect(fetchTool.dangerous).toBeUndefined();
  });

  it('converts HTML to text: no images or scripts, absolute link targets kept', async () => {
    const out = textOf(await fetchTool.execute({ url: `${base}/page` }, context));
    expect(out).toContain(`URL: ${base}/page\nStatus: 200 OK\nContent-Type: text/html; charset=utf-8\n\n`);
    expect(out).toContain('Welcome');
    expect(out).toContain(`Read the guide [${base}/docs/start].`);
    expect(out).not.toMatch(/logo|evil|<p>/);
  });

  it('returns other text as is, decompressed', async () => {
    expect(textOf(await fetchTool.execute({ url: `${base}/text` }, context))).toMatch(/\n\nplain {2}text$/);
    expect(textOf(await fetchTool.execute({ url: `${base}/gzip` }, context))).toMatch(/\n\nunzipped$/);
  });

  it('refuses binary content by its type', async () => {
    await expect(fetchTool.execute({ url: `${base}/image` }, context)).rejects.toThrow(
      /returned image\/png, which is not text/,
    );
  });

  it('stops reading at max_bytes', async () => {
    const out = textOf(await fetchTool.execute({ url: `${base}/big`, max_bytes: 1000 }, context));
    expect(out).toContain('[Only the first 1000 bytes were read.]');
    expect(out).toMatch(/\n\nx{1000}$/);
  });

  it('reports an HTTP error status as an error result with the body', async () => {
    const out = await fetchTool.execute({ url: `${base}/missing` }, context);
    expect(isError(out)).toBe(true);
    expect(textOf(out)).toContain('Status: 404 Not Found');
    expect(textOf(out)).toContain('no such page');
  });

  it('follows up to five redirects and refuses a sixth', async () => {
    const out = textOf(await fetchTool.execute({ url: `${base}/elsewhere` }, context));
    expect(out).toContain(`URL: ${base}/text`);
    await expect(fetchTool.execute({ url: `${base}/loop` }, context)).rejects.toThrow(
      /Too many redirects \(more than 5\)/,
    );
    expect(requests.filter((r) => r === '/loop')).toHaveLength(6);
  });

  it('refuses other schemes, including by redirect', async () => {
    await expect(fetchTool.execute({ url: 'file:///etc/passwd' }, context)).rejects.toThrow(
      'Only http and https URLs can be fetched, not file.',
    );
    await expect(fetchTool.execute({ url: `${base}/to-file` }, context)).rejects.toThrow(/not file/);
    await expect(fetchTool.execute({ url: 'not a url' }, context)).rejects.toThrow(
      '"not a url" is not a valid URL.',
    );
  });

  it('times out, and stops when the run is aborted', async () => {
    const quick = webFetchTool({ allowPrivateNetwork: true, timeoutMs: 200 });
    await expect(quick.execute({ url: `${base}/slow` }, context)).rejects.toThrow(
      `Timed out fetching ${base}/slow.`,
    );
    const controller = new AbortController();
    const pending = fetchTool.execute({ url: `${base}/slow` }, { ...context, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow('Aborted.');
  });
});

describe('WebFetch without allowPrivateNetwork', () => {
  const fetchTool = webFetchTool();

  it('refuses loopback and private addresses before connecting', async () => {
    await expect(fetchTool.execute({ url: `${base}/text` }, context)).rejects.toThrow(
      /Refused to fetch from 127\.0\.0\.1: it resolves to 127\.0\.0\.1, a loopback address/,
    );
    expect(requests).toEqual([]);
    await expect(fetchTool.execute({ url: 'http://localhost/' }, context)).rejects.toThrow(
      /Refused to fetch from localhost/,
    );
    const started = Date.now();
    await expect(fetchTool.execute({ url: 'http://10.0.0.1/' }, context)).rejects.toThrow(
      /a private address/,
    );
    await expect(fetchTool.execute({ url: 'http://[::ffff:169.254.169.254]/' }, context)).rejects.toThrow(
      /linkLocal/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a redirect to a private address', async () => {
    // Only the test server's own address passes, the way only public addresses pass in real use.
    const policy = (address: string) => (address === '127.0.0.1' ? undefined : blockedRange(address));
    const signal = new AbortController().signal;
    await expect(
      guardedGet(new URL(`${base}/to-private`), { policy, maxBytes: 1000, signal }),
    ).rejects.toThrow('Refused to fetch from 10.0.0.1: it resolves to 10.0.0.1, private.');
    expect(requests).toEqual(['/to-private']);
  });
});
