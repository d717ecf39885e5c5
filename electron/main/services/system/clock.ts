// Time as services see it: the current moment and timers, injected so that tests can step through backoffs,
// deadlines and polling without waiting, and so no service reaches for the real clock on its own.

/** What a timer returns; only ever handed back to clearTimeout (which also takes undefined, as unknown includes it). */
export type TimerHandle = unknown;

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}
