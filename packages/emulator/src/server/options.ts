import type { ScriptFile } from '../behaviour/script.js';

export interface EmulatorCredential {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** The region the emulator answers as (ARNs, profiles). Default us-east-1. */
  region?: string;
  /** A script: the path of a JSON file or the document itself (rules, application profiles, denied models). */
  script?: string | ScriptFile;
  /** Seeded fault rates, e.g. `throttle=0.1,internal=0.05`. */
  faults?: string;
  /** Seed for the fault-rate draws. Default 1. */
  seed?: number;
  /** SigV4 credentials to accept. Default test/test. */
  credentials?: EmulatorCredential[];
  /** Accept any access key id (the signature must still be well formed and consistent). */
  anyCredentials?: boolean;
  /** Bedrock API keys to accept as `Authorization: Bearer`; when empty, any well-formed key. */
  apiKeys?: string[];
  /** Proxy to a real endpoint and store each exchange as a fixture in `dir`. */
  record?: { dir: string; upstream: string };
  /** Answer from fixtures stored by `record`. */
  replay?: string;
  /** Serve HTTPS (HTTP/2 and HTTP/1.1 by ALPN) with a generated self-signed certificate. */
  tls?: boolean;
  /** Words per streamed text delta. Default 3. */
  wordsPerDelta?: number;
  /** Pause between stream events, in ms. Default 0. */
  streamDelayMs?: number;
  /** Smallest prefix, in tokens, that a cache point caches. Default 1024, Claude's minimum. */
  minCacheTokens?: number;
  /** Called with one line per request (method, path, status, ms). */
  log?: (line: string) => void;
}

export interface EmulatorStats {
  /** Requests received, all operations. */
  requests: number;
  /** Requests per operation name, e.g. `{ Converse: 3 }`. */
  byOperation: Record<string, number>;
  /** TCP connections accepted: shows whether clients reuse sockets. */
  connections: number;
}

export interface RunningEmulator {
  url: string;
  port: number;
  /** PEM of the self-signed certificate when `tls` is on, for clients to trust. */
  certificate?: string;
  stats: EmulatorStats;
  /** Zeroes the request counters. */
  resetStats(): void;
  close(): Promise<void>;
}
