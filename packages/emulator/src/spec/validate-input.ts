import { type Constraint, constraintsOf } from './constraints.js';
import type { Operation } from './load-models.js';
import { isScalar, renderValue } from './render-value.js';
import { type Member, type Schema, schemaOf } from './schema.js';

/**
 * Checks a bound input against the model's constraints and reports every violation as AWS words it:
 * `Value '<value>' at '<path>' failed to satisfy constraint: <constraint>`. Paths name members and
 * number list items from 1 with `.member` after the index ("Value 'system' at 'messages.1.member.role'
 * failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]",
 * continuedev/continue#1938; "… at 'messages.2.member.content.1.member.toolUse.name' …" in
 * fixtures/bedrock/vercel-ai/bedrock-invalid-tool-name-validation-error.json); map values sit at
 * `<path>.<key>.member`. A missing required member is "Value null at '<path>' … Member must not be null".
 *
 * Checkers are compiled once per shape; a request walks closures, not the JSON model.
 */

type Check = (value: unknown, path: string, redact: boolean, out: string[]) => void;

/**
 * Sensitive values are left out ("Value at 'password' failed to satisfy constraint", Cognito), and so
 * is everything inside a sensitive shape: Bedrock says "Value at 'messages.X.member.content.Y.member.
 * reasoningContent.reasoningText.text' failed to satisfy constraint: Member must not be null" where the
 * model marks ReasoningContentBlock sensitive (danny-avila/LibreChat#13888). Bedrock also hides tool use
 * names, which the published model does not mark: "Value at 'messages.73.member.content.2.member.toolUse.
 * name' failed to satisfy constraint: Member must have length less than or equal to 64"
 * (openclaw/openclaw#12892, and the vercel-ai fixture above), while tool spec names show
 * ("Value 'Complete Session' at 'toolConfig.tools.22.member.toolSpec.name'", aws-samples/remote-swe-agents#457).
 */
const SENSITIVE_BEYOND_MODEL = new Set(['com.amazonaws.bedrockruntime#ToolUseBlock']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const own = (object: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(object, key) ? object[key] : undefined;

/** `Value 'x'`, `Value null`, or a bare `Value` when the value is hidden or unprintable. */
function subject(value: unknown, schema: Schema, redact: boolean): string {
  if (redact) return 'Value';
  if (value === undefined || value === null) return 'Value null';
  const shown = renderValue(value, schema);
  return shown === undefined ? 'Value' : `Value '${shown}'`;
}

function violation(
  path: string,
  value: unknown,
  schema: Schema,
  redact: boolean,
  constraint: string,
): string {
  return `${subject(value, schema, redact)} at '${path}' failed to satisfy constraint: ${constraint}`;
}

const checks = new Map<Schema, Check>();

function memberCheck(member: Member): Check {
  const { schema, required } = member;
  const sensitive = member.sensitive || SENSITIVE_BEYOND_MODEL.has(schema.id);
  const constraints = constraintsOf(member);
  // Event streams are not request data to validate.
  const children = schema.streaming ? undefined : schemaCheck(schema);
  return (value, path, redact, out) => {
    const hidden = redact || sensitive;
    if (value === undefined || value === null) {
      if (required) out.push(violation(path, value, schema, hidden, 'Member must not be null'));
      return;
    }
    for (let i = 0; i < constraints.length; i++) {
      const constraint = constraints[i]!;
      if (constraint.broken(value)) out.push(violation(path, value, schema, hidden, constraint.description));
    }
    children?.(value, path, hidden, out);
  };
}

function structureCheck(members: readonly Member[]): Check {
  const names = members.map((m) => m.name);
  const required = members.map((m) => m.required);
  const fieldChecks = members.map(memberCheck);
  return (value, path, redact, out) => {
    if (!isObject(value)) return;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const field = own(value, name);
      // Most members are absent: skip them before paying for their path.
      if ((field === undefined || field === null) && !required[i]) continue;
      fieldChecks[i]!(field, path ? `${path}.${name}` : name, redact, out);
    }
  };
}

/** A union holds one member (the JSON reader saw to that), so walk its keys, not all its members. */
function unionCheck(members: readonly Member[]): Check {
  const byName = new Map(members.map((m) => [m.name, memberCheck(m)] as const));
  return (value, path, redact, out) => {
    if (!isObject(value)) return;
    for (const key of Object.keys(value))
      byName.get(key)?.(value[key], path ? `${path}.${key}` : key, redact, out);
  };
}

function listCheck(element: Member): Check {
  const check = memberCheck(element);
  return (value, path, redact, out) => {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) check(value[i], `${path}.${i + 1}.member`, redact, out);
  };
}

/** Whether any entry breaks any of `constraints`; AWS then reports the map once, listing them all. */
const anyBroken = (items: readonly unknown[], constraints: readonly Constraint[]): boolean =>
  items.some((item) => item !== null && constraints.some((c) => c.broken(item)));

const summary = (what: string, constraints: readonly Constraint[]): string =>
  `${what} must satisfy constraint: [${constraints.map((c) => c.description).join(', ')}]`;

function mapCheck(schema: Schema, key: Member, element: Member): Check {
  const keyConstraints = constraintsOf(key);
  const scalarValues = isScalar(element.schema.kind);
  const valueConstraints = scalarValues ? constraintsOf(element) : [];
  const valueCheck = scalarValues ? undefined : memberCheck(element);
  return (value, path, redact, out) => {
    if (!isObject(value)) return;
    const keys = Object.keys(value);
    if (keyConstraints.length > 0 && anyBroken(keys, keyConstraints)) {
      out.push(violation(path, value, schema, redact, summary('Map keys', keyConstraints)));
    }
    if (valueConstraints.length > 0 && anyBroken(Object.values(value), valueConstraints)) {
      out.push(violation(path, value, schema, redact, summary('Map value', valueConstraints)));
    }
    if (valueCheck) for (const k of keys) valueCheck(value[k], `${path}.${k}.member`, redact, out);
  };
}

function build(schema: Schema): Check {
  if (schema.kind === 'list') return listCheck(schema.member!);
  if (schema.kind === 'map') return mapCheck(schema, schema.key!, schema.value!);
  if (schema.kind === 'union') return unionCheck(schema.members);
  return structureCheck(schema.members);
}

const CONTAINERS = new Set(['structure', 'union', 'list', 'map']);

/** The check of a shape's contents (members, items, entries); scalars and documents have none. */
function schemaCheck(schema: Schema): Check | undefined {
  if (!CONTAINERS.has(schema.kind)) return undefined;
  const known = checks.get(schema);
  if (known) return known;
  let body: Check | undefined;
  // Registered before its body compiles so that recursive shapes reach it.
  const check: Check = (value, path, redact, out) => body!(value, path, redact, out);
  checks.set(schema, check);
  body = build(schema);
  return check;
}

/** Every model violation in `input`, phrased as AWS does; empty when the input satisfies the model. */
export function validateInput(op: Operation, input: Record<string, unknown>): string[] {
  if (!op.input) return [];
  const out: string[] = [];
  schemaCheck(schemaOf(op.input))?.(input, '', false, out);
  return out;
}
