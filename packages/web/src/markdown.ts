import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import diff from 'highlight.js/lib/languages/diff';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { Marked } from 'marked';

/*
 * Markdown for model output. Two layers keep it safe: the renderer itself never passes raw HTML
 * through (it is shown as text) and drops links whose scheme is not http(s)/mailto, so the output is
 * safe even where no DOM exists (tests, workers); in the browser DOMPurify then sanitises the result
 * as a second line of defence.
 */

for (const [name, lang] of Object.entries({
  bash,
  diff,
  javascript,
  json,
  python,
  sql,
  typescript,
  xml,
  yaml,
})) {
  hljs.registerLanguage(name, lang);
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Links may be http(s), mailto, or scheme-less (relative, fragment); nothing else. */
export function isSafeUrl(href: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we strip.
  const url = href.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url);
  if (!scheme) return true;
  return scheme[1] === 'http' || scheme[1] === 'https' || scheme[1] === 'mailto';
}

/** Code with syntax colours when the fence names a known language; escaped text otherwise. */
export function highlight(code: string, lang: string | undefined): string {
  const name = (lang ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (name && hljs.getLanguage(name)) {
    try {
      return hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
    } catch {
      // Fall through to plain text.
    }
  }
  return escapeHtml(code);
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    code({ text, lang }) {
      const name = (lang ?? '').trim().split(/\s+/)[0] ?? '';
      const label = name ? ` data-lang="${escapeHtml(name)}"` : '';
      const cls = name ? ` class="hljs language-${escapeHtml(name)}"` : ' class="hljs"';
      return `<pre${label}><code${cls}>${highlight(text.replace(/\n$/, ''), name)}</code></pre>\n`;
    },
    link({ href, title, tokens }) {
      const inner = this.parser.parseInline(tokens);
      if (!isSafeUrl(href)) return inner;
      const t = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href)}"${t} target="_blank" rel="noopener noreferrer">${inner}</a>`;
    },
    // Images in model output are not loaded (no requests to hosts the model names): shown as links.
    image({ href, text }) {
      const label = escapeHtml(text || 'image');
      if (!isSafeUrl(href) || href.startsWith('data:')) return `[${label}]`;
      return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">[image: ${label}]</a>`;
    },
  },
});

let purifyConfigured = false;

function purify(html: string): string {
  if (typeof window === 'undefined' || !DOMPurify.isSupported) return html;
  if (!purifyConfigured) {
    purifyConfigured = true;
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && node.getAttribute('target') === '_blank') {
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
  }
  return DOMPurify.sanitize(html, { ADD_ATTR: ['target'] });
}

/** Markdown to sanitised HTML. */
export function renderMarkdown(text: string): string {
  const html = marked.parse(text) as string;
  return purify(html);
}
