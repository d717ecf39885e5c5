// The benchmark's traffic, on its own thread so it never shares an event loop with the tunnel under test
// (OpenSSH's tunnel runs in its own process too): the far-end servers and the clients that load them.
// Plain JavaScript because worker threads load files without Vitest's TypeScript transform.
import net from 'node:net';
import { parentPort } from 'node:worker_threads';

const CHUNK = Buffer.alloc(256 * 1024, 0x5a);

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

/** Reads until EOF, then answers with one byte so the sender knows everything arrived. */
const sinkServer = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('data', () => {});
  socket.on('end', () => socket.end('!'));
  socket.on('error', () => socket.destroy());
});
const echoServer = net.createServer({ noDelay: true }, (socket) => {
  socket.pipe(socket);
  socket.on('error', () => socket.destroy());
});

function bulk(port, bytes) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const socket = net.connect(port, '127.0.0.1');
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += CHUNK.length;
        if (!socket.write(CHUNK)) return;
      }
      socket.off('drain', pump);
      socket.end();
    };
    socket.on('drain', pump);
    socket.once('connect', pump);
    socket.on('data', () => {});
    socket.on('end', () => resolve(bytes / 1024 / 1024 / (Number(process.hrtime.bigint() - started) / 1e9)));
    socket.on('error', reject);
  });
}

function roundTrips(port, count) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
    const ping = Buffer.alloc(64, 1);
    let done = 0;
    let pending = 0;
    let started = 0n;
    socket.once('connect', () => {
      started = process.hrtime.bigint();
      socket.write(ping);
    });
    socket.on('data', (chunk) => {
      pending += chunk.length;
      while (pending >= ping.length) {
        pending -= ping.length;
        done += 1;
        if (done === count) {
          socket.destroy();
          resolve(Number(process.hrtime.bigint() - started) / 1e3 / count);
          return;
        }
        socket.write(ping);
      }
    });
    socket.on('error', reject);
  });
}

parentPort.on('message', async ({ id, command, port, amount }) => {
  try {
    let value;
    if (command === 'start') value = { sink: await listen(sinkServer), echo: await listen(echoServer) };
    else if (command === 'bulk') value = await bulk(port, amount);
    else if (command === 'round-trips') value = await roundTrips(port, amount);
    else if (command === 'stop') {
      sinkServer.close();
      echoServer.close();
      value = true;
    }
    parentPort.postMessage({ id, value });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
