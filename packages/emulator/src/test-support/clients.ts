import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { FAULT_HEADER } from '../server/emulator.js';

export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export type Transport = 'http2' | 'http1';

/** The transports the official runtime client is tested over: its default (HTTP/2) and HTTP/1.1. */
export const TRANSPORTS: Transport[] = ['http2', 'http1'];

export interface ClientOptions {
  transport?: Transport;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Sent as the emulator's fault header on every request of this client. */
  fault?: string;
  maxAttempts?: number;
}

/** The official runtime client, unmodified but for its endpoint (and HTTP/1.1 when asked). */
export function runtimeClient(endpoint: string, options: ClientOptions = {}): BedrockRuntimeClient {
  const client = new BedrockRuntimeClient({
    endpoint,
    region: 'us-east-1',
    credentials: options.credentials ?? TEST_CREDENTIALS,
    maxAttempts: options.maxAttempts ?? 1,
    ...(options.transport === 'http1' ? { requestHandler: new NodeHttpHandler() } : {}),
  });
  const fault = options.fault;
  if (fault) {
    client.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers[FAULT_HEADER] = fault;
        return next(args);
      },
      { step: 'build', name: 'strataEmulatorFault' },
    );
  }
  return client;
}

export function controlClient(endpoint: string): BedrockClient {
  return new BedrockClient({ endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
}

const decoder = new TextDecoder();

/** Reads an InvokeModel body (a Uint8Array with helpers) as JSON. */
export const jsonOf = (body: Uint8Array): Record<string, unknown> => JSON.parse(decoder.decode(body));
