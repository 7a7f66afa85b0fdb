// What every contender sends and how its answer is checked: the same model and one user message that
// the emulator echoes back, three words a delta. A contender that answers anything else throws, so a
// broken client can never post a fast number.
export const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
export const REGION = 'us-east-1';
export const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** The short prompt of the per-call figures; the emulator echoes it back. */
export const SHORT_TEXT = 'Benchmark me, briefly and deterministically.';

/** The emulator streams its echo three words a delta (its default), so `deltas` deltas need 3× words. */
export const textFor = (deltas) => Array.from({ length: deltas * 3 }, (_, i) => `word${i}`).join(' ');

/** How many deltas the emulator streams `text` in. */
export const deltasOf = (text) => Math.ceil(text.split(' ').length / 3);

export const expectText = (name, got, want = SHORT_TEXT) => {
  if (got !== want) throw new Error(`${name} answered ${JSON.stringify(String(got).slice(0, 80))}`);
};

export const expectDeltas = (name, count, want) => {
  if (count !== want) throw new Error(`${name} saw ${count} text deltas, not ${want}`);
};
