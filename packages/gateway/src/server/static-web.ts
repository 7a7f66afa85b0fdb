import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built chat page (packages/web/dist): files by path, anything else the page's index.html
 * so client-side routes work. Hashed assets are cached for a year; index.html never.
 */
export function registerStaticWeb(app: FastifyInstance, root: string): void {
  const index = join(root, 'index.html');
  app.get('/*', async (request, reply) => {
    const path = normalize(decodeURIComponent((request.params as { '*': string })['*'] ?? '')).replace(
      /^(\.\.(\/|\\|$))+/,
      '',
    );
    const file = join(root, path);
    if (path && file.startsWith(root) && existsSync(file) && extname(file)) {
      const body = await readFile(file);
      return reply
        .header('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
        .header(
          'cache-control',
          path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        )
        .send(body);
    }
    if (!existsSync(index)) {
      return reply
        .code(404)
        .header('content-type', 'text/plain')
        .send('The web chat is not built: run `npm run build`.');
    }
    return reply
      .header('content-type', TYPES['.html'])
      .header('cache-control', 'no-cache')
      .send(await readFile(index));
  });
}
