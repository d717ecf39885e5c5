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

const PING = Buffer.alloc(64, 2);
/** How long one connection may take to open or answer before it counts as failed. */
const CONCURRENT_TIMEOUT_MS = 30_000;

/** Sends 64 B and waits for all of them back; the round trip in ms. */
function echoOnce(socket) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let received = 0;
    const timer = setTimeout(() => settle(new Error('no echo within 30 s')), CONCURRENT_TIMEOUT_MS);
    const onData = (chunk) => {
      received += chunk.length;
      if (received >= PING.length) settle();
    };
    const onError = (error) => settle(error);
    const onClose = () => settle(new Error('closed before the echo'));
    function settle(error) {
      clearTimeout(timer);
      socket.off('data', onData).off('error', onError).off('close', onClose);
      if (error) reject(error);
      else resolve(Number(process.hrtime.bigint() - started) / 1e6);
    }
    socket.on('data', onData).on('error', onError).on('close', onClose);
    socket.write(PING);
  });
}

function opened(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
    const timer = setTimeout(() => socket.destroy(new Error('not open within 30 s')), CONCURRENT_TIMEOUT_MS);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
  });
}

/**
 * Opens `count` connections at once, each timed from connecting to its first 64 B echo; once all are open, pings
 * on every one at once. A connection that fails either counts as failed.
 */
async function concurrentOver(port, count) {
  const failures = new Set();
  const open = [];
  const firstEchoMs = [];
  await Promise.all(
    Array.from({ length: count }, async () => {
      const started = process.hrtime.bigint();
      let socket;
      try {
        socket = await opened(port);
        socket.on('error', () => {});
        await echoOnce(socket);
        firstEchoMs.push(Number(process.hrtime.bigint() - started) / 1e6);
        open.push(socket);
      } catch (error) {
        failures.add(String(error));
        socket?.destroy();
      }
    }),
  );
  const roundTripMs = [];
  await Promise.all(
    open.map((socket) =>
      echoOnce(socket).then(
        (ms) => roundTripMs.push(ms),
        (error) => failures.add(String(error)),
      ),
    ),
  );
  for (const socket of open) socket.destroy();
  return { succeeded: roundTripMs.length, firstEchoMs, roundTripMs, failures: [...failures].slice(0, 3) };
}

parentPort.on('message', async ({ id, command, port, amount }) => {
  try {
    let value;
    if (command === 'start') value = { sink: await listen(sinkServer), echo: await listen(echoServer) };
    else if (command === 'bulk') value = await overConnection(port, (socket) => bulkOver(socket, amount));
    else if (command === 'round-trips') value = await overConnection(port, (socket) => roundTripsOver(socket, amount));
    else if (command === 'concurrent') value = await concurrentOver(port, amount);
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
