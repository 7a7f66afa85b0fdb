import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isDockerIgnored } from './dockerignore.js';
import { PUBLISHED } from './install-packed.js';

/**
 * There is no Docker here, so the image is not built in the tests; these check that the Dockerfile and the
 * compose file name things that exist and settings that the `strata` command really reads.
 */

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(repo, path), 'utf8');
const dockerfile = read('Dockerfile');
const dockerignore = read('.dockerignore');
const compose = read('docker-compose.yml');

/** Dockerfile instructions, continuation lines joined, comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const runtimeStage = instructions.slice(instructions.findIndex((line) => / AS runtime$/.test(line)));
const jsonArgs = (keyword: string) =>
  JSON.parse(runtimeStage.find((line) => line.startsWith(`${keyword} `))!.slice(keyword.length)) as string[];

/** `KEY=value` pairs of the runtime stage's ENV lines, but PATH (which extends the base image's). */
const { PATH: _path, ...imageEnv } = Object.fromEntries(
  runtimeStage
    .filter((line) => line.startsWith('ENV '))
    .flatMap((line) => [...line.matchAll(/([A-Z_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])),
);

/** The gateway service's `environment:` list, as [name, value?] with `${VAR:-default}` taking the default. */
const gatewayEnv = (() => {
  const block = compose.slice(compose.indexOf('\n  gateway:'), compose.indexOf('\n  postgres:'));
  const list = block.slice(block.indexOf('environment:'), block.indexOf('volumes:'));
  return [...list.matchAll(/^\s+- ([A-Z_]+)(?:=(.*))?$/gm)].map(
    (m) => [m[1]!, m[2]?.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')] as const,
  );
})();

describe('the Dockerfile', () => {
  it('copies every workspace manifest before npm ci, from paths the build context keeps', () => {
    const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
    const sources = instructions
      .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
      .flatMap((line) => line.split(/\s+/).slice(1, -1));
    for (const workspace of workspaces) expect(sources).toContain(`${workspace}/package.json`);
    for (const source of sources) {
      expect(existsSync(join(repo, source)), source).toBe(true);
      expect(isDockerIgnored(dockerignore, source), source).toBe(false);
    }
  });

  it('builds from a context that has the sources and leaves out builds, dependencies and secrets', () => {
    const kept = [
      'packages/web/index.html',
      'packages/web/vite.config.ts',
      'packages/emulator/specs/README.md',
    ];
    for (const dir of PUBLISHED) kept.push(`packages/${dir}/README.md`, `packages/${dir}/package.json`);
    for (const dir of PUBLISHED.filter((d) => d !== 'web')) kept.push(`packages/${dir}/src/index.ts`);
    for (const path of kept) expect(isDockerIgnored(dockerignore, path), path).toBe(false);
    const left = [
      'node_modules/x',
      'packages/gateway/dist/index.js',
      'packages/agent/node_modules/x',
      '.env',
    ];
    for (const path of [...left, 'bench/run.mjs', '.git/HEAD']) {
      expect(isDockerIgnored(dockerignore, path), path).toBe(true);
    }
  });

  it('puts every published package in the image and starts the strata binary as a non-root user', () => {
    const loop = /for dir in ([a-z ]+); do/.exec(dockerfile)?.[1]?.split(' ');
    expect(loop?.sort()).toEqual([...PUBLISHED].sort());
    const cli = JSON.parse(read('packages/cli/package.json')) as { bin: { strata: string } };
    const workdir = runtimeStage.find((line) => line.startsWith('WORKDIR '))!.slice('WORKDIR '.length);
    expect(jsonArgs('ENTRYPOINT')).toEqual(['node', posix.join(workdir, 'packages/cli', cli.bin.strata)]);
    expect(jsonArgs('CMD')).toEqual(['serve']);
    expect(runtimeStage).toContain('USER node');
    const healthcheck = runtimeStage.find((line) => line.startsWith('HEALTHCHECK '))!;
    expect(JSON.parse(healthcheck.slice(healthcheck.indexOf(' CMD ') + 5))[0]).toBe('node');
    expect(healthcheck).toContain('/healthz');
  });
});

describe('docker-compose.yml', () => {
  it('passes the AWS settings through only when set, and mounts ~/.aws read-only into the user’s home', () => {
    const passthrough = gatewayEnv.filter(([, value]) => value === undefined).map(([name]) => name);
    expect(passthrough).toEqual(
      expect.arrayContaining([
        'AWS_REGION',
        'AWS_PROFILE',
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_SESSION_TOKEN',
        'AWS_BEARER_TOKEN_BEDROCK',
        'BEDROCK_MODEL_ARNS',
      ]),
    );
    expect(compose).toMatch(/^\s+- \$\{HOME\}\/\.aws:\/home\/node\/\.aws:ro$/m);
  });

  it('gives strata serve the settings it reads: all interfaces, the port, volumes and PostgreSQL', async () => {
    const values = Object.fromEntries(gatewayEnv.filter(([, value]) => value !== undefined));
    // The repository's own built CLI, with nothing but the image's and the compose file's variables (and a
    // home and working directory without config.json or .env).
    const home = await mkdtemp(join(tmpdir(), 'strata-docker-env-'));
    try {
      const { stdout } = await run(
        process.execPath,
        [join(repo, 'packages/cli/dist/main.js'), 'config', 'list', '--json'],
        { cwd: home, env: { PATH: process.env.PATH, HOME: home, ...imageEnv, ...values } },
      );
      const settings = JSON.parse(stdout) as { key: string; value: unknown; variable?: string }[];
      const setting = (key: string) => settings.find((s) => s.key === key);
      expect(setting('host')).toMatchObject({ value: '0.0.0.0', variable: 'STRATA_HOST' });
      expect(setting('port')).toMatchObject({ value: 8080, variable: 'STRATA_PORT' });
      expect(setting('data-dir')).toMatchObject({ value: '/data', variable: 'STRATA_DATA_DIR' });
      expect(setting('workspace')).toMatchObject({ value: '/workspace', variable: 'STRATA_WORKSPACE' });
      expect(setting('database')).toMatchObject({ variable: 'DATABASE_URL' });
      expect(values.DATABASE_URL).toMatch(/^postgres:\/\/strata:strata@postgres:5432\/strata$/);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
