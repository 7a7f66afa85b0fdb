import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import type { ApprovalRequest } from '@strata/agent';
import { Command } from 'commander';
import type { ChatOutput, ChatSession } from '../chat/session.js';
import { awsSettings } from '../config/bedrock-options.js';
import type { Settings } from '../config/settings.js';

interface ChatFlags {
  model?: string;
  system?: string;
  workspace?: string;
  emulator?: boolean;
  script?: string;
  tools: boolean;
  image?: string[];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.trim();
}

function output(tty: boolean): ChatOutput {
  const dim = (s: string) => (tty ? `\x1b[2m${s}\x1b[22m` : s);
  return {
    text: (delta) => process.stdout.write(delta),
    reasoning: (delta) => process.stderr.write(dim(delta)),
    tool: (line) => process.stderr.write(`\n${dim(line)}\n`),
    note: (line) => process.stderr.write(`\n${line}\n`),
  };
}

export function chatCommand(settings: Settings): Command {
  return new Command('chat')
    .description('Chat with a model: a REPL, or one question from the arguments or standard input.')
    .argument('[question...]', 'ask this and print the answer (one-shot)')
    .option('--model <id>', 'any model ID, alias, profile or ARN (default: claude-sonnet-3.5)')
    .option('--system <prompt>', 'a system prompt')
    .option('--workspace <dir>', "the directory the agent's tools work in (default: the current directory)")
    .option('--emulator', 'answer from the built-in Bedrock emulator (replies are emulated)')
    .option(
      '--no-emulator',
      'override an emulator setting of true (the emulator still answers when no AWS credentials are found)',
    )
    .option('--script <file>', 'reply rules for the built-in emulator')
    .option('--no-tools', 'chat without tools')
    .option('--image <file>', 'attach an image to the first message (repeatable)', collect)
    .addHelpText(
      'after',
      `
Examples:
  $ strata chat "What is Amazon Bedrock?"
  $ git diff | strata chat --model claude-haiku-3 "Review this diff"
  $ strata chat --emulator            # a REPL; /model, /system, /image, /cost, /clear, /save FILE, /exit

Defaults for --model, --system, --workspace and --emulator (and the region, profile and endpoint) come from
the environment, .env and \`strata config\`; see \`strata config --help\`.`,
    )
    .action(async (words: string[], flags: ChatFlags) => {
      // Loaded here, not at startup, so `strata config` or `--help` does not pay for the library and agent.
      const [
        { builtinTools },
        { closeSharedDispatchers, createBedrock, hasAwsCredentials },
        { startEmulator },
      ] = await Promise.all([import('@strata/agent'), import('@strata/bedrock'), import('@strata/emulator')]);
      const { ChatSession } = await import('../chat/session.js');
      const model = settings.need('model', flags.model);
      const system = settings.get('system', flags.system);
      const workspace = settings.get('workspace', flags.workspace) ?? process.cwd();
      const wanted = settings.need('emulator', flags.emulator);
      const aws = awsSettings(settings);
      const credentials = hasAwsCredentials(
        aws.profile.value ? { ...process.env, AWS_PROFILE: aws.profile.value } : process.env,
      );
      const emulator =
        wanted || !credentials
          ? await startEmulator({ port: 0, ...(flags.script ? { script: flags.script } : {}) })
          : undefined;
      if (emulator) {
        process.stderr.write(
          `Using the built-in Bedrock emulator: replies are emulated${wanted ? '' : ' (no AWS credentials found; configure them to talk to real models)'}.\n`,
        );
      }
      const bedrock = emulator
        ? createBedrock({
            endpoint: emulator.url,
            region: 'us-east-1',
            credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
          })
        : createBedrock(aws.options);
      const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
      const stdinText = words.length === 0 && !process.stdin.isTTY ? await readStdin() : '';
      const oneShot = words.length > 0 || stdinText.length > 0;
      const rl = oneShot
        ? undefined
        : createInterface({ input: process.stdin, output: process.stderr, terminal: tty });
      const approve = async (request: ApprovalRequest) => {
        if (!rl) {
          process.stderr.write(
            `\n${request.tool} needs approval; one-shot mode cannot ask, so it was denied.\n`,
          );
          return { decision: 'deny' as const, reason: 'not approved in one-shot mode' };
        }
        const answer = (
          await rl.question(
            `\nAllow ${request.tool} ${JSON.stringify(request.input).slice(0, 200)}? [y]es / [n]o / [a]lways: `,
          )
        )
          .trim()
          .toLowerCase();
        if (answer.startsWith('a')) return { decision: 'always' as const };
        if (answer.startsWith('y')) return { decision: 'allow' as const };
        return { decision: 'deny' as const, reason: 'the user said no' };
      };
      const session = new ChatSession(
        bedrock,
        model,
        system,
        flags.tools ? builtinTools() : [],
        workspace,
        approve,
      );
      for (const image of flags.image ?? []) await session.attachImage(image);
      const out = output(tty);
      try {
        if (oneShot) {
          const question = [words.join(' '), stdinText].filter(Boolean).join('\n\n');
          await session.turn(question, out, new AbortController().signal);
          process.stdout.write('\n');
          return;
        }
        await repl(session, out, rl as NonNullable<typeof rl>);
      } finally {
        rl?.close();
        await emulator?.close();
        await closeSharedDispatchers();
      }
    });
}

async function repl(
  session: ChatSession,
  out: ChatOutput,
  rl: ReturnType<typeof createInterface>,
): Promise<void> {
  let running: AbortController | undefined;
  let interrupts = 0;
  // Ctrl-C stops the current turn; a second one (with nothing running) leaves.
  rl.on('SIGINT', () => {
    if (running) {
      running.abort();
      process.stderr.write('\n(stopped)\n');
      return;
    }
    if (++interrupts >= 2) rl.close();
    else process.stderr.write('\n(press Ctrl-C again, or type /exit, to leave)\n');
  });
  const closed = new Promise<void>((resolve) => rl.once('close', resolve));
  process.stderr.write(`Strata chat with ${session.model}. /help for commands.\n`);
  for (;;) {
    const line = await Promise.race([rl.question('› '), closed.then(() => undefined)]);
    if (line === undefined) return;
    const input = line.trim();
    if (!input) continue;
    interrupts = 0;
    if (input.startsWith('/')) {
      const [command = '', ...rest] = input.slice(1).split(' ');
      const arg = rest.join(' ').trim();
      switch (command) {
        case 'exit':
        case 'quit':
          return;
        case 'model':
          if (arg) session.model = arg;
          process.stderr.write(`model: ${session.model}\n`);
          continue;
        case 'system':
          session.system = arg || undefined;
          process.stderr.write(arg ? 'system prompt set\n' : 'system prompt cleared\n');
          continue;
        case 'image':
          await session.attachImage(arg).then(
            () => process.stderr.write(`attached ${arg} to the next message\n`),
            (error: Error) => process.stderr.write(`${error.message}\n`),
          );
          continue;
        case 'cost':
          process.stderr.write(
            `${session.totalInput} tokens in, ${session.totalOutput} out, $${session.totalCost.toFixed(6)} this session\n`,
          );
          continue;
        case 'clear':
          session.messages = [];
          process.stderr.write('history cleared\n');
          continue;
        case 'save':
          if (!arg) {
            process.stderr.write('usage: /save FILE\n');
            continue;
          }
          await writeFile(
            arg,
            `${JSON.stringify({ model: session.model, system: session.system, messages: session.messages }, null, 2)}\n`,
          );
          process.stderr.write(`saved ${session.messages.length} messages to ${arg}\n`);
          continue;
        default:
          process.stderr.write(
            'commands: /model ID, /system TEXT, /image FILE, /cost, /clear, /save FILE, /exit\n',
          );
          continue;
      }
    }
    running = new AbortController();
    try {
      await session.turn(input, out, running.signal);
    } catch (error) {
      out.note(`Error: ${(error as Error).message}`);
    } finally {
      running = undefined;
      process.stdout.write('\n');
    }
  }
}
