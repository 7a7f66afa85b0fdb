import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

export interface DotEnv {
  /** The variables taken from the file (those not already set), so settings can say they came from .env. */
  keys: Set<string>;
  /** One line per problem, naming the line but never its text (it may hold a secret). */
  warnings: string[];
}

const ENTRY = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=/;

/**
 * Only well-formed `KEY=value` lines (and the continuation of a quoted value that spans lines) go to Node's
 * parser: it would otherwise read a stray line as the start of the next key's name.
 */
function wellFormed(text: string): { text: string; bad: number[] } {
  const kept: string[] = [];
  const bad: number[] = [];
  let openQuote: string | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    if (openQuote) {
      kept.push(line);
      if (line.includes(openQuote)) openQuote = undefined;
      return;
    }
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    if (!ENTRY.test(line)) {
      bad.push(index + 1);
      return;
    }
    kept.push(line);
    const value = line.slice(line.indexOf('=') + 1).trimStart();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && !value.slice(1).includes(quote))
      openQuote = quote;
  });
  return { text: kept.join('\n'), bad };
}

/** Loads `<dir>/.env` into `env`, never replacing a variable that is already set. */
export function loadDotEnv(dir: string, env: NodeJS.ProcessEnv = process.env): DotEnv {
  const path = join(dir, '.env');
  const result: DotEnv = { keys: new Set(), warnings: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') result.warnings.push(`cannot read ${path} (${code}); it was ignored.`);
    return result;
  }
  const { text: clean, bad } = wellFormed(text);
  if (bad.length > 0)
    result.warnings.push(
      `${path}: line${bad.length > 1 ? 's' : ''} ${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} not KEY=value and ${bad.length > 1 ? 'were' : 'was'} ignored.`,
    );
  for (const [key, value] of Object.entries(parseEnv(clean))) {
    if (env[key] !== undefined) continue;
    env[key] = value;
    result.keys.add(key);
  }
  return result;
}
