// A loopback TCP proxy in front of a server that can go silent without closing: paused, it stops forwarding in both
// directions and keeps every socket open (new connections are accepted and held the same way), as a network path
// that dies without a reset does; resumed, it forwards again what it held.
import net from 'node:net';

export interface SilentProxy {
  port: number;
  /** Stops forwarding both ways; no socket is closed. */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

export async function startSilentProxy(target: { host: string; port: number }): Promise<SilentProxy> {
  const sockets = new Set<net.Socket>();
  let paused = false;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    if (paused) socket.pause();
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    track(client);
    track(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', cut);
    upstream.on('error', cut);
    client.once('close', cut);
    upstream.once('close', cut);
    forward(client, upstream, () => paused);
    forward(upstream, client, () => paused);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    pause() {
      paused = true;
      sockets.forEach((socket) => socket.pause());
    },
    resume() {
      paused = false;
      sockets.forEach((socket) => socket.resume());
    },
    close() {
      sockets.forEach((socket) => socket.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** One direction, with backpressure; a paused proxy reads nothing, so nothing passes. */
function forward(from: net.Socket, to: net.Socket, paused: () => boolean): void {
  from.on('data', (chunk: Buffer) => {
    if (!to.write(chunk)) {
      from.pause();
      to.once('drain', () => {
        if (!paused()) from.resume();
      });
    }
  });
  from.once('end', () => to.end());
}
