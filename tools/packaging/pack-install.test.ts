import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPacked, type PackResult, PUBLISHED } from './install-packed.js';

/**
 * The packages as a user gets them: every workspace is packed, the tarballs are installed offline into a
 * project of their own, and that project uses them — the library against the emulator, and the `strata`
 * binary — with nothing resolved from the monorepo.
 */

const run = promisify(execFile);
/** Each case spawns Node processes that load the whole CLI; on a busy 2-core machine that takes a while. */
const SLOW = 90_000;
const repo = resolve(import.meta.dirname, '../..');
let project: string;
let packs: PackResult[];
/** No AWS settings from the machine running the tests, and a home of its own. */
let env: NodeJS.ProcessEnv;

// Packing and an offline install of ~250 packages: about half a minute alone, longer beside the rest of the suite.
beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'strata-pack-'));
  packs = await installPacked(repo, project);
  env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(AWS_|BEDROCK_|STRATA_|DATABASE_URL$)/.test(key)),
  );
  env.HOME = project;
  env.AWS_EC2_METADATA_DISABLED = 'true';
}, 300_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

const strata = (args: string[]) =>
  run(join(project, 'node_modules', '.bin', 'strata'), args, { cwd: project, env });

describe('the packed tarballs', () => {
  it('hold the built code, READMEs, the licence and runtime data, without tests, source maps or build state', () => {
    expect(packs.map((p) => p.name).sort()).toEqual(PUBLISHED.map((dir) => `@strata/${dir}`).sort());
    for (const pack of packs) {
      expect(pack.files, pack.name).toContain('package.json');
      expect(pack.files, pack.name).toContain('README.md');
      expect(pack.files, pack.name).toContain('LICENSE');
      expect(pack.files.filter((f) => /\.test\.|test-support|\.map$|tsbuildinfo|fixtures/.test(f))).toEqual(
        [],
      );
    }
    const files = (dir: string) => packs.find((p) => p.dir === dir)!.files;
    expect(files('emulator')).toContain('specs/bedrock-runtime-2023-09-30.json');
    expect(files('web')).toContain('dist/index.html');
    expect(files('cli')).toEqual(expect.arrayContaining(['bin/strata.js', 'dist/main.js']));
    for (const dir of PUBLISHED.filter((d) => d !== 'web')) {
      expect(files(dir), dir).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts']));
    }
  });
});

describe('installed from the tarballs', { timeout: SLOW }, () => {
  it('type-checks and runs a program that chats through @strata/bedrock with @strata/emulator', async () => {
    await writeFile(
      join(project, 'consumer.ts'),
      `import { closeSharedDispatchers, createBedrock } from '@strata/bedrock';
import { startEmulator } from '@strata/emulator';

const emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
try {
  const bedrock = createBedrock({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const result = await bedrock.chat({
    model: 'claude-haiku-3',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello from a tarball' }] }],
  });
  const text = result.message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
  console.log(JSON.stringify({ text, stopReason: result.stopReason }));
} finally {
  await emulator.close();
  await closeSharedDispatchers();
}
`,
    );
    // The monorepo's compiler and Node types, but the packages' own declarations from node_modules: an
    // unresolvable `types` entry fails here (strict mode refuses the implicit any).
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [join(repo, 'node_modules', '@types')],
        },
        files: ['consumer.ts'],
      }),
    );
    await run(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], {
      cwd: project,
    });
    const { stdout } = await run(process.execPath, [join(project, 'consumer.js')], { cwd: project, env });
    expect(JSON.parse(stdout)).toEqual({ text: 'Hello from a tarball', stopReason: 'end_turn' });
  });

  it('has a strata binary with its commands', async () => {
    const { stdout } = await strata(['--help']);
    for (const command of ['chat', 'serve', 'emulator', 'models']) expect(stdout).toContain(command);
    const { stdout: version } = await strata(['--version']);
    expect(version.trim()).toBe(packs.find((p) => p.dir === 'cli')!.manifest.version);
  });

  it('answers a one-shot strata chat from the built-in emulator', async () => {
    const { stdout } = await strata(['chat', '--emulator', '--no-tools', 'hello from the installed CLI']);
    expect(stdout).toContain('hello from the installed CLI');
  });

  it('serves the web chat and /healthz with strata serve (SQLite through the copied addon)', async () => {
    const server = spawn(
      join(project, 'node_modules', '.bin', 'strata'),
      ['serve', '--emulator', '--host', '127.0.0.1', '--port', '0', '--data-dir', join(project, 'data')],
      { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await listeningUrl(server);
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true });
      const page = await fetch(`${url}/`);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toMatch(/<script[^>]+src="[^"]*assets\//);
    } finally {
      await stop(server);
    }
  });
});

/** SIGTERM, then the exit, so that the project folder is not removed under a running server. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGTERM');
  await exited;
}

/** The URL from "Strata listening on http://…", or the process's output if it exits first. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Strata listening on (http:\/\/\S+)/.exec(output);
      if (match) resolvePromise(match[1]!);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`strata serve exited (${code}):\n${output}`)));
  });
}
