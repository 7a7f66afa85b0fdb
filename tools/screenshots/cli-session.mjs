#!/usr/bin/env node
// Screenshot of a real `strata` CLI session for docs/screenshots/cli-session.png.
//
// Runs the built CLI (packages/cli/dist/main.js; `npm run build` first) against its built-in emulator,
// under a pseudo-terminal (util-linux `script`) so the CLI sees a TTY and keeps its ANSI styling
// (FORCE_COLOR=1 is set too), turns the output into a terminal-looking HTML page with the small
// ANSI→HTML converter below, and screenshots it with playwright-core driving Debian's chromium.
//
//   node tools/screenshots/cli-session.mjs [--out FILE] [--html FILE]
//
// STRATA_CHROMIUM overrides the browser (default /usr/bin/chromium, as the gateway's browser test).

import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'packages/cli/dist/main.js');
const CHROMIUM = process.env.STRATA_CHROMIUM ?? '/usr/bin/chromium';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : fallback;
}
const OUT = option('--out', join(ROOT, 'docs/screenshots/cli-session.png'));
const HTML = option('--html', undefined);

if (!existsSync(CLI)) {
  console.error(`${CLI} is missing: run \`npm run build\` first.`);
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`Chromium not found at ${CHROMIUM}: apt-get install chromium, or set STRATA_CHROMIUM.`);
  process.exit(1);
}

// ── The session ────────────────────────────────────────────────────────────────────────────────────
// cli-session.rules.json (emulator rules): the first turn calls the read-only Glob tool (no approval
// needed), the second answers from its result — so the screenshot shows a real tool call going through
// the agent loop. Every command runs from the repository root exactly as shown.
const steps = [
  'strata chat --emulator --model claude-haiku-3 --script tools/screenshots/cli-session.rules.json "Which packages are in this repository?"',
  'strata cost estimate --model claude-sonnet-4.5 --input 12000 --output 800',
  'strata cost estimate --model global.anthropic.claude-sonnet-4-5-20250929-v1:0 --input 12000 --output 800',
];

/** The argv of a shown command line: words, or double-quoted strings. */
const argvOf = (line) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]).slice(1); // drop `strata`

const quote = (s) => `'${s.replaceAll("'", `'\\''`)}'`;
const hasScript = existsSync('/usr/bin/script');

/** Runs one CLI invocation, stdout and stderr interleaved as a terminal shows them. */
function run(argv) {
  const env = { ...process.env, FORCE_COLOR: '1', COLUMNS: '110', LINES: '40', TERM: 'xterm-256color' };
  // The emulator must answer even on a machine with AWS credentials: `--emulator` already makes sure.
  const command = [process.execPath, CLI, ...argv].map(quote).join(' ');
  const result = hasScript
    ? spawnSync('script', ['-qec', command, '/dev/null'], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      })
    : spawnSync(process.execPath, [CLI, ...argv], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) {
    throw new Error(
      `strata ${argv.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return (result.stdout + (hasScript ? '' : result.stderr)).replaceAll('\r\n', '\n').replaceAll('\r', '');
}

// ── ANSI → HTML ────────────────────────────────────────────────────────────────────────────────────
const PALETTE = [
  '#3b4252',
  '#e06c75',
  '#98c379',
  '#e5c07b',
  '#61afef',
  '#c678dd',
  '#56b6c2',
  '#d8dee9',
  // bright
  '#6b7280',
  '#ff7b86',
  '#b5e890',
  '#ffd68a',
  '#82c4ff',
  '#dd9cf0',
  '#7fd4de',
  '#ffffff',
];

const escapeHtml = (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The SGR codes a CLI uses (reset, bold, dim, italic, underline, 16 colours, 256 and RGB colours). */
function applySgr(state, params) {
  const codes = params === '' ? [0] : params.split(';').map(Number);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0)
      Object.assign(state, { bold: false, dim: false, italic: false, underline: false, fg: null, bg: null });
    else if (c === 1) state.bold = true;
    else if (c === 2) state.dim = true;
    else if (c === 3) state.italic = true;
    else if (c === 4) state.underline = true;
    else if (c === 22) state.bold = state.dim = false;
    else if (c === 23) state.italic = false;
    else if (c === 24) state.underline = false;
    else if (c >= 30 && c <= 37) state.fg = PALETTE[c - 30];
    else if (c >= 90 && c <= 97) state.fg = PALETTE[c - 90 + 8];
    else if (c === 39) state.fg = null;
    else if (c >= 40 && c <= 47) state.bg = PALETTE[c - 40];
    else if (c >= 100 && c <= 107) state.bg = PALETTE[c - 100 + 8];
    else if (c === 49) state.bg = null;
    else if ((c === 38 || c === 48) && codes[i + 1] === 5) {
      const n = codes[i + 2] ?? 0;
      const colour = n < 16 ? PALETTE[n] : xterm256(n);
      if (c === 38) state.fg = colour;
      else state.bg = colour;
      i += 2;
    } else if ((c === 38 || c === 48) && codes[i + 1] === 2) {
      const colour = `rgb(${codes[i + 2] ?? 0},${codes[i + 3] ?? 0},${codes[i + 4] ?? 0})`;
      if (c === 38) state.fg = colour;
      else state.bg = colour;
      i += 4;
    }
  }
}

function xterm256(n) {
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const i = n - 16;
  const level = (x) => (x === 0 ? 0 : 55 + x * 40);
  return `rgb(${level(Math.floor(i / 36))},${level(Math.floor(i / 6) % 6)},${level(i % 6)})`;
}

function styleOf(state) {
  const css = [];
  if (state.fg) css.push(`color:${state.fg}`);
  if (state.bg) css.push(`background:${state.bg}`);
  if (state.bold) css.push('font-weight:700');
  if (state.dim) css.push('opacity:.6');
  if (state.italic) css.push('font-style:italic');
  if (state.underline) css.push('text-decoration:underline');
  return css.join(';');
}

/** ANSI text → HTML spans. SGR sequences become styles; other escape sequences are dropped. */
export function ansiToHtml(text) {
  const state = { bold: false, dim: false, italic: false, underline: false, fg: null, bg: null };
  let html = '';
  let last = 0;
  const flush = (chunk) => {
    if (!chunk) return;
    const style = styleOf(state);
    html += style ? `<span style="${style}">${escapeHtml(chunk)}</span>` : escapeHtml(chunk);
  };
  // CSI sequences (ESC [ params final), and OSC sequences (ESC ] … BEL or ESC \).
  const ESC = String.fromCharCode(27);
  const BEL = String.fromCharCode(7);
  const pattern = new RegExp(
    `${ESC}\\[([0-9;?]*)([A-Za-z])|${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)`,
    'g',
  );
  for (const match of text.matchAll(pattern)) {
    flush(text.slice(last, match.index));
    if (match[2] === 'm') applySgr(state, match[1] ?? '');
    last = match.index + match[0].length;
  }
  flush(text.slice(last));
  return html;
}

// ── Page and screenshot ────────────────────────────────────────────────────────────────────────────
function page(body) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>strata — terminal</title>
<style>
  html, body { margin: 0; background: #e5e7eb; }
  .window { margin: 24px; width: 1320px; border-radius: 10px; overflow: hidden;
    box-shadow: 0 12px 32px rgba(0,0,0,.25); background: #1e222a; }
  .bar { height: 34px; background: #2c313a; display: flex; align-items: center; padding: 0 14px; gap: 8px;
    font: 13px system-ui, sans-serif; color: #9aa3b2; }
  .dot { width: 12px; height: 12px; border-radius: 50%; }
  .title { flex: 1; text-align: center; margin-right: 52px; }
  pre { margin: 0; padding: 16px 18px 20px; color: #d8dee9; white-space: pre-wrap; word-break: break-word;
    font: 14px/1.5 "DejaVu Sans Mono", "Liberation Mono", Menlo, monospace; }
  .prompt { color: #98c379; font-weight: 700; }
  .cwd { color: #61afef; font-weight: 700; }
</style></head>
<body><div class="window" id="terminal">
  <div class="bar"><span class="dot" style="background:#ff5f56"></span><span class="dot" style="background:#ffbd2e"></span><span class="dot" style="background:#27c93f"></span><span class="title">strata — bash</span></div>
  <pre>${body}</pre>
</div></body></html>`;
}

const prompt = '<span class="prompt">you@laptop</span>:<span class="cwd">~/strata</span>$ ';
let body = '';
for (const line of steps) {
  const output = run(argvOf(line));
  body += `${prompt}${escapeHtml(line)}\n${ansiToHtml(output.replace(/\n+$/, ''))}\n\n`;
}
body += `${prompt}<span style="background:#d8dee9"> </span>`;
const html = page(body);
if (HTML) writeFileSync(HTML, html);

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  // The gateway's browser test launches chromium with the same options.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const tab = await browser.newPage({ viewport: { width: 1370, height: 400 }, deviceScaleFactor: 1 });
  await tab.setContent(html, { waitUntil: 'load' });
  await tab.locator('#terminal').screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
}
