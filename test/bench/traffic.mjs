// The benchmark's traffic over any connected stream (a TCP socket, or an SSH channel opened in this process): a bulk
// send answered after EOF, and small ping-pongs. Plain JavaScript so the traffic worker can load it as well (worker
// threads load files without Vitest's TypeScript transform).

const CHUNK = Buffer.alloc(256 * 1024, 0x5a);
/** The size of one request and of its reply. */
const PING_BYTES = 64;

/** Sends `bytes`, ends, and waits for the far end's answer after EOF; MiB/s. */
export function bulkOver(stream, bytes) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += CHUNK.length;
        if (!stream.write(CHUNK)) return;
      }
      stream.off('drain', pump);
      stream.end();
    };
    stream.on('drain', pump);
    stream.on('data', () => {});
    stream.once('end', () => resolve(bytes / 1024 / 1024 / (Number(process.hrtime.bigint() - started) / 1e9)));
    stream.once('error', reject);
    pump();
  });
}

/** Ping-pongs PING_BYTES `count` times, each waiting for the whole echo; mean round trip in µs. */
export function roundTripsOver(stream, count) {
  return new Promise((resolve, reject) => {
    const ping = Buffer.alloc(PING_BYTES, 1);
    let done = 0;
    let pending = 0;
    const started = process.hrtime.bigint();
    stream.on('data', (chunk) => {
      pending += chunk.length;
      while (pending >= PING_BYTES) {
        pending -= PING_BYTES;
        done += 1;
        if (done === count) {
          resolve(Number(process.hrtime.bigint() - started) / 1e3 / count);
          return;
        }
        stream.write(ping);
      }
    });
    stream.once('error', reject);
    stream.write(ping);
  });
}
