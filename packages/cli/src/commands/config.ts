import { Command } from 'commander';
import { readConfigFile, writeConfigFile } from '../config/config-file.js';
import { redact } from '../config/redact.js';
import {
  envName,
  isSettingKey,
  SETTING_KEYS,
  SETTINGS,
  type SettingKey,
  unknownKeyMessage,
  ValueError,
} from '../config/setting-specs.js';
import { describeSource, type Resolved, type Settings } from '../config/settings.js';
import { formatTable } from '../output/table.js';

const PRECEDENCE = `Precedence: a command-line flag > the environment (a .env file in the current directory fills in
variables that are not set, never overriding) > config.json > the built-in default.`;

/** Each setting, what it sets and the variables that set it, for `strata config --help`. */
const catalogue = () =>
  SETTING_KEYS.map((key) => {
    const spec = SETTINGS[key];
    const pad = ' '.repeat(11);
    return `  ${key.padEnd(11)}${spec.description} (${spec.usedBy})\n  ${pad}env: ${spec.env.map(envName).join(', ')}`;
  }).join('\n');

function settingKey(key: string): SettingKey {
  if (!isSettingKey(key)) throw new Error(`${unknownKeyMessage(key)} See \`strata config list\`.`);
  return key;
}

/** Shown values are masked where they may hold a password. */
const shown = (value: unknown) => (value === undefined ? '' : redact(String(value)));

export function configCommand(settings: Settings): Command {
  const config = new Command('config')
    .description(`Defaults for every command, kept in ${settings.file} (STRATA_HOME moves it).`)
    .addHelpText(
      'after',
      `
${PRECEDENCE}

Settings:
${catalogue()}

Examples:
  $ strata config set model claude-haiku-3
  $ strata config list
  $ strata config unset model`,
    );

  config.addCommand(
    new Command('path')
      .description('Print where the config file is (it need not exist yet).')
      .addHelpText(
        'after',
        '\nExamples:\n  $ strata config path\n  $ STRATA_HOME=/srv/strata strata config path',
      )
      .action(() => {
        process.stdout.write(`${settings.file}\n`);
      }),
  );

  config.addCommand(
    new Command('get')
      .description('Print the effective value of a setting, or of every setting as key=value.')
      .argument('[key]', `one of: ${SETTING_KEYS.join(', ')}`)
      .addHelpText(
        'after',
        `\nExamples:\n  $ strata config get model\n  $ STRATA_MODEL=nova-pro strata config get model   # nova-pro: the environment wins\n  $ strata config get`,
      )
      .action((key: string | undefined) => {
        if (key === undefined) {
          for (const k of SETTING_KEYS) process.stdout.write(`${k}=${shown(settings.get(k))}\n`);
          return;
        }
        const k = settingKey(key);
        const resolved = settings.resolve(k);
        if (resolved.value === undefined) {
          process.stderr.write(`${k} is not set (${SETTINGS[k].fallback} is used).\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`${shown(resolved.value)}\n`);
      }),
  );

  config.addCommand(
    new Command('set')
      .description('Save a default in the config file.')
      .argument('<key>', `one of: ${SETTING_KEYS.join(', ')}`)
      .argument('<value>', 'the value (see `strata config list` for what each setting takes)')
      .addHelpText(
        'after',
        `
Examples:
  $ strata config set model claude-haiku-3
  $ strata config set region eu-west-1
  $ strata config set emulator true
  $ strata config set port 9090
  $ strata config set database postgres://strata@localhost/strata`,
      )
      .action((rawKey: string, raw: string) => {
        const key = settingKey(rawKey);
        const spec = SETTINGS[key];
        let value: unknown;
        try {
          value = spec.parse(raw);
        } catch (error) {
          if (!(error instanceof ValueError)) throw error;
          throw new Error(
            `Cannot set ${key}: it ${error.message} (not "${redact(raw)}"). Example: strata config set ${key} ${spec.example}`,
          );
        }
        writeConfigFile(settings.file, { ...readConfigFile(settings.file), [key]: value });
        process.stdout.write(`${key} = ${shown(value)} (saved in ${settings.file})\n`);
        const over = overriddenBy(settings, key);
        if (over) process.stderr.write(`Note: ${over} is set, and takes precedence over the config file.\n`);
      }),
  );

  config.addCommand(
    new Command('unset')
      .description('Remove a default from the config file (the built-in default applies again).')
      .argument('<key>', `one of: ${SETTING_KEYS.join(', ')}`)
      .addHelpText('after', '\nExamples:\n  $ strata config unset model\n  $ strata config unset endpoint')
      .action((key: string) => {
        const data = readConfigFile(settings.file);
        // A key the file holds may be removed even if it is unknown: that is how a bad file is repaired.
        if (!Object.hasOwn(data, key)) {
          settingKey(key);
          process.stdout.write(`${key} was not set in ${settings.file}.\n`);
          return;
        }
        const { [key]: _removed, ...rest } = data;
        writeConfigFile(settings.file, rest);
        process.stdout.write(`${key} removed from ${settings.file}.\n`);
      }),
  );

  config.addCommand(
    new Command('list')
      .description('Every setting: its effective value and where it comes from (env, .env, config, default).')
      .option('--json', 'print JSON: [{key, value, source, variable?}]')
      .addHelpText('after', '\nExamples:\n  $ strata config list\n  $ strata config list --json')
      .action((flags: { json?: boolean }) => {
        const rows = SETTING_KEYS.map((key) => ({ key, ...settings.resolve(key) }));
        if (flags.json) {
          const json = rows.map(({ key, value, source, variable }) => ({
            key,
            value: value === undefined ? null : typeof value === 'string' ? redact(value) : value,
            source: source ?? null,
            ...(variable ? { variable } : {}),
          }));
          process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
          return;
        }
        process.stdout.write(
          formatTable(
            ['key', 'value', 'source'],
            rows.map((r) => [r.key, valueCell(r), describeSource(r)]),
          ),
        );
        process.stdout.write(`\nConfig file: ${settings.file}\n${PRECEDENCE}\n`);
      }),
  );
  return config;
}

const valueCell = (r: Resolved<unknown> & { key: SettingKey }) =>
  r.value === undefined ? `(${SETTINGS[r.key].fallback})` : shown(r.value);

/** The variable that would win over a value just saved, if one is set. */
function overriddenBy(settings: Settings, key: SettingKey): string | undefined {
  const variable = settings.envVariable(key);
  return variable && `${variable.name}${variable.fromDotEnv ? ' (in .env)' : ''}`;
}
