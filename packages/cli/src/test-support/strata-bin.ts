import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The built binary, as `npx strata` runs it (npm test builds first). */
export const BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/**
 * An environment that shares nothing with this machine's: PATH, the given HOME, no instance-metadata
 * lookups (no AWS credentials found by accident), then `env`.
 */
export const isolatedEnv = (home: string, env: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH ?? '',
  HOME: home,
  AWS_EC2_METADATA_DISABLED: 'true',
  ...env,
});

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

export function startStrata(args: string[], { env, cwd }: RunOptions): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { env, ...(cwd !== undefined ? { cwd } : {}) });
}

/** Feeds `input` on stdin (a pipe, not a TTY), then collects the output until the process exits. */
export async function outputOf(
  child: ChildProcessWithoutNullStreams,
  input = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  child.stdin.end(input);
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** Runs the binary to its exit. */
export const runStrata = (args: string[], options: RunOptions & { input?: string }) =>
  outputOf(startStrata(args, options), options.input);
