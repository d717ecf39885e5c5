// The loop that keeps a link up, attempt by attempt on a clock the test moves: backoff and its cap, a delay the peer
// asked for, the reset after a stable period, no retry of what needs a person, nudges, losses, and stop aborting
// the attempt under way while ignoring whatever it reports late.
import { describe, expect, it } from 'vitest';
import { appError, type AppError } from '../../electron/shared/errors';
import type { LinkState } from '../../electron/shared/link-state';
import { createReconnectPolicy } from '../../electron/main/services/link/reconnect-policy';
import { LinkSupervisor, type Attempt, type LinkFailure } from '../../electron/main/services/link/supervisor';
import { SteppedClock } from '../fixtures/stepped-clock';
import { createTestLog } from '../fixtures/silent-log';

interface Up {
  port: number;
}

/** One attempt the test decides the outcome of. */
interface Scripted {
  attempt: Attempt<Up, AppError>;
  fail(failure: LinkFailure): void;
  throwUnexpected(error: Error): void;
  resolve(): void;
}

const down = (retry = true, retryAfterMs?: number): LinkFailure => ({
  error: appError('host-unreachable', 'The host did not answer.'),
  retry,
  ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
});

/** Lets the supervisor see a settled attempt. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup(options: { onState?: (state: LinkState<Up>) => void; checkWhenNudged?: () => void } = {}) {
  const clock = new SteppedClock();
  const attempts: Scripted[] = [];
  const states: LinkState<Up>[] = [];
  const wasEverUp: boolean[] = [];
  const link = new LinkSupervisor<Up>({
    name: 'the test link',
    attempt: (attempt) =>
      new Promise<void>((resolve, reject) => {
        attempts.push({
          attempt,
          fail: (failure) => reject(Object.assign(new Error(failure.error.message), { failure })),
          throwUnexpected: reject,
          resolve,
        });
      }),
    failureOf: (thrown, everUp) => {
      wasEverUp.push(everUp);
      const { failure } = thrown as { failure?: LinkFailure };
      return failure ?? { error: appError('internal', String(thrown)), retry: true };
    },
    onState: (state) => {
      states.push(state);
      options.onState?.(state);
    },
    ...(options.checkWhenNudged ? { checkWhenNudged: options.checkWhenNudged } : {}),
    policy: createReconnectPolicy({ initialMs: 1_000, maxMs: 4_000, factor: 2, jitter: 0, stableAfterMs: 30_000 }),
    clock,
    log: createTestLog().logger('link'),
  });
  const last = () => attempts.at(-1)!;
  /** Fails the newest attempt and lets the supervisor react. */
  const failLast = async (failure = down()) => {
    last().fail(failure);
    await settle();
  };
  return { clock, link, attempts, states, wasEverUp, last, failLast };
}

describe('link supervisor', () => {
  it('goes idle → connecting (with its steps) → up, since the moment it came up', () => {
    const t = setup();
    expect(t.link.state).toEqual({ phase: 'idle' });
    t.link.start();
    expect(t.link.state).toEqual({ phase: 'connecting' });
    t.last().attempt.step({ step: 'authenticating', user: 'me', host: 'home' });
    expect(t.link.state).toEqual({ phase: 'connecting', step: { step: 'authenticating', user: 'me', host: 'home' } });
    t.clock.advance(500);
    t.last().attempt.up({ port: 4000 });
    expect(t.link.state).toEqual({ phase: 'up', since: 1_000_500, port: 4000 });
    t.clock.advance(100);
    t.last().attempt.up({ port: 4001 });
    expect(t.link.state).toEqual({ phase: 'up', since: 1_000_500, port: 4001 });
    expect(t.states.map((state) => state.phase)).toEqual(['connecting', 'connecting', 'up', 'up']);
  });

  it('retries a failed attempt after a backoff that doubles to its cap, saying when and why', async () => {
    const t = setup();
    t.link.start();
    await t.failLast();
    expect(t.link.state).toEqual({
      phase: 'retrying',
      attempt: 1,
      delayMs: 1_000,
      at: 1_001_000,
      lastError: down().error,
    });
    expect(t.clock.pending).toEqual([1_000]);
    t.clock.advance(999);
    expect(t.attempts).toHaveLength(1);
    t.clock.advance(1);
    expect(t.attempts).toHaveLength(2);
    expect(t.link.state.phase).toBe('connecting');
    const delays: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await t.failLast();
      if (t.link.state.phase === 'retrying') delays.push(t.link.state.delayMs);
      t.clock.advance(t.clock.pending[0]!);
    }
    expect(delays).toEqual([2_000, 4_000, 4_000]);
  });

  it('waits as long as the peer asked instead of the backoff', async () => {
    const t = setup();
    t.link.start();
    await t.failLast(down(true, 700));
    expect(t.link.state).toMatchObject({ phase: 'retrying', attempt: 1, delayMs: 700 });
    expect(t.clock.pending).toEqual([700]);
  });

  it('never retries a failure that needs a person, until started again', async () => {
    const t = setup();
    t.link.start();
    const refused: LinkFailure = { error: appError('auth-failed', 'Every key was refused.'), retry: false };
    await t.failLast(refused);
    expect(t.link.state).toEqual({ phase: 'failed', error: refused.error });
    expect(t.clock.pending).toEqual([]);
    t.link.nudge();
    t.clock.advance(600_000);
    expect(t.attempts).toHaveLength(1);
    t.link.start();
    expect(t.attempts).toHaveLength(2);
  });

  it('after a link that was up drops: retries, and starts the backoff over once it had stayed up long enough', async () => {
    const t = setup();
    t.link.start();
    await t.failLast();
    t.clock.advance(1_000);
    await t.failLast();
    t.clock.advance(2_000);
    t.last().attempt.up({ port: 1 });
    t.clock.advance(10_000);
    t.last().attempt.lost(down());
    // Up for 10 s, less than the stable period: the backoff goes on growing.
    expect(t.link.state).toMatchObject({ phase: 'retrying', attempt: 3, delayMs: 4_000 });
    t.clock.advance(4_000);
    t.last().attempt.up({ port: 1 });
    t.clock.advance(30_000);
    t.last().attempt.lost(down());
    expect(t.link.state).toMatchObject({ phase: 'retrying', attempt: 1, delayMs: 1_000 });
  });

  it('an attempt that throws after its link was up counts as lost, and failures know the link was up once', async () => {
    const t = setup();
    t.link.start();
    await t.failLast();
    expect(t.wasEverUp).toEqual([false]);
    t.clock.advance(1_000);
    t.last().attempt.up({ port: 1 });
    t.last().throwUnexpected(new Error('boom'));
    await settle();
    expect(t.wasEverUp).toEqual([false, true]);
    expect(t.link.state).toMatchObject({
      phase: 'retrying',
      lastError: { kind: 'internal', message: 'Error: boom' },
    });
  });

  it('retries at once when nudged while waiting, from the start of the backoff', async () => {
    const t = setup();
    t.link.start();
    await t.failLast();
    t.clock.advance(1_000);
    await t.failLast();
    expect(t.link.state).toMatchObject({ phase: 'retrying', attempt: 2, delayMs: 2_000 });
    t.link.nudge();
    expect(t.attempts).toHaveLength(3);
    expect(t.clock.pending).toEqual([]);
    await t.failLast();
    expect(t.link.state).toMatchObject({ phase: 'retrying', attempt: 1, delayMs: 1_000 });
  });

  it('a nudge while up asks for a check; while connecting it changes nothing', async () => {
    let checks = 0;
    const t = setup({ checkWhenNudged: () => (checks += 1) });
    t.link.start();
    t.link.nudge();
    expect(t.attempts).toHaveLength(1);
    t.last().attempt.up({ port: 1 });
    t.link.nudge();
    expect(checks).toBe(1);
  });

  it('stop aborts the attempt under way, goes idle, and ignores whatever that attempt reports later', async () => {
    const t = setup();
    t.link.start();
    const { attempt } = t.last();
    t.link.stop();
    expect(attempt.signal.aborted).toBe(true);
    expect(t.link.state).toEqual({ phase: 'idle' });
    attempt.up({ port: 1 });
    t.last().fail(down());
    await settle();
    expect(t.link.state).toEqual({ phase: 'idle' });
    expect(t.clock.pending).toEqual([]);
  });

  it('stop while waiting cancels the retry; each attempt’s signal is aborted once it is over', async () => {
    const t = setup();
    t.link.start();
    await t.failLast();
    expect(t.attempts[0]!.attempt.signal.aborted).toBe(true);
    t.link.stop();
    t.clock.advance(60_000);
    expect(t.attempts).toHaveLength(1);
    expect(t.link.state).toEqual({ phase: 'idle' });
  });

  it('a state listener that stops the link on a failure leaves no retry behind', async () => {
    const t = setup({
      onState: (state) => {
        if (state.phase === 'retrying') t.link.stop();
      },
    });
    t.link.start();
    await t.failLast();
    expect(t.link.state).toEqual({ phase: 'idle' });
    expect(t.clock.pending).toEqual([]);
  });

  it('a state listener that throws does not stop the link from retrying', async () => {
    const t = setup({
      onState: () => {
        throw new Error('listener broke');
      },
    });
    t.link.start();
    await t.failLast();
    t.clock.advance(1_000);
    expect(t.attempts).toHaveLength(2);
  });
});
