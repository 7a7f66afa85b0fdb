#!/usr/bin/env node
import { loadDotEnv } from './config/dotenv.js';
import { Settings } from './config/settings.js';
import { createProgram } from './program.js';

// Before anything reads the environment: the library reads AWS_* from it, the settings STRATA_*.
const dotenv = loadDotEnv(process.cwd());
for (const warning of dotenv.warnings) process.stderr.write(`strata: ${warning}\n`);

createProgram(new Settings({ dotenvKeys: dotenv.keys }))
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`strata: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
