// Loaded with `--import` into a server the bench starts (a gateway), so the bench can read the
// server's own heap, not only its RSS: on the IPC message `memory` it runs a full GC (the process has
// --expose-gc) and answers with process.memoryUsage(). The channel is unref'd so it never keeps the
// server alive.
process.channel?.unref();
process.on('message', (message) => {
  if (message !== 'memory') return;
  globalThis.gc?.();
  process.send({ memory: process.memoryUsage() });
});
