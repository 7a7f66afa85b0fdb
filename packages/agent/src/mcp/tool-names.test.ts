import { describe, expect, it } from 'vitest';
import { namespacedToolNames } from './tool-names.js';

describe('namespacedToolNames', () => {
  it('prefixes the server and replaces characters Bedrock refuses', () => {
    expect(namespacedToolNames('git', ['status', 'log.show', 'a/b c'])).toEqual([
      'git__status',
      'git__log_show',
      'git__a_b_c',
    ]);
  });

  it('cuts long names and keeps them apart with a hash of the original name', () => {
    const long = 'x'.repeat(80);
    const [first, second] = namespacedToolNames('srv', [`${long}1`, `${long}2`]);
    expect(first).toHaveLength(64);
    expect(second).toHaveLength(64);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^srv__x+_[0-9a-f]{8}$/);
    expect(namespacedToolNames('srv', [`${long}1`])).toEqual([first]);
  });

  it('gives a name that collides once sanitised a hash suffix', () => {
    const [plain, dotted] = namespacedToolNames('srv', ['a_b', 'a.b']);
    expect(plain).toBe('srv__a_b');
    expect(dotted).toMatch(/^srv__a_b_[0-9a-f]{8}$/);
  });
});
