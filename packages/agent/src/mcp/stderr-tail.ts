import type { Stream } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

const MAX_CHARS = 4_000;
const MAX_LINES = 20;

/**
 * The last lines a stdio server wrote to stderr. Servers explain why they fail to start or crash
 * there, so these lines go into error messages; reading the pipe also keeps a chatty server from
 * blocking on a full one.
 */
export class StderrTail {
  private text = '';
  private readonly decoder = new StringDecoder('utf8');

  constructor(stream: Stream) {
    stream.on('data', (chunk: Buffer) => {
      this.text = (this.text + this.decoder.write(chunk)).slice(-MAX_CHARS);
    });
  }

  /** The tail as an indented paragraph to append to a message, or '' when the server said nothing. */
  paragraph(): string {
    const lines = this.text.trimEnd().split('\n').slice(-MAX_LINES);
    if (lines.join('').trim() === '') return '';
    return `\nLast lines of its stderr:\n${lines.map((line) => `  ${line}`).join('\n')}`;
  }
}
