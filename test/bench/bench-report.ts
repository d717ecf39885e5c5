// The benchmarks' one report: each bench file records its figures here as rows (name, value, unit, target, met and a
// note), appended to the file `npm run bench` (scripts/bench.mjs) names, which prints them as one table after the run.
// Also the run's size (BENCH_QUICK=1 for a short proof run) and the statistics every bench file uses.
import { appendFileSync } from 'node:fs';

export interface BenchRow {
  /** The table's order: rows are grouped by the bench file's group, in the order scripts/bench.mjs lists. */
  group: string;
  name: string;
  /** null when the machine could not measure it; the note says why. */
  value: number | null;
  unit: string;
  /** As people read it, e.g. "≤ 0.5 s median"; null for a figure shown for context only. */
  target: string | null;
  /** null when there is no target or no value. */
  met: boolean | null;
  note?: string;
}

export const RESULTS_ENV = 'BENCH_RESULTS_FILE';

/** A short run (fewer rounds, a shorter idle window) that proves the harness end to end; its figures are rough. */
export const QUICK = process.env.BENCH_QUICK === '1';

/** How many times to repeat a measurement: `full`, or `quick` under BENCH_QUICK=1; `envName` overrides both. */
export function countOf(full: number, quick: number, envName?: string): number {
  const override = envName === undefined ? undefined : process.env[envName];
  if (override !== undefined && /^\d+$/.test(override) && Number(override) > 0) return Number(override);
  return QUICK ? quick : full;
}

export function record(row: BenchRow): void {
  const file = process.env[RESULTS_ENV];
  // Run through plain `vitest --project bench` there is no table to feed: the row is printed on its own instead.
  if (file === undefined) console.log(`bench: ${JSON.stringify(row)}`);
  else appendFileSync(file, `${JSON.stringify(row)}\n`);
}

/** Rows the machine could not measure, each saying why, so the table shows the gap instead of hiding it. */
export function recordUnmeasured(group: string, rows: Array<Pick<BenchRow, 'name' | 'unit' | 'target'>>, why: string) {
  for (const row of rows) record({ group, ...row, value: null, met: null, note: why });
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0–100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** "n=10, range 0.41–0.62 s": the spread a median hides. */
export function spread(values: readonly number[], unit: string, digits = 2): string {
  return `n=${values.length}, range ${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)} ${unit}`;
}

export function atMost(value: number, limit: number): boolean {
  return value <= limit;
}

export function atLeast(value: number, limit: number): boolean {
  return value >= limit;
}

/** Seconds since an arbitrary start, at sub-millisecond resolution, for measuring spans. */
export function seconds(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}
