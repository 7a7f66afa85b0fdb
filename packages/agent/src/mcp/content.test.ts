import { describe, expect, it } from 'vitest';
import { toToolOutput } from './content.js';

describe('toToolOutput', () => {
  it('maps the four Bedrock image types and notes the others', () => {
    const output = toToolOutput({
      content: [
        { type: 'image', data: 'AA==', mimeType: 'image/jpeg' },
        { type: 'image', data: 'AA==', mimeType: 'image/webp' },
        { type: 'image', data: 'AA==', mimeType: 'image/bmp' },
        { type: 'audio', data: 'AA==', mimeType: 'audio/wav' },
        { type: 'resource', resource: { uri: 'mem://pic', mimeType: 'image/gif', blob: 'R0lG' } },
      ],
    });
    expect(output).toEqual({
      content: [
        { type: 'image', format: 'jpeg', source: { type: 'base64', data: 'AA==' } },
        { type: 'image', format: 'webp', source: { type: 'base64', data: 'AA==' } },
        { type: 'text', text: expect.stringContaining('image/bmp omitted') },
        { type: 'text', text: expect.stringContaining('audio/wav omitted') },
        { type: 'image', format: 'gif', source: { type: 'base64', data: 'R0lG' } },
      ],
    });
  });

  it('keeps text that is not a copy of the structured content', () => {
    expect(
      toToolOutput({
        content: [
          { type: 'text', text: 'summary' },
          { type: 'text', text: '{ "n": 1 }' },
        ],
        structuredContent: { n: 1 },
        isError: true,
      }),
    ).toEqual({
      content: [
        { type: 'text', text: 'summary' },
        { type: 'json', json: { n: 1 } },
      ],
      isError: true,
    });
  });
});
