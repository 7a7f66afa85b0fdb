// The emulator as a child process of the bench, started through its library API rather than the CLI
// so the parent can ask for its request counters (the upstream requests a client made) over IPC. Its
// options arrive as JSON in argv[2]; it reports { url } once it listens — with `tls: true` also
// { certificate }, the PEM of its self-signed certificate for clients to trust — and exits when the
// parent disconnects.
import { startEmulator } from '@strata/emulator';

const emulator = await startEmulator({ port: 0, ...JSON.parse(process.argv[2] ?? '{}') });
process.on('message', (message) => {
  if (message === 'stats') process.send({ stats: emulator.stats });
});
process.once('disconnect', () => {
  void emulator.close().then(() => process.exit(0));
});
process.send({ url: emulator.url, certificate: emulator.certificate });
