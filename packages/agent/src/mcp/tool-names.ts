import { createHash } from 'node:crypto';

/** Bedrock's limit on tool names: `^[a-zA-Z0-9_-]{1,64}$`. */
const MAX_NAME = 64;
const HASH_LENGTH = 8;

const shortHash = (text: string): string =>
  createHash('sha256').update(text).digest('hex').slice(0, HASH_LENGTH);

/**
 * The names the model sees for one server's tools, in order: `${server}__${tool}` with characters
 * Bedrock refuses replaced by `_`. A name that is too long is cut and given a hash of the original
 * tool name, and so is one that collides with an earlier one once sanitised (`a.b` after `a_b`), so
 * every name stays unique. Server names are validated not to contain `__` nor end in `_`, so the
 * server part is always what precedes the first `__`, and names of different servers never clash.
 */
export function namespacedToolNames(server: string, tools: readonly string[]): string[] {
  const taken = new Set<string>();
  return tools.map((tool) => {
    let name = `${server}__${tool.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
    if (name.length > MAX_NAME || taken.has(name)) {
      name = `${name.slice(0, MAX_NAME - HASH_LENGTH - 1)}_${shortHash(tool)}`;
    }
    taken.add(name);
    return name;
  });
}
