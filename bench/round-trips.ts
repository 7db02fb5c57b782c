// Counts PostgreSQL round trips from outside the app: a TCP relay between the server and PostgreSQL that counts the
// ReadyForQuery messages PostgreSQL sends, one at the end of every query (or every multi-statement message) a client
// waits for. The app is measured as it runs, with nothing of ours inside it.
import net from 'node:net';

export interface RoundTripCounter {
  port: number;
  /** ReadyForQuery messages since the last reset. */
  count(): number;
  reset(): void;
  close(): Promise<void>;
}

/** Relays 127.0.0.1:<port> to PostgreSQL at host:port, counting round trips on every connection. */
export function startRoundTripCounter(target: { host: string; port: number }): Promise<RoundTripCounter> {
  let ready = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    // The server's messages: a type byte, then a length that counts itself. Chunks cut messages anywhere.
    let header = Buffer.alloc(0);
    let skip = 0;
    upstream.on('data', (chunk: Buffer) => {
      let at = 0;
      while (at < chunk.length) {
        if (skip > 0) {
          const n = Math.min(skip, chunk.length - at);
          skip -= n;
          at += n;
          continue;
        }
        const need = 5 - header.length;
        header = Buffer.concat([header, chunk.subarray(at, at + need)]);
        at += Math.min(need, chunk.length - at);
        if (header.length < 5) break;
        if (header[0] === 0x5a) ready++;
        skip = header.readInt32BE(1) - 4;
        header = Buffer.alloc(0);
      }
      client.write(chunk);
    });
    client.on('data', (chunk) => upstream.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        count: () => ready,
        reset: () => {
          ready = 0;
        },
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}
