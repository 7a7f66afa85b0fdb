import { readFileSync } from 'node:fs';
import { type SmithyModel, type SmithyShape, shapeName, T } from './smithy-json.js';

export type ServiceName = 'runtime' | 'control';

export interface Operation {
  /** Short name, e.g. `Converse`. */
  name: string;
  service: ServiceName;
  method: string;
  /** The Smithy `http` trait's uri, e.g. `/model/{modelId}/converse`. */
  uri: string;
  /** Shape ids, e.g. `com.amazonaws.bedrockruntime#ConverseRequest`. */
  input?: string;
  output?: string;
  /** Error shape names as they appear in `x-amzn-ErrorType`, e.g. `ValidationException`. */
  errors: string[];
}

interface LoadedModels {
  /** Every shape of both models; ids are namespaced, so they never clash. */
  shapes: Map<string, SmithyShape>;
  operations: Operation[];
  /** httpError status by error shape name and by full shape id. */
  errorStatus: Map<string, number>;
}

/** Runtime first: where both services define something under one name, the runtime one wins. */
const SOURCES: readonly { service: ServiceName; file: string }[] = [
  { service: 'runtime', file: 'bedrock-runtime-2023-09-30.json' },
  { service: 'control', file: 'bedrock-2023-04-20.json' },
];

let loaded: LoadedModels | undefined;

function readModel(file: string): SmithyModel {
  // src/spec and dist/spec are both two levels below the package root, where specs/ lives.
  const url = new URL(`../../specs/${file}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as SmithyModel;
}

function load(): LoadedModels {
  const shapes = new Map<string, SmithyShape>();
  const operations: Operation[] = [];
  const errorStatus = new Map<string, number>();
  for (const { service, file } of SOURCES) {
    for (const [id, shape] of Object.entries(readModel(file).shapes)) {
      shapes.set(id, shape);
      const status = shape.traits?.[T.httpError];
      if (typeof status === 'number') {
        errorStatus.set(id, status);
        if (!errorStatus.has(shapeName(id))) errorStatus.set(shapeName(id), status);
      }
      const http = shape.traits?.[T.http] as { method: string; uri: string } | undefined;
      if (shape.type !== 'operation' || !http) continue;
      operations.push({
        name: shapeName(id),
        service,
        method: http.method.toUpperCase(),
        uri: http.uri,
        ...(shape.input ? { input: shape.input.target } : {}),
        ...(shape.output ? { output: shape.output.target } : {}),
        errors: (shape.errors ?? []).map((ref) => shapeName(ref.target)),
      });
    }
  }
  return { shapes, operations, errorStatus };
}

/** Both models, read on first use and kept. */
export function models(): LoadedModels {
  loaded ??= load();
  return loaded;
}

/** Every operation of both services that has an HTTP binding, runtime ones first. */
export function operations(): Operation[] {
  return models().operations;
}

/** The `httpError` status of an error shape, by name (`ThrottlingException`) or full shape id. */
export function errorStatus(shapeName: string): number | undefined {
  return models().errorStatus.get(shapeName);
}
