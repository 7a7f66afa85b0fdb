import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { Duplex } from 'node:stream';
import type tls from 'node:tls';

export type RequestListener = (
  req: http.IncomingMessage | http2.Http2ServerRequest,
  res: http.ServerResponse | http2.Http2ServerResponse,
) => void;

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

/**
 * A socket whose first bytes were already read, replayed before the rest. Node's HTTP/2 session
 * consumes the socket's native handle directly, so unshifting those bytes back onto the socket
 * would be lost: the session must be given a JS stream instead.
 */
class ReplaySocket extends Duplex {
  constructor(
    private readonly socket: net.Socket,
    head: Buffer,
  ) {
    super();
    this.push(head);
    socket.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('error', (error) => this.destroy(error));
    socket.on('close', () => this.destroy());
  }
  override _read(): void {
    this.socket.resume();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.socket.write(chunk, callback);
  }
  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end(callback);
  }
  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.socket.destroy(error ?? undefined);
    callback(error);
  }
  get remoteAddress(): string | undefined {
    return this.socket.remoteAddress;
  }
  get remotePort(): number | undefined {
    return this.socket.remotePort;
  }
  setNoDelay(noDelay?: boolean): this {
    this.socket.setNoDelay(noDelay);
    return this;
  }
  setKeepAlive(enable?: boolean, delay?: number): this {
    this.socket.setKeepAlive(enable, delay);
    return this;
  }
  setTimeout(timeout: number, callback?: () => void): this {
    this.socket.setTimeout(timeout, callback);
    return this;
  }
}

export interface DualServer {
  server: net.Server | tls.Server;
  /** Open HTTP/1.1 sockets and HTTP/2 sessions, so `close()` can end them at once. */
  closeAll(): void;
}

/**
 * One port that speaks HTTP/1.1 and HTTP/2 with prior knowledge (h2c), told apart by the first bytes:
 * the official AWS SDK's runtime client sends h2c to an `http://` endpoint, curl and undici send
 * HTTP/1.1. With TLS, ALPN chooses instead.
 */
export function createDualServer(
  listener: RequestListener,
  tlsOptions?: tls.SecureContextOptions,
  onConnection?: () => void,
): DualServer {
  const h1 = http.createServer({ keepAliveTimeout: 65_000 }, listener);
  const sessions = new Set<http2.ServerHttp2Session>();
  const sockets = new Set<net.Socket | tls.TLSSocket>();
  const track = (socket: net.Socket | tls.TLSSocket) => {
    onConnection?.();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const onSession = (session: http2.ServerHttp2Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  };
  const closeAll = () => {
    for (const session of sessions) session.destroy();
    for (const socket of sockets) socket.destroy();
  };

  if (tlsOptions) {
    const h2 = http2.createSecureServer(
      { ...tlsOptions, allowHTTP1: true, ALPNProtocols: ['h2', 'http/1.1'] },
      listener,
    );
    h2.on('session', onSession);
    h2.on('secureConnection', (socket: tls.TLSSocket) => {
      socket.setNoDelay(true);
      track(socket);
    });
    return { server: h2, closeAll };
  }

  const h2 = http2.createServer({}, listener);
  h2.on('session', onSession);
  // No Nagle: stream events are small writes that must leave at once, not wait for a delayed ACK.
  const server = net.createServer({ noDelay: true }, (socket) => {
    track(socket);
    socket.once('data', (head: Buffer) => {
      socket.pause();
      if (head.subarray(0, Math.min(head.length, PREFACE.length)).equals(PREFACE.subarray(0, head.length))) {
        h2.emit('connection', new ReplaySocket(socket, head));
      } else {
        // The HTTP/1.1 parser reads through the socket's JS stream when data is unshifted onto it.
        socket.unshift(head);
        h1.emit('connection', socket);
        socket.resume();
      }
    });
    socket.on('error', () => socket.destroy());
  });
  return { server, closeAll };
}
