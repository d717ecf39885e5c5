// The benchmarks' side of the traffic worker (traffic-worker.mjs): starts it and turns each command into a call
// answered by its id, so the far-end servers and the clients loading a local port run on a thread of their own.
import { Worker } from 'node:worker_threads';

/** 256 connections opened at once through a port: how many made both echoes, and their times in ms. */
export interface ConcurrentFigures {
  succeeded: number;
  /** From connecting to the first 64 B echo: the connection's opening (an SSH channel's, through a tunnel) and a
   * round trip. */
  firstEchoMs: number[];
  /** A 64 B round trip on every open connection at once. */
  roundTripMs: number[];
  /** The first few distinct failures, if any. */
  failures: string[];
}

export function startTrafficWorker() {
  const worker = new Worker(new URL('./traffic-worker.mjs', import.meta.url));
  let nextId = 0;
  const pending = new Map<number, (reply: { value?: unknown; error?: string }) => void>();
  worker.on('message', (reply: { id: number; value?: unknown; error?: string }) => {
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  function call<T>(command: string, port = 0, amount = 0): Promise<T> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, (reply) => (reply.error ? reject(new Error(reply.error)) : resolve(reply.value as T)));
      worker.postMessage({ id, command, port, amount });
    });
  }
  return {
    start: () => call<{ sink: number; echo: number }>('start'),
    /** Through a local port: bulkOver and roundTripsOver (traffic.mjs) on the worker. */
    bulk: (port: number, bytes: number) => call<number>('bulk', port, bytes),
    roundTrips: (port: number, count: number) => call<number>('round-trips', port, count),
    /** `count` connections to a port that leads to the echo server, all at once. */
    concurrent: (port: number, count: number) => call<ConcurrentFigures>('concurrent', port, count),
    stop: async () => {
      await call('stop');
      await worker.terminate();
    },
  };
}
