// The benchmark's far-end servers and the clients that load them through a local port, on their own thread so they
// never share an event loop with the tunnel under test (OpenSSH's tunnel runs in its own process too).
// Plain JavaScript because worker threads load files without Vitest's TypeScript transform.
import net from 'node:net';
import { parentPort } from 'node:worker_threads';
import { bulkOver, roundTripsOver } from './traffic.mjs';

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

/** Connects to the local port, runs `traffic` over the socket, and closes it. */
function overConnection(port, traffic) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
    socket.once('error', reject);
    socket.once('connect', () =>
      traffic(socket)
        .then(resolve, reject)
        .finally(() => socket.destroy()),
    );
  });
}

parentPort.on('message', async ({ id, command, port, amount }) => {
  try {
    let value;
    if (command === 'start') value = { sink: await listen(sinkServer), echo: await listen(echoServer) };
    else if (command === 'bulk') value = await overConnection(port, (socket) => bulkOver(socket, amount));
    else if (command === 'round-trips') value = await overConnection(port, (socket) => roundTripsOver(socket, amount));
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
