// Time as services see it: the current moment and timers, injected so that tests can step through backoffs,
// deadlines and polling without waiting, and so no service reaches for the real clock on its own.

/** What a timer returns; only ever handed back to clearTimeout. */
export type TimerHandle = unknown;

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Takes undefined too (no timer was set), as the global one does: TimerHandle admits it. */
  clearTimeout(handle: TimerHandle): void;
}
