/**
 * A package-lock.json for a fresh project that depends on the packed @strata tarballs, cut out of the
 * monorepo's own lockfile. With it, `npm ci --offline` installs exactly the third-party versions that the
 * monorepo's `npm ci` put in the npm cache: resolving semver ranges instead would need registry metadata
 * (which may name versions published after the lockfile, and so not in the cache) — not hermetic.
 */

interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

export interface Lockfile {
  name?: string;
  version?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

export interface PackedPackage {
  name: string;
  /** Path of the tarball relative to the new project, e.g. `tarballs/strata-cli-0.1.0.tgz`. */
  tarball: string;
  integrity: string;
  /** The package's package.json, as packed. */
  manifest: LockEntry;
}

const REGISTRY = 'https://registry.npmjs.org/';

/** The tarball URL npm would record; npm swaps in the configured registry and finds it in the cache by integrity. */
function registryUrl(name: string, version: string): string {
  const base = name.startsWith('@') ? name.split('/')[1] : name;
  return `${REGISTRY}${name}/-/${base}-${version}.tgz`;
}

/** Node's lookup: `name` seen from the package installed at `from`, walking up node_modules folders. */
function resolveFrom(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
}

/** Production edges of a package: dependencies, optional ones and the peers it cannot do without. */
function runtimeDeps(entry: LockEntry): string[] {
  const peers = Object.keys(entry.peerDependencies ?? {}).filter(
    (peer) => !entry.peerDependenciesMeta?.[peer]?.optional,
  );
  return [
    ...Object.keys(entry.dependencies ?? {}),
    ...Object.keys(entry.optionalDependencies ?? {}),
    ...peers,
  ];
}

/**
 * The lockfile of a project named `projectName` whose only dependencies are `packed`: each workspace package
 * becomes its tarball, and every third-party package they reach keeps its version and integrity from
 * `monorepo`, moved from `packages/<dir>/node_modules/…` under `node_modules/@strata/<dir>/node_modules/…`.
 */
export function offlineLockfile(monorepo: Lockfile, packed: PackedPackage[], projectName: string): Lockfile {
  const source = monorepo.packages;
  const workspaceDir = new Map<string, string>();
  for (const [path, entry] of Object.entries(source)) {
    if (path.startsWith('node_modules/') && entry.link && entry.resolved)
      workspaceDir.set(path, entry.resolved);
  }
  const workspaces = new Set(workspaceDir.values());
  const targetOf = new Map<string, string>(); // monorepo path → path in the new project
  for (const { name } of packed) {
    const dir = workspaceDir.get(`node_modules/${name}`);
    if (!dir) throw new Error(`${name} is not a workspace of the monorepo lockfile`);
    targetOf.set(dir, `node_modules/${name}`);
  }
  const moved = (path: string): string => {
    for (const [dir, target] of targetOf) {
      if (path.startsWith(`${dir}/`)) return `${target}${path.slice(dir.length)}`;
    }
    return path;
  };

  const out: Record<string, LockEntry> = {
    '': {
      name: projectName,
      version: '1.0.0',
      dependencies: Object.fromEntries(packed.map((p) => [p.name, `file:${p.tarball}`])),
    },
  };
  const queue = [...targetOf.keys()];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const from = queue.shift()!;
    const entry = source[from]!;
    for (const dep of runtimeDeps(entry)) {
      const found = resolveFrom(source, from, dep);
      if (!found) {
        // An optional dependency for another platform may be absent; anything else is a broken lockfile.
        if (entry.optionalDependencies?.[dep]) continue;
        throw new Error(`${dep} (needed by ${from}) is missing from the lockfile`);
      }
      const target = source[found]?.link ? source[found].resolved! : found;
      if (seen.has(target)) continue;
      if (workspaces.has(target) && !targetOf.has(target)) {
        throw new Error(`${from} needs the workspace ${target}, which was not packed`);
      }
      seen.add(target);
      queue.push(target);
    }
  }
  for (const path of seen) {
    if (targetOf.has(path)) continue;
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = source[path]!;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    out[moved(path)] = { ...entry, resolved: entry.resolved ?? registryUrl(name, entry.version!) };
  }
  for (const p of packed) {
    const {
      name: _name,
      version,
      license,
      dependencies,
      optionalDependencies,
      peerDependencies,
    } = p.manifest;
    const bin = p.manifest.bin;
    out[`node_modules/${p.name}`] = {
      version,
      resolved: `file:${p.tarball}`,
      integrity: p.integrity,
      ...(license ? { license } : {}),
      ...(dependencies ? { dependencies } : {}),
      ...(optionalDependencies ? { optionalDependencies } : {}),
      ...(peerDependencies ? { peerDependencies } : {}),
      ...(p.manifest.peerDependenciesMeta ? { peerDependenciesMeta: p.manifest.peerDependenciesMeta } : {}),
      ...(bin ? { bin } : {}),
    };
  }
  const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  return { name: projectName, version: '1.0.0', lockfileVersion: 3, requires: true, packages: sorted };
}
