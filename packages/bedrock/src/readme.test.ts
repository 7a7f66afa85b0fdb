import { describe, expect, it } from 'vitest';
import { readmeHarness, tsExamples } from '../../../tools/test-support/readme-examples.js';

/** The README's TypeScript examples, run against the emulator exactly as a reader would run them. */
const examples = tsExamples(new URL('../README.md', import.meta.url)).filter((code) =>
  code.includes('@strata/bedrock'),
);
const INDEX = new URL('./index.ts', import.meta.url).pathname;

const readme = readmeHarness({
  rules: [
    {
      match: { lastUserText: 'weather in (\\w+)', hasToolResult: false },
      reply: { toolCalls: [{ name: 'get_weather', input: { city: '$1' } }] },
    },
    { match: { hasToolResult: true }, reply: { text: 'It is clear and 21°C in Paris.' } },
  ],
});

describe('README examples', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples.map((code, i) => [i + 1, code] as const))(
    'example %i runs and prints',
    async (i, code) => {
      const printed = await readme.run(`example-${i}`, code, { "'@strata/bedrock'": `'${INDEX}'` });
      expect(printed.length).toBeGreaterThan(0);
    },
  );
});
