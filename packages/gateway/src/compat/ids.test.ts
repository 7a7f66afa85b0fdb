import { describe, expect, it } from 'vitest';
import { randomId } from './ids.js';

describe('randomId', () => {
  it('gives distinct URL-safe ids with the prefix, across refills of its pool', () => {
    const ids = Array.from({ length: 1000 }, () => randomId('chatcmpl-'));
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^chatcmpl-[A-Za-z0-9_-]{24}$/);
  });
});
