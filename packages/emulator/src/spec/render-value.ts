import type { Kind, Schema } from './schema.js';

/**
 * Values as AWS quotes them in `Value '…' at '…'`: Coral prints the deserialized Java value, so lists
 * read `[a, b]` (stopSequences: "Value '[</CO, </COMPLETION>, …]' at 'inferenceConfig.stopSequences'",
 * continuedev/continue#2296), maps `{k=v, k2=v2}` (EventBridge: "Value '{de onde?=$.detail…}' at
 * 'targets.1.member.inputTransformer.inputPathsMap'") and floats like Java doubles (`2.0`). Bedrock
 * leaves out values it cannot print this way, e.g. "Value at 'toolConfig.tools' failed to satisfy
 * constraint: Member must have length greater than or equal to 1" for an empty list of tools
 * (genkit-ai/aws-bedrock-js-plugin#43): structures, unions, documents, blobs and timestamps, and
 * collections of them, render as nothing.
 */

const SCALARS = new Set<Kind>([
  'string',
  'enum',
  'boolean',
  'byte',
  'short',
  'integer',
  'long',
  'float',
  'double',
  'bigInteger',
  'bigDecimal',
  'intEnum',
]);

/** Java's `Double.toString`: `1.0`, `0.5`, `1.0E7`, `1.0E-4`. */
export function javaDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  const abs = Math.abs(n);
  if (abs === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(n);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa = '', exponent = ''] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

function scalarText(value: unknown, kind: Kind): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'number')
    return kind === 'float' || kind === 'double' || kind === 'bigDecimal' ? javaDouble(value) : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The printed form of a value of `schema`, or undefined when AWS prints none. */
export function renderValue(value: unknown, schema: Schema): string | undefined {
  if (SCALARS.has(schema.kind)) return scalarText(value, schema.kind);
  const element = schema.kind === 'list' ? schema.member : schema.kind === 'map' ? schema.value : undefined;
  if (!element || !SCALARS.has(element.schema.kind)) return undefined;
  const kind = element.schema.kind;
  if (schema.kind === 'list') {
    return Array.isArray(value)
      ? `[${value.map((item) => scalarText(item, kind) ?? '').join(', ')}]`
      : undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value).map(([key, item]) => `${key}=${scalarText(item, kind) ?? ''}`);
  return `{${entries.join(', ')}}`;
}

/** Whether values of this kind print (and so map values get one summary constraint message). */
export const isScalar = (kind: Kind): boolean => SCALARS.has(kind);
