// An emulator that holds streams open: it sends a stream's first text delta and then nothing until the
// client goes away (a script rule with the `stall-mid-stream` fault), for the memory figures. Only
// prompts starting with "hold " are held, so warm-up calls (and Strata's chat(), which rides
// ConverseStream) answer normally.
import { textFor } from './contenders/expect.mjs';
import { startEmulatorProcess } from './emulator-process.mjs';

export const HOLD_TEXT = `hold ${textFor(4)}`;

export const startHoldingEmulator = () =>
  startEmulatorProcess({
    script: {
      rules: [
        { match: { operation: 'ConverseStream', lastUserText: '^hold ' }, fault: 'stall-mid-stream;after=2' },
      ],
    },
  });
