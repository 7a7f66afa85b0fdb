import { ValidationError } from '../errors/strata-error.js';
import type { ToolDefinition } from '../types/request.js';

const isZod = (schema: unknown): schema is { _zod: unknown } =>
  typeof schema === 'object' && schema !== null && '_zod' in schema;

const isZod3 = (schema: unknown): boolean =>
  typeof schema === 'object' && schema !== null && '_def' in schema && 'safeParse' in schema;

/**
 * Tool schemas as JSON Schema, which is what Bedrock takes. zod 4 schemas are converted with zod's
 * own `toJSONSchema` (zod is an optional peer dependency, imported only when one is used); the
 * `$schema` marker is dropped because Bedrock's validators do not need it.
 */
export async function jsonSchemaTools(
  tools: ToolDefinition[] | undefined,
): Promise<ToolDefinition[] | undefined> {
  if (!tools?.some((t) => isZod(t.inputSchema) || isZod3(t.inputSchema))) return tools;
  return Promise.all(
    tools.map(async (tool, i) => {
      if (isZod3(tool.inputSchema) && !isZod(tool.inputSchema)) {
        throw new ValidationError(
          `tools.${i}.inputSchema: zod 3 schemas are not supported; use zod 4 or pass a JSON Schema object.`,
          {
            path: `tools.${i}.inputSchema`,
          },
        );
      }
      if (!isZod(tool.inputSchema)) return tool;
      let zod: typeof import('zod');
      try {
        zod = await import('zod');
      } catch (error) {
        throw new ValidationError(
          `tools.${i}.inputSchema is a zod schema but zod cannot be loaded: install zod 4.`,
          { path: `tools.${i}.inputSchema`, cause: error },
        );
      }
      const { $schema: _schema, ...json } = zod.toJSONSchema(
        tool.inputSchema as unknown as import('zod').ZodType,
      ) as Record<string, unknown>;
      return { ...tool, inputSchema: json };
    }),
  );
}
