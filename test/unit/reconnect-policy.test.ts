// Backoff between reconnect attempts: doubling to a cap, jittered within bounds, reset by a stable link.
import { describe, expect, it } from 'vitest';
import { createReconnectPolicy, DEFAULT_BACKOFF } from '../../electron/main/services/link/reconnect-policy';

const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };

describe('reconnect policy', () => {
  it('doubles from 1 s up to the 60 s cap, numbering attempts', () => {
    const policy = createReconnectPolicy(noJitter);
    const delays = Array.from({ length: 9 }, () => policy.next());
    expect(delays.map((d) => d.delayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(delays.map((d) => d.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps jitter within ±20 % and never above the cap', () => {
    const low = createReconnectPolicy(DEFAULT_BACKOFF, () => 0);
    const high = createReconnectPolicy(DEFAULT_BACKOFF, () => 0.999999);
    expect(low.next().delayMs).toBe(800);
    expect(high.next().delayMs).toBe(1_200);
    for (let i = 0; i < 10; i += 1) expect(high.next().delayMs).toBeLessThanOrEqual(60_000);
  });

  it('starts over after a connection that stayed up for the stable period', () => {
    const policy = createReconnectPolicy(noJitter);
    policy.next();
    policy.next();
    policy.connectionLasted(29_999);
    expect(policy.next().delayMs).toBe(4_000);
    policy.connectionLasted(30_000);
    expect(policy.next()).toEqual({ attempt: 1, delayMs: 1_000 });
  });

  it('starts over when reset', () => {
    const policy = createReconnectPolicy(noJitter);
    policy.next();
    policy.next();
    policy.reset();
    expect(policy.next()).toEqual({ attempt: 1, delayMs: 1_000 });
  });
});
