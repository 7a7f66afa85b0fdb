import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startGateway, testTargets } from '../test-support/gateway-harness.js';

/** Debian's Chromium (CI installs it); playwright-core never downloads a browser. */
const CHROMIUM = process.env.STRATA_TEST_CHROMIUM ?? '/usr/bin/chromium';
const WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));
/** docs/ gets a new screenshot only when asked (STRATA_UPDATE_SCREENSHOTS=1), so test runs leave the tree clean. */
const SCREENSHOT = process.env.STRATA_UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL('../../../../docs/screenshots/web-chat.png', import.meta.url))
  : join(tmpdir(), `strata-web-chat-${process.pid}.png`);
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is needed for the browser test: install Debian's chromium or set STRATA_TEST_CHROMIUM (looked for ${CHROMIUM}).`,
    );
  if (!existsSync(join(WEB_ROOT, 'index.html')))
    throw new Error('The web page is not built: run `npm run build`.');
  h = await startGateway(testTargets()[0]!.target, {
    webRoot: WEB_ROOT,
    rules: [
      {
        match: { lastUserText: '^please write the file$', hasToolResult: false },
        reply: {
          text: 'Writing it now.',
          toolCalls: [{ name: 'Write', input: { path: 'hello.md', content: '# Hello from the browser' } }],
        },
      },
      {
        match: { lastToolResult: '^(Created|Overwrote) (\\S+)' },
        reply: { text: 'Done: **$2** is written.\n\n```ts\nconst ok = true;\n```' },
      },
    ],
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('the web chat in a browser', () => {
  it('creates a conversation, streams a reply, approves a tool call, uploads an image and shows the cost', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 820 } });
    await page.goto(h.url);
    await page.getByTestId('emulator-badge').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('new-conversation').click();
    await page.getByTestId('model-picker').selectOption('anthropic.claude-3-haiku-20240307-v1:0');

    const image = join(tmpdir(), `strata-pixel-${process.pid}.png`);
    writeFileSync(image, Buffer.from(PNG, 'base64'));
    await page.getByTestId('image-input').setInputFiles(image);
    await page.getByTestId('composer-input').fill('please write the file');
    await page.getByTestId('send-button').click();

    await page.getByTestId('approve-allow').click({ timeout: 15_000 });
    await page.getByText('is written').waitFor({ timeout: 15_000 });
    expect(readFileSync(join(h.workspace, 'hello.md'), 'utf8')).toBe('# Hello from the browser');

    const messages = page.getByTestId('message');
    expect(await messages.count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('message-list').locator('img').count()).toBeGreaterThanOrEqual(1);
    await page.getByTestId('conversation-cost').waitFor();
    expect(await page.getByTestId('conversation-cost').textContent()).toMatch(/\$\s?0\.\d+/);
    expect(await page.getByTestId('message-cost').last().textContent()).toMatch(/\$/);

    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    await page.close();
  });

  it('attaches images dropped on the chat and pasted into the message box, and sends them with the message', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 820 } });
    await page.goto(h.url);
    await page.getByTestId('new-conversation').click();
    await page.getByTestId('model-picker').selectOption('anthropic.claude-3-haiku-20240307-v1:0');

    // Real DataTransfer events, as the browser fires them for a drag from the desktop and a paste.
    await page.evaluate((png) => {
      const file = (name: string) =>
        new File([Uint8Array.from(atob(png), (c) => c.charCodeAt(0))], name, { type: 'image/png' });
      const dropped = new DataTransfer();
      dropped.items.add(file('dropped.png'));
      const list = document.querySelector('[data-testid="message-list"]');
      for (const type of ['dragenter', 'dragover', 'drop'])
        list?.dispatchEvent(new DragEvent(type, { dataTransfer: dropped, bubbles: true, cancelable: true }));
      const pasted = new DataTransfer();
      pasted.items.add(file('pasted.png'));
      document
        .querySelector('[data-testid="composer-input"]')
        ?.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: pasted, bubbles: true, cancelable: true }),
        );
    }, PNG);

    const previews = page.getByRole('list', { name: 'Attached images' }).getByRole('img');
    await previews.nth(1).waitFor();
    expect(await previews.evaluateAll((imgs) => imgs.map((img) => img.getAttribute('alt')))).toEqual([
      'dropped.png',
      'pasted.png',
    ]);
    await page.getByTestId('composer-input').fill('what are these pictures');
    await page.getByTestId('send-button').click();
    // The emulator echoes the text; the images are what the gateway stored and sent along with it.
    await page.getByTestId('message').filter({ hasText: 'what are these pictures' }).nth(1).waitFor();
    expect(await page.getByRole('list', { name: 'Attached images' }).count()).toBe(0);
    expect(await page.getByTestId('message-list').locator('img').count()).toBe(2);

    const id = /#\/c\/([^/?]+)/.exec(page.url())?.[1];
    const detail = (await (await fetch(`${h.url}/api/conversations/${id}`)).json()) as {
      messages: { role: string; content: { type: string; format?: string; source?: { data?: string } }[] }[];
    };
    expect(detail.messages[0]?.role).toBe('user');
    expect(detail.messages[0]?.content.map((b) => [b.type, b.format, b.source?.data])).toEqual([
      ['image', 'png', PNG],
      ['image', 'png', PNG],
      ['text', undefined, undefined],
    ]);
    await page.close();
  });
});
