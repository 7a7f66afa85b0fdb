import type { Member } from './schema.js';

/**
 * One model constraint of a member: `test` gives AWS's description of the constraint when `value`
 * breaks it. Values of a type the constraint does not apply to pass: the JSON reader has already
 * rejected them, and validation must not throw on whatever it is handed.
 */
export interface Constraint {
  readonly description: string;
  readonly broken: (value: unknown) => boolean;
}

/** Unicode code points, the unit of Smithy's string `length` (surrogate pairs count once). */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** Bytes a padded base64 string decodes to. */
const base64Bytes = (text: string): number =>
  (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);

/** The `length` of a value: code points, items, entries or bytes; undefined when it has none. */
function lengthOf(member: Member, value: unknown): number | undefined {
  switch (member.schema.kind) {
    case 'string':
    case 'enum':
      return typeof value === 'string' ? codePoints(value) : undefined;
    case 'list':
      return Array.isArray(value) ? value.length : undefined;
    case 'map':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.keys(value).length
        : undefined;
    case 'blob':
      // A payload blob arrives as a Buffer, a blob inside a JSON body as its base64 text.
      if (Buffer.isBuffer(value)) return value.length;
      return typeof value === 'string' ? base64Bytes(value) : undefined;
    default:
      return undefined;
  }
}

/**
 * Coral checks patterns with Java's `matches`, i.e. against the whole value; the published Smithy
 * patterns mostly carry `^…$` for the same effect, and a few control-plane ones carry none.
 */
function compilePattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

/**
 * The pattern as AWS prints it: Coral's own, without the `^…$` the Smithy export wrapped it in
 * (ToolName is `^[a-zA-Z0-9_-]+$` in the model and "pattern: [a-zA-Z0-9_-]+" in Bedrock's messages,
 * fixtures/bedrock/vercel-ai/bedrock-invalid-tool-name-validation-error.json).
 */
export function printedPattern(pattern: string): string {
  const wrapped =
    pattern.length >= 2 && pattern.startsWith('^') && pattern.endsWith('$') && !pattern.endsWith('\\$');
  return wrapped ? pattern.slice(1, -1) : pattern;
}

/**
 * A member's constraints, in the order AWS lists them when it summarises a map's keys or values:
 * "Map keys must satisfy constraint: [Member must have length less than or equal to 256, Member must
 * have length greater than or equal to 1, Member must satisfy regular expression pattern: …]".
 */
export function constraintsOf(member: Member): Constraint[] {
  const out: Constraint[] = [];
  const { length, range, pattern } = member;
  const { kind, enumValues } = member.schema;
  if (length?.max !== undefined) {
    const max = length.max;
    out.push({
      description: `Member must have length less than or equal to ${max}`,
      broken: (value) => (lengthOf(member, value) ?? 0) > max,
    });
  }
  if (length?.min !== undefined) {
    const min = length.min;
    out.push({
      description: `Member must have length greater than or equal to ${min}`,
      broken: (value) => (lengthOf(member, value) ?? min) < min,
    });
  }
  if (pattern !== undefined && (kind === 'string' || kind === 'enum')) {
    const regex = compilePattern(pattern);
    out.push({
      description: `Member must satisfy regular expression pattern: ${printedPattern(pattern)}`,
      broken: (value) => typeof value === 'string' && !regex.test(value),
    });
  }
  if (range?.max !== undefined) {
    const max = range.max;
    out.push({
      description: `Member must have value less than or equal to ${max}`,
      broken: (value) => typeof value === 'number' && value > max,
    });
  }
  if (range?.min !== undefined) {
    const min = range.min;
    out.push({
      description: `Member must have value greater than or equal to ${min}`,
      broken: (value) => typeof value === 'number' && value < min,
    });
  }
  if (enumValues) {
    const allowed = new Set<unknown>(enumValues);
    out.push({
      description: `Member must satisfy enum value set: [${enumValues.join(', ')}]`,
      broken: (value) => (typeof value === 'string' || typeof value === 'number') && !allowed.has(value),
    });
  }
  return out;
}
