import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type AuthConfig, authenticate } from '../auth/index.js';
import { compileRules, loadScriptFile, type ScriptFile } from '../behaviour/script.js';
import { createCatalog } from '../catalog/index.js';
import { PromptCache } from '../conversation/usage.js';
import { EmulatorError } from '../errors/emulator-error.js';
import type { Fault } from '../faults/fault.js';
import { parseFault, parseFaultRates } from '../faults/parse-fault.js';
import { seededRandom } from '../faults/random.js';
import { Recorder } from '../record/recorder.js';
import { Replayer } from '../record/replayer.js';
import type { RuntimeContext } from '../runtime/context.js';
import { RUNTIME_HANDLERS } from '../runtime/handlers.js';
import {
  bindInput,
  matchOperation,
  unknownOperationBody,
  validateInput,
  validationMessage,
} from '../spec/index.js';
import { CONTROL_HANDLERS } from './control-handlers.js';
import { deliver } from './deliver.js';
import { createDualServer } from './dual-protocol.js';
import { readBody, type ServerRequest, type ServerResponse, writeError, writeJson } from './exchange.js';
import type { EmulatorOptions, EmulatorStats, RunningEmulator } from './options.js';
import { selfSignedCertificate } from './self-signed.js';

export const FAULT_HEADER = 'x-strata-emulator-fault';

function readScript(script: EmulatorOptions['script']): ScriptFile {
  if (script === undefined) return {};
  return typeof script === 'string' ? loadScriptFile(script) : script;
}

function headerFault(req: ServerRequest): Fault | undefined {
  const raw = req.headers[FAULT_HEADER];
  if (raw === undefined) return undefined;
  try {
    return parseFault(Array.isArray(raw) ? (raw[0] ?? '') : raw);
  } catch (error) {
    throw new EmulatorError(
      400,
      'ValidationException',
      `Header ${FAULT_HEADER}: ${(error as Error).message}`,
    );
  }
}

/** Starts the emulator; resolves once it listens. Configuration errors reject before it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const region = options.region ?? 'us-east-1';
  const script = readScript(options.script);
  const ctx: RuntimeContext = {
    region,
    catalog: createCatalog({
      region,
      ...(script.applicationInferenceProfiles
        ? { applicationInferenceProfiles: script.applicationInferenceProfiles }
        : {}),
      ...(script.deniedModels ? { deniedModels: script.deniedModels } : {}),
    }),
    rules: compileRules(script.rules),
    faultRates: options.faults ? parseFaultRates(options.faults) : [],
    random: seededRandom(options.seed ?? 1),
    cache: new PromptCache(options.minCacheTokens ?? 1024),
    wordsPerDelta: options.wordsPerDelta ?? 3,
    streamDelayMs: options.streamDelayMs ?? 0,
    sequence: { next: 1 },
  };
  const auth: AuthConfig = {
    credentials: options.credentials ?? [{ accessKeyId: 'test', secretAccessKey: 'test' }],
    anyCredentials: options.anyCredentials ?? false,
    apiKeys: options.apiKeys ?? [],
    region,
  };
  const recorder = options.record ? new Recorder(options.record.dir, options.record.upstream) : undefined;
  const replayer = options.replay ? await Replayer.load(options.replay) : undefined;
  const stats: EmulatorStats = { requests: 0, byOperation: {}, connections: 0 };
  const log = options.log;

  async function handle(req: ServerRequest, res: ServerResponse): Promise<void> {
    const startedAt = Date.now();
    const requestId = randomUUID();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q >= 0 ? url.slice(0, q) : url;
    const rawQuery = q >= 0 ? url.slice(q + 1) : '';
    const method = req.method ?? 'GET';
    let status = 200;
    stats.requests++;
    try {
      const match = matchOperation(method, rawPath);
      const body = await readBody(req);
      if (!match) {
        const unknown = unknownOperationBody();
        status = unknown.status;
        res.writeHead(unknown.status, { ...unknown.headers, 'x-amzn-requestid': requestId });
        res.end(unknown.body);
        return;
      }
      const { operation, labels } = match;
      stats.byOperation[operation.name] = (stats.byOperation[operation.name] ?? 0) + 1;
      const authRequest = { method, rawPath, rawQuery, headers: req.headers, body };
      await authenticate(authRequest, auth);
      if (replayer) {
        status = await replayer.answer(req, res, { method, rawPath, body }, requestId);
        return;
      }
      if (recorder) {
        status = await recorder.forward(
          req,
          res,
          { method, rawPath, rawQuery, headers: req.headers, body },
          operation.name,
        );
        return;
      }
      const input = bindInput(operation, {
        labels,
        query: new URLSearchParams(rawQuery),
        headers: req.headers,
        body,
      });
      const violations = validateInput(operation, input);
      if (violations.length > 0)
        throw new EmulatorError(400, 'ValidationException', validationMessage(violations));
      if (operation.service === 'control') {
        const handler = CONTROL_HANDLERS[operation.name];
        if (!handler) throw unsupported(operation.name);
        writeJson(res, 200, handler(ctx.catalog, input, new URLSearchParams(rawQuery)), {
          'x-amzn-requestid': requestId,
        });
        return;
      }
      const handler = RUNTIME_HANDLERS[operation.name];
      if (!handler) throw unsupported(operation.name);
      const fault = headerFault(req);
      const result = handler(ctx, {
        operation: operation.name,
        input,
        startedAt,
        ...(fault ? { headerFault: fault } : {}),
      });
      status = await deliver(req, res, result, requestId, ctx.streamDelayMs);
    } catch (error) {
      const known =
        error instanceof EmulatorError
          ? error
          : new EmulatorError(
              500,
              'InternalServerException',
              'The system encountered an unexpected error during processing. Try your request again.',
            );
      if (!(error instanceof EmulatorError))
        log?.(`internal error: ${(error as Error).stack ?? String(error)}`);
      status = known.status;
      if (!res.headersSent && !res.destroyed) writeError(res, known, requestId);
      else res.destroy();
    } finally {
      log?.(`${method} ${rawPath} ${status} ${Date.now() - startedAt}ms`);
    }
  }

  const certificate = options.tls ? await selfSignedCertificate(options.host ?? '127.0.0.1') : undefined;
  const { server, closeAll } = createDualServer(
    (req, res) => {
      void handle(req, res);
    },
    certificate ? { key: certificate.key, cert: certificate.cert } : undefined,
    () => {
      stats.connections++;
    },
  );
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${certificate ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    ...(certificate ? { certificate: certificate.cert } : {}),
    stats,
    resetStats() {
      stats.requests = 0;
      stats.byOperation = {};
      stats.connections = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        closeAll();
      }),
  };
}

const unsupported = (name: string) =>
  new EmulatorError(
    400,
    'ValidationException',
    `The Strata emulator does not implement the ${name} operation.`,
  );
