import { mkdir, symlink } from 'node:fs/promises';
import { join, sep } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TempWorkspace, tempWorkspace } from '../tools/test-support/temp-workspace.js';
import { ToolError } from '../tools/tool.js';
import { Workspace } from './workspace.js';

let ws: TempWorkspace;
beforeEach(async () => {
  ws = await tempWorkspace();
  await ws.write({ 'src/a.ts': 'export {};\n' });
});
afterEach(() => ws.cleanup());

describe('Workspace.resolve', () => {
  it('resolves relative paths, absolute paths inside and files that do not exist yet', async () => {
    expect(await ws.workspace.resolve('src/a.ts')).toBe(join(ws.root, 'src/a.ts'));
    expect(await ws.workspace.resolve(join(ws.root, 'src/a.ts'))).toBe(join(ws.root, 'src/a.ts'));
    expect(await ws.workspace.resolve('new/dir/file.txt')).toBe(join(ws.root, 'new/dir/file.txt'));
    expect(await ws.workspace.resolve('src/../src/./a.ts')).toBe(join(ws.root, 'src/a.ts'));
    expect(await ws.workspace.resolve('.')).toBe(ws.root);
  });

  it('refuses `..` out of the root', async () => {
    await expect(ws.workspace.resolve('../outside/secret.txt')).rejects.toThrow(
      /Access denied: \.\.\/outside\/secret\.txt is outside the workspace/,
    );
    await expect(ws.workspace.resolve('src/../../x')).rejects.toBeInstanceOf(ToolError);
  });

  it('refuses absolute paths outside the root, including a sibling sharing its prefix', async () => {
    await expect(ws.workspace.resolve('/etc/passwd')).rejects.toThrow(/is outside the workspace/);
    await expect(ws.workspace.resolve(`${ws.root}-other/x`)).rejects.toThrow(/is outside the workspace/);
  });

  it('refuses a symlinked file that points outside', async () => {
    await symlink(join(ws.outside, 'secret.txt'), join(ws.root, 'link.txt'));
    await expect(ws.workspace.resolve('link.txt')).rejects.toThrow(
      'Access denied: link.txt leads outside the workspace through a symbolic link.',
    );
  });

  it('refuses a symlinked directory that points outside, for existing and new files under it', async () => {
    await symlink(ws.outside, join(ws.root, 'out'));
    await expect(ws.workspace.resolve('out')).rejects.toThrow(/through a symbolic link/);
    await expect(ws.workspace.resolve('out/secret.txt')).rejects.toThrow(/through a symbolic link/);
    await expect(ws.workspace.resolve('out/new/file.txt')).rejects.toThrow(/through a symbolic link/);
  });

  it('refuses a dangling symlink whose target would be created outside', async () => {
    await symlink(join(ws.outside, 'not-yet.txt'), join(ws.root, 'dangling.txt'));
    await symlink(join(ws.outside, 'no-dir'), join(ws.root, 'dangling-dir'));
    await expect(ws.workspace.resolve('dangling.txt')).rejects.toThrow(/through a symbolic link/);
    await expect(ws.workspace.resolve('dangling-dir/file.txt')).rejects.toThrow(/through a symbolic link/);
  });

  it('allows symlinks that stay inside, and reports loops clearly', async () => {
    await symlink(join(ws.root, 'src'), join(ws.root, 'alias'));
    expect(await ws.workspace.resolve('alias/a.ts')).toBe(join(ws.root, 'src/a.ts'));
    await symlink('loop-b', join(ws.root, 'loop-a'));
    await symlink('loop-a', join(ws.root, 'loop-b'));
    await expect(ws.workspace.resolve('loop-a/x')).rejects.toThrow(/Cannot resolve loop-a\/x: ELOOP/);
  });

  it('refuses empty paths and NUL bytes', async () => {
    await expect(ws.workspace.resolve('')).rejects.toThrow('A path is required.');
    await expect(ws.workspace.resolve('a\0b')).rejects.toThrow('The path contains a NUL byte.');
  });

  it('never resolves outside the root, whatever the segments', async () => {
    await mkdir(join(ws.root, 'deep/er'), { recursive: true });
    await symlink(ws.outside, join(ws.root, 'deep/out'));
    const segment = fc.constantFrom('..', '.', 'deep', 'er', 'out', 'src', 'x', 'secret.txt', '');
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 8 }), async (segments) => {
        const path = segments.join('/');
        try {
          const real = await ws.workspace.resolve(path);
          expect(real === ws.root || real.startsWith(ws.root + sep)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ToolError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('Workspace.open', () => {
  it('fails clearly for a missing root', async () => {
    await expect(Workspace.open(join(ws.root, 'missing'))).rejects.toThrow(
      /does not exist or cannot be read/,
    );
  });

  it('gives workspace-relative paths', () => {
    expect(ws.workspace.relative(join(ws.root, 'src/a.ts'))).toBe('src/a.ts');
    expect(ws.workspace.relative(ws.root)).toBe('.');
  });
});
