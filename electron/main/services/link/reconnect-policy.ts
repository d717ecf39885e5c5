// When to try again after a link drops or an attempt fails: exponential backoff with jitter and a cap, reset once a
// link has stayed up for a stable period (autossh's gate time), so a flapping link slows down while a link that
// dies once a day reconnects at once. Pure: the caller supplies time and randomness.

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Fraction of the delay added or removed at random (0.2 = ±20 %), so many clients don't retry in step. */
  jitter: number;
  /** A connection that lasted this long resets the backoff to its start. */
  stableAfterMs: number;
}

/** The SSH link's: it is the slow, expensive one to set up. */
export const DEFAULT_BACKOFF: BackoffOptions = {
  initialMs: 1_000,
  maxMs: 60_000,
  factor: 2,
  jitter: 0.2,
  stableAfterMs: 30_000,
};

export interface ReconnectPolicy {
  /** The next attempt's number (1-based) and how long to wait before it. */
  next(): { attempt: number; delayMs: number };
  /** Record that a connection was up for `uptimeMs` before it dropped. */
  connectionLasted(uptimeMs: number): void;
  /** Forget past failures (a manual retry, a wake from sleep). */
  reset(): void;
}

export function createReconnectPolicy(
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): ReconnectPolicy {
  let failures = 0;
  return {
    next() {
      const base = Math.min(options.maxMs, options.initialMs * options.factor ** failures);
      failures += 1;
      const spread = base * options.jitter * (random() * 2 - 1);
      return { attempt: failures, delayMs: Math.max(0, Math.round(Math.min(options.maxMs, base + spread))) };
    },
    connectionLasted(uptimeMs) {
      if (uptimeMs >= options.stableAfterMs) failures = 0;
    },
    reset() {
      failures = 0;
    },
  };
}
