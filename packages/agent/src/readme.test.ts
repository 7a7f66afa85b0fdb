import { describe, expect, it } from 'vitest';
import { readmeHarness, tsExamples } from '../../../tools/test-support/readme-examples.js';

/** The README's example, run against the emulator as a reader would run it (in a scratch workspace). */
const example = tsExamples(new URL('../README.md', import.meta.url)).find((code) =>
  code.includes('runAgent({'),
);

const readme = readmeHarness({
  rules: [
    {
      match: { lastUserText: 'Fix the failing test', hasToolResult: false },
      reply: { toolCalls: [{ name: 'get_weather', input: { city: 'Lisbon' } }] },
    },
    { match: { lastToolResult: '([\\s\\S]*)' }, reply: { text: 'Weather checked: $1' } },
  ],
});

describe('README example', () => {
  it('runs a tool loop and reports the run', async () => {
    expect(example).toBeDefined();
    const printed = await readme.run('example', example ?? '', {
      "'@strata/agent'": `'${new URL('./index.ts', import.meta.url).pathname}'`,
      "'@strata/bedrock'": `'${new URL('../../bedrock/src/index.ts', import.meta.url).pathname}'`,
      'process.cwd()': JSON.stringify(readme.dir),
    });
    const lines = printed.map((args) => args.map(String).join(' '));
    expect(lines.some((l) => l.includes('get_weather'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^\nend_turn after 2 calls, \$0\.\d{4}$/);
  });
});
