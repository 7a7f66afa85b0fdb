import { describe, expect, it } from 'vitest';
import type { ContentBlock, DocumentBlock, ImageBlock } from '../types/content.js';
import { sanitizeDocumentName } from './media-limits.js';
import {
  assistant,
  chat,
  codes,
  lookupTool,
  repair,
  strictError,
  text,
  toolUse,
  user,
} from './test-support/fixtures.js';
import { pngHeader } from './test-support/images.js';

const image = (data: Uint8Array = pngHeader(10, 10)): ImageBlock => ({
  type: 'image',
  format: 'png',
  source: { type: 'bytes', data },
});
const doc = (name: string, size = 10): DocumentBlock => ({
  type: 'document',
  format: 'txt',
  name,
  source: { type: 'bytes', data: new Uint8Array(size) },
});

describe('media limits', () => {
  it('rejects an image over 3.75 MB even in repair mode', () => {
    const big = new Uint8Array(3_750_001);
    big.set(pngHeader(10, 10));
    const request = chat([user(image(big), text('what is this?'))]);
    expect(() => repair(request)).toThrow(/3\.75 MB/);
    expect(strictError(request).path).toBe('messages.0.content.0');
  });

  it('measures base64 images without decoding them', () => {
    const data = Buffer.alloc(3_800_000).toString('base64');
    const request = chat([
      user({ type: 'image', format: 'png', source: { type: 'base64', data } }, text('?')),
    ]);
    expect(strictError(request).message).toMatch(/3\.80 MB/);
  });

  it('rejects an image wider than 8000 px, also inside a tool result', () => {
    const result = { type: 'tool-result' as const, toolUseId: 'a', content: [image(pngHeader(8001, 100))] };
    const request = chat([user(text('q')), assistant(toolUse('a')), user(result)], { tools: [lookupTool] });
    const error = strictError(request);
    expect(error.path).toBe('messages.2.content.0.content.0');
    expect(error.message).toMatch(/8001 × 100 px/);
    expect(() => repair(request)).toThrow(/8000 px/);
  });

  it('rejects a document over 4.5 MB', () => {
    expect(strictError(chat([user(doc('big', 4_500_001), text('summarise'))])).message).toMatch(/4\.50 MB/);
  });

  it('replaces the oldest images beyond 20 with a note', () => {
    const images: ContentBlock[] = Array.from({ length: 22 }, () => image());
    const { request, diagnostics } = repair(chat([user(...images, text('compare them'))]));
    const content = request.messages[0]?.content ?? [];
    expect(content.slice(0, 2)).toEqual([
      text('[image omitted: at most 20 images per request]'),
      text('[image omitted: at most 20 images per request]'),
    ]);
    expect(content.filter((block) => block.type === 'image')).toHaveLength(20);
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['too-many-images', 'messages.0.content.0'],
      ['too-many-images', 'messages.0.content.1'],
    ]);
  });

  it('strict mode reports too many documents', () => {
    const docs = Array.from({ length: 6 }, (_, i) => doc(`d${i}`));
    expect(strictError(chat([user(...docs, text('read'))])).path).toBe('messages.0.content.0');
  });

  it('removes media from an assistant turn', () => {
    const { request, diagnostics } = repair(
      chat([user(text('q')), assistant(text('look'), image()), user(text('ok'))]),
    );
    expect(request.messages[1]).toEqual(assistant(text('look')));
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'media-in-assistant-removed', path: 'messages.1.content.1' }),
    ]);
  });

  it('renames a document whose name Bedrock rejects', () => {
    const { request, diagnostics } = repair(chat([user(doc("John's report.txt"), text('summarise'))]));
    expect(request.messages[0]?.content[0]).toMatchObject({ name: 'John-s report-txt' });
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'document-name-sanitized', path: 'messages.0.content.0.name' }),
    ]);
  });

  it('strict mode reports the document name', () => {
    expect(strictError(chat([user(doc('a&b'), text('read'))])).path).toBe('messages.0.content.0.name');
  });

  it('adds a text block beside a document that has none', () => {
    const { request, diagnostics } = repair(chat([user(doc('Q3 report'))]));
    expect(request.messages[0]?.content[1]).toEqual(text('Attached document: Q3 report'));
    expect(codes(diagnostics)).toEqual(['document-without-text']);
  });
});

describe('sanitizeDocumentName', () => {
  it.each([
    ["John's report", 'John-s report'],
    ['invoice #123', 'invoice -123'],
    ['résumé', 'resume'],
    ['Report -  Final', 'Report - Final'],
    ['a\tb', 'a b'],
    ['분기보고서', 'document-1'],
    ['', 'document-1'],
    ['Q3 (draft) [v2]', 'Q3 (draft) [v2]'],
  ])('%j becomes %j', (name, expected) => {
    expect(sanitizeDocumentName(name, 1)).toBe(expected);
  });

  it('keeps at most 200 characters', () => {
    expect(sanitizeDocumentName('a'.repeat(250), 1)).toHaveLength(200);
  });
});
