import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { HeadTail } from './head-tail.js';
import { type JsonSchema, validateInput } from './input-schema.js';
import { DEFAULT_OUTPUT_CAP } from './output-cap.js';
import type { AgentTool, ToolOutput } from './tool.js';
import { ToolError } from './tool.js';

const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_TIMEOUT_MS = 600_000;
/** How long a process group gets to exit after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 2000;
const FALLBACK_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface BashToolOptions {
  /** Default timeout when the call gives none (120 000 ms; calls may ask for up to 600 000). */
  timeoutMs?: number;
  /** Characters of combined output kept, head and tail (default 30 000). */
  outputCap?: number;
}

interface BashInput {
  command: string;
  timeout_ms?: number;
}

let shell: string | undefined;
/** bash when the system has it (most scripts models write assume it), else POSIX sh. */
function shellPath(): string {
  if (shell === undefined) {
    try {
      accessSync('/bin/bash', constants.X_OK);
      shell = '/bin/bash';
    } catch {
      shell = '/bin/sh';
    }
  }
  return shell;
}

/**
 * Only what commands need to behave normally. Nothing else from the parent is passed on, so
 * credentials (AWS_*, tokens, keys) in the agent's environment never reach a command the model wrote.
 */
const cleanEnv = (home: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH || FALLBACK_PATH,
  LANG: process.env.LANG || 'C.UTF-8',
  TERM: 'dumb',
  HOME: home,
});

/** Signals a whole process group; a group that is already gone is fine. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: every process in the group has exited.
  }
}

/** Bash: one shell command in the workspace, bounded in time and output. */
export function bashTool(options: BashToolOptions = {}): AgentTool {
  const defaultTimeout = Math.min(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS);
  const cap = options.outputCap ?? DEFAULT_OUTPUT_CAP;
  const inputSchema = {
    type: 'object',
    properties: {
      command: { type: 'string', minLength: 1, description: 'The command line, run with bash -c.' },
      timeout_ms: {
        type: 'integer',
        minimum: 100,
        maximum: MAX_TIMEOUT_MS,
        description: `Milliseconds before the command is killed (default ${defaultTimeout}, at most ${MAX_TIMEOUT_MS}).`,
      },
    },
    required: ['command'],
    additionalProperties: false,
  } satisfies JsonSchema;

  return {
    name: 'Bash',
    description: [
      'Runs a shell command with `bash -c` (or `sh -c` where bash is missing) and returns its combined stdout and stderr and its exit code; a non-zero exit code is reported as an error.',
      'The working directory is the workspace root. Each call starts a fresh shell: cd, variables and background processes do not carry over, and any process the command leaves running is stopped when the call ends.',
      `The environment is minimal (PATH, LANG, TERM=dumb, HOME=the workspace root) and stdin is empty, so interactive commands get end-of-file instead of waiting for input.`,
      `The command is killed after timeout_ms (default ${defaultTimeout / 1000} s, at most ${MAX_TIMEOUT_MS / 1000} s).`,
      `Output beyond ${cap} characters is cut in the middle, keeping the start and the end.`,
      'Prefer Read, Grep, Glob, Edit and Write for files: they are confined to the workspace, while a command can reach anything the user running the agent can.',
    ].join(' '),
    inputSchema,
    dangerous: true,
    async execute(input, context) {
      const { command, timeout_ms: timeout = defaultTimeout } = validateInput<BashInput>(
        'Bash',
        inputSchema,
        input,
      );
      if (context.signal.aborted) throw new ToolError('Aborted before the command started.');
      return run(command, { cwd: context.workspace.root, timeout, cap, signal: context.signal });
    },
  };
}

interface RunOptions {
  cwd: string;
  timeout: number;
  cap: number;
  signal: AbortSignal;
}

function run(command: string, { cwd, timeout, cap, signal }: RunOptions): Promise<ToolOutput> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    // detached puts the shell in a new process group, so one kill reaches everything it started.
    const child = spawn(shellPath(), ['-c', command], {
      cwd,
      env: cleanEnv(cwd),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const output = new HeadTail(cap);
    for (const stream of [child.stdout, child.stderr]) {
      const decoder = new StringDecoder('utf8');
      stream.on('data', (chunk: Buffer) => output.push(decoder.write(chunk)));
      stream.on('end', () => output.push(decoder.end()));
    }

    let stopped: 'timeout' | 'aborted' | undefined;
    let terminating = false;
    const terminate = () => {
      if (terminating || child.pid === undefined) return;
      terminating = true;
      const pid = child.pid;
      signalGroup(pid, 'SIGTERM');
      // Not cleared on close: a process that ignores SIGTERM may have let go of the pipes and live on.
      setTimeout(() => signalGroup(pid, 'SIGKILL'), KILL_GRACE_MS).unref();
    };
    const timer = setTimeout(() => {
      stopped ??= 'timeout';
      terminate();
    }, timeout);
    const onAbort = () => {
      stopped ??= 'aborted';
      terminate();
    };
    signal.addEventListener('abort', onAbort, { once: true });

    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    // The shell is done; whatever it left in the background is stopped so nothing outlives the call.
    child.on('exit', (code, exitSignal) => {
      exit = { code, signal: exitSignal };
      terminate();
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      reject(new ToolError(`Could not start ${shellPath()}: ${error.message}`));
    });
    child.on('close', () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      // The final newline most output ends with carries nothing; the status line follows a blank line.
      const text = output.text().replace(/\n+$/, '') || '(no output)';
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const error = (note: string): ToolOutput => ({
        content: [{ type: 'text', text: `${text}\n\n${note}` }],
        isError: true,
      });
      if (stopped === 'timeout') {
        resolve(error(`Timed out after ${timeout} ms; the command and its child processes were killed.`));
      } else if (stopped === 'aborted') {
        resolve(error(`Aborted after ${seconds} s; the command and its child processes were killed.`));
      } else if (exit?.code === 0) {
        resolve(`${text}\n\nExit code: 0`);
      } else if (exit?.code != null) {
        resolve(error(`Exit code: ${exit.code}`));
      } else {
        resolve(error(`Killed by ${exit?.signal ?? 'a signal'}.`));
      }
    });
  });
}
