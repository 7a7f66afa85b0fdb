import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight, isSafeUrl, renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('renders markdown', () => {
    const html = renderMarkdown('# Title\n\nSome **bold** and `code`.\n\n- a\n- b');
    expect(html).toContain('<h1');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<li>a</li>');
  });

  it('never passes a <script> through, block or inline', () => {
    for (const src of [
      '<script>alert(1)</script>',
      'hi <script>alert(1)</script> there',
      '<div><script src="x"></script></div>',
    ]) {
      const html = renderMarkdown(src);
      expect(html.toLowerCase()).not.toContain('<script');
      expect(html).toContain('&lt;script');
    }
  });

  it('shows other raw HTML as text (no event handlers, no iframes)', () => {
    const html = renderMarkdown('<img src=x onerror="alert(1)"> <iframe src="https://e.x"></iframe>');
    expect(html).not.toMatch(/<img|<iframe/i);
    expect(html).toContain('&lt;img');
  });

  it('drops javascript: and data: links but keeps their text', () => {
    const html = renderMarkdown(
      '[click](javascript:alert(1)) [x](JaVaScRiPt:alert(1)) [d](data:text/html,hi)',
    );
    expect(html.toLowerCase()).not.toContain('javascript:');
    expect(html).not.toContain('href="data:');
    expect(html).toContain('click');
  });

  it('opens safe links in a new tab without an opener', () => {
    const html = renderMarkdown('[docs](https://example.com/a?b=1&c=2 "T")');
    expect(html).toContain('href="https://example.com/a?b=1&amp;c=2"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain('title="T"');
  });

  it('does not load images named by the model', () => {
    const html = renderMarkdown('![pixel](https://tracker.example/p.png)');
    expect(html).not.toContain('<img');
    expect(html).toContain('[image: pixel]');
  });

  it('highlights fenced code in known languages and escapes it', () => {
    const html = renderMarkdown('```ts\nconst a: number = 1; // <b>\n```');
    expect(html).toContain('data-lang="ts"');
    expect(html).toContain('hljs-keyword');
    expect(html).toContain('&lt;b&gt;');
    expect(html).not.toContain('<b>');
  });

  it('escapes code in unknown languages and in unterminated fences (mid-stream)', () => {
    expect(renderMarkdown('```brainfuck\n<script>\n```')).toContain('&lt;script&gt;');
    expect(renderMarkdown('```python\nprint("<x>")')).not.toContain('<x>');
  });
});

describe('helpers', () => {
  it('escapeHtml escapes the five characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('isSafeUrl allows http(s), mailto and relative URLs only', () => {
    expect(isSafeUrl('https://a.b')).toBe(true);
    expect(isSafeUrl('mailto:x@y.z')).toBe(true);
    expect(isSafeUrl('/docs#x')).toBe(true);
    expect(isSafeUrl('#frag')).toBe(true);
    expect(isSafeUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeUrl(' java\tscript:alert(1)')).toBe(false);
    expect(isSafeUrl('vbscript:x')).toBe(false);
    expect(isSafeUrl('data:text/html,x')).toBe(false);
  });

  it('highlight falls back to escaped text', () => {
    expect(highlight('<i>', undefined)).toBe('&lt;i&gt;');
    expect(highlight('x = 1', 'python')).toContain('hljs-');
  });
});
