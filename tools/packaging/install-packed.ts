import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { type Lockfile, offlineLockfile, type PackedPackage } from './offline-lockfile.js';

const run = promisify(execFile);

/** The published packages, by workspace folder, in dependency order. */
export const PUBLISHED = ['bedrock', 'emulator', 'web', 'agent', 'gateway', 'cli'] as const;

export interface PackResult extends PackedPackage {
  dir: string;
  /** Bytes of the .tgz. */
  size: number;
  files: string[];
}

/** `npm pack` of every published workspace into `dest`, from its already-built dist (no scripts run). */
export async function packWorkspaces(repo: string, dest: string): Promise<PackResult[]> {
  const workspaces = PUBLISHED.flatMap((dir) => ['--workspace', `packages/${dir}`]);
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', dest, ...workspaces],
    { cwd: repo, maxBuffer: 64 * 1024 * 1024 },
  );
  const packs = JSON.parse(stdout) as {
    name: string;
    filename: string;
    integrity: string;
    size: number;
    files: { path: string }[];
  }[];
  return Promise.all(
    packs.map(async (pack) => {
      const dir = pack.name.slice('@strata/'.length);
      return {
        name: pack.name,
        dir,
        tarball: join(dest, pack.filename),
        integrity: pack.integrity,
        size: pack.size,
        files: pack.files.map((f) => f.path),
        manifest: JSON.parse(await readFile(join(repo, 'packages', dir, 'package.json'), 'utf8')),
      };
    }),
  );
}

/**
 * A fresh project in `project` that depends on the tarballs in `project/tarballs`, installed offline from
 * the npm cache that the monorepo's `npm ci` filled.
 */
export async function installPacked(repo: string, project: string): Promise<PackResult[]> {
  const tarballs = join(project, 'tarballs');
  await mkdir(tarballs, { recursive: true });
  const packed = await packWorkspaces(repo, tarballs);
  const relative = packed.map((p) => ({ ...p, tarball: `tarballs/${p.tarball.slice(tarballs.length + 1)}` }));
  const monorepoLock = JSON.parse(await readFile(join(repo, 'package-lock.json'), 'utf8')) as Lockfile;
  const lock = offlineLockfile(monorepoLock, relative, 'strata-install-check');
  const manifest = { ...lock.packages['']!, private: true, type: 'module' };
  await writeFile(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(join(project, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  // --ignore-scripts: better-sqlite3's install script would try to download a prebuilt addon and, offline,
  // compile one from source (minutes). The monorepo's `npm ci` already built it for this Node ABI from the
  // same locked version, so the addon is copied from there instead.
  await run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: project,
    maxBuffer: 64 * 1024 * 1024,
  });
  await copySqliteAddon(repo, project);
  return relative.map((p) => ({ ...p, tarball: join(project, p.tarball) }));
}

async function copySqliteAddon(repo: string, project: string): Promise<void> {
  const locate = (from: string) =>
    dirname(createRequire(join(from, 'package.json')).resolve('better-sqlite3/package.json'));
  const built = locate(join(repo, 'packages', 'gateway'));
  const installed = locate(join(project, 'node_modules', '@strata', 'gateway'));
  const version = async (dir: string) =>
    (JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const [builtVersion, installedVersion] = await Promise.all([version(built), version(installed)]);
  if (builtVersion !== installedVersion) {
    throw new Error(`better-sqlite3 ${installedVersion} installed, but the built addon is ${builtVersion}`);
  }
  const addon = join('build', 'Release', 'better_sqlite3.node');
  await mkdir(join(installed, 'build', 'Release'), { recursive: true });
  await copyFile(join(built, addon), join(installed, addon));
}
