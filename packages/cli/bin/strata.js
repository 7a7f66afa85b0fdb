#!/usr/bin/env node
// The `strata` command. A checked-in launcher rather than `bin` pointing at dist/main.js: npm links a
// workspace's bin at install time, before `prepare` builds dist, and skips a bin whose file is missing —
// so on a fresh clone `npm ci && npx strata` would find no `strata`.
import '../dist/main.js';
