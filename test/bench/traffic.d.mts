// Types of traffic.mjs for the benchmark's TypeScript side.
import type { Duplex } from 'node:stream';

export function bulkOver(stream: Duplex, bytes: number): Promise<number>;
export function roundTripsOver(stream: Duplex, count: number): Promise<number>;
