import { type JsonSchema, validateInput } from './input-schema.js';
import type { AgentTool, ToolContext, ToolOutput } from './tool.js';
import { ToolError } from './tool.js';

/** Bedrock's rule for tool names; a name outside it fails the whole request, so it is checked up front. */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * A zod 4 schema, as far as defineTool needs one. Structural, so zod stays an optional dependency
 * and any zod 4 schema (`z.object(…)`) fits, with its parsed type carried to the handler.
 */
export interface ZodLikeSchema<T> {
  readonly _zod: unknown;
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

export interface CustomToolDefinition<I> {
  /** Letters, digits, `_` and `-`, at most 64 characters (Bedrock's rule). */
  name: string;
  /** What the tool does, when to use it and its limits: the model decides from this. */
  description: string;
  /**
   * A zod 4 schema (inputs are parsed with it) or a JSON Schema object with `type: "object"` (inputs are
   * checked against the keywords {@link JsonSchema} lists).
   */
  inputSchema: ZodLikeSchema<I> | Record<string, unknown>;
  handler: (input: I, context: ToolContext) => Promise<ToolOutput> | ToolOutput;
  /** Needs approval before it runs. */
  dangerous?: boolean;
  /** Has no side effects, so results may be cached within a run. */
  readOnly?: boolean;
  /** The workspace-relative paths a call touches (for cache invalidation and path policies). */
  paths?: (input: Record<string, unknown>) => string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const isZod = (schema: unknown): schema is ZodLikeSchema<unknown> =>
  isObject(schema) && '_zod' in schema && typeof schema.safeParse === 'function';

function checkDefinition(definition: CustomToolDefinition<unknown>): void {
  const { name, description, inputSchema } = definition;
  if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
    throw new Error(
      `Invalid tool name ${JSON.stringify(name)}: Bedrock tool names are 1 to 64 letters, digits, "_" or "-".`,
    );
  }
  if (typeof description !== 'string' || description.trim() === '') {
    throw new Error(`Tool ${name} needs a description: the model chooses tools by what it says.`);
  }
  if (typeof definition.handler !== 'function') throw new Error(`Tool ${name} needs a handler function.`);
  if (isZod(inputSchema)) return;
  if (isObject(inputSchema) && '_def' in inputSchema && 'safeParse' in inputSchema) {
    throw new Error(`Tool ${name}: zod 3 schemas are not supported; use zod 4 or a JSON Schema object.`);
  }
  if (!isObject(inputSchema) || inputSchema.type !== 'object') {
    throw new Error(`Tool ${name}: inputSchema must be a zod 4 schema or a JSON Schema with type "object".`);
  }
}

function parseWithZod<I>(name: string, schema: ZodLikeSchema<I>, input: unknown): I {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const at = issue.path.map(String).join('.');
    return at ? `\`${at}\`: ${issue.message}` : issue.message;
  });
  throw new ToolError(`Invalid input for ${name}: ${issues.join('; ')}`);
}

/**
 * A custom tool from a name, a description, an input schema and a handler. The name and schema are
 * checked now (a bad one throws here, not in the middle of a run); each call's input is validated
 * before the handler sees it, and a failure becomes a ToolError the model can act on.
 */
export function defineTool<I = Record<string, unknown>>(definition: CustomToolDefinition<I>): AgentTool {
  checkDefinition(definition as CustomToolDefinition<unknown>);
  const { name, description, inputSchema, handler } = definition;
  const parse = (input: unknown): I =>
    isZod(inputSchema)
      ? parseWithZod(name, inputSchema as ZodLikeSchema<I>, input)
      : validateInput<I>(name, inputSchema as JsonSchema, input);
  const tool: AgentTool = {
    name,
    description,
    inputSchema,
    async execute(input, context) {
      return handler(parse(input), context);
    },
  };
  if (definition.dangerous) tool.dangerous = true;
  if (definition.readOnly) tool.readOnly = true;
  if (definition.paths) tool.paths = definition.paths;
  return tool;
}
