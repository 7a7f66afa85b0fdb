import { describe, expect, it } from 'vitest';
import { editDistance, looksLikeTypoOfKnownId, suggestModels } from './suggest.js';

describe('suggestModels', () => {
  it('puts the closest alias first, one name per model, at most five', () => {
    const suggestions = suggestModels('claude-sonet-3.5');
    expect(suggestions[0]).toBe('claude-sonnet-3.5');
    expect(suggestions.length).toBeLessThanOrEqual(5);
    expect(suggestions).toContain('claude-sonnet-3.7');
  });

  it('matches by shared tokens when the spelling is far off', () => {
    expect(suggestModels('sonnet-claude-3.7')).toContain('claude-sonnet-3.7');
  });

  it('suggests nothing for names unlike any model', () => {
    expect(suggestModels('gpt-4o')).toEqual([]);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('sonet', 'sonnet')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('looksLikeTypoOfKnownId', () => {
  it('flags misspellings of known IDs but not new models whose numbers differ', () => {
    expect(looksLikeTypoOfKnownId('anthropic.claude-3-7-sonet-20250219-v1:0')).toBe(true);
    expect(looksLikeTypoOfKnownId('amazon.nova-2-lite-v1:0')).toBe(false);
    expect(looksLikeTypoOfKnownId('amazon.nova-pro-v2:0')).toBe(false);
    expect(looksLikeTypoOfKnownId('anthropic.claude-sonnet-4-6')).toBe(false);
  });
});
