// The loop that keeps a link up, attempt by attempt on a clock the test moves: backoff and its cap, a delay the peer
// asked for, the reset after a stable period, no retry of what needs a person, nudges, losses, stop aborting
// the attempt under way while ignoring whatever it reports late, and the peer watch that retries the moment a peer
// that was away answers again, without a hot loop against a peer that answers but fails.
import { describe, expect, it } from 'vitest';
import { appError, type AppError } from '../../electron/shared/errors';
import type { LinkState } from '../../electron/shared/link-state';
import { createReconnectPolicy, type ReconnectPolicy } from '../../electron/main/services/link/reconnect-policy';
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

/** A peer whose answer to the watch's probes the test sets; it counts the probes. */
function scriptedPeer() {
  const peer = {
    answers: false,
    probes: 0,
    signals: [] as AbortSignal[],
    peerAnswers: (signal: AbortSignal) => {
      peer.probes += 1;
      peer.signals.push(signal);
      return Promise.resolve(peer.answers);
    },
  };
  return peer;
}

function setup(
  options: {
    onState?: (state: LinkState<Up>) => void;
    checkWhenNudged?: () => void;
    peerAnswers?: (signal: AbortSignal) => Promise<boolean>;
    policy?: ReconnectPolicy;
  } = {},
) {
  const clock = new SteppedClock();
  const log = createTestLog();
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
    ...(options.peerAnswers ? { peerAnswers: options.peerAnswers } : {}),
    policy:
      options.policy ??
      createReconnectPolicy({ initialMs: 1_000, maxMs: 4_000, factor: 2, jitter: 0, stableAfterMs: 30_000 }),
    clock,
    log: log.logger('link'),
  });
  const last = () => attempts.at(-1)!;
  /** Fails the newest attempt and lets the supervisor react. */
  const failLast = async (failure = down()) => {
    last().fail(failure);
    await settle();
  };
  /** Moves time on in steps of the watch's interval, letting each probe's answer reach the supervisor. */
  const watchFor = async (ms: number) => {
    for (let waited = 0; waited < ms; waited += 250) {
      clock.advance(Math.min(250, ms - waited));
      await settle();
    }
  };
  const logged = () => log.recent(1000).map((entry) => entry.message);
  return { clock, link, attempts, states, wasEverUp, last, failLast, watchFor, logged };
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

  it('keeps the backoff under a failure’s own cap while that failure lasts (a pairing waiting for approval)', async () => {
    const t = setup();
    t.link.start();
    const waitingForPerson: LinkFailure = { ...down(), maxDelayMs: 1_500 };
    const delays: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      await t.failLast(waitingForPerson);
      if (t.link.state.phase === 'retrying') delays.push(t.link.state.delayMs);
      t.clock.advance(t.clock.pending[0]!);
    }
    // The policy's own backoff would have gone 1 s, 2 s, 4 s, 4 s.
    expect(delays).toEqual([1_000, 1_500, 1_500, 1_500]);
    expect(t.link.state.phase).toBe('connecting');
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

  describe('peer watch', () => {
    /** The SSH link's backoff, without jitter: 1 s doubling to 60 s. */
    const sshBackoff = () =>
      createReconnectPolicy({ initialMs: 1_000, maxMs: 60_000, factor: 2, jitter: 0, stableAfterMs: 30_000 });

    it('after a long outage with the backoff grown to 60 s, starts the attempt the moment the peer answers', async () => {
      const peer = scriptedPeer();
      const t = setup({ peerAnswers: peer.peerAnswers, policy: sshBackoff() });
      t.link.start();
      t.last().attempt.up({ port: 1 });
      t.clock.advance(5_000);
      t.last().attempt.lost(down());
      // The peer stays away while the attempts fail and the backoff grows to its cap.
      while (t.link.state.phase !== 'retrying' || t.link.state.delayMs < 60_000) {
        if (t.link.state.phase === 'retrying') await t.watchFor(t.link.state.delayMs);
        await t.failLast();
      }
      const attempts = t.attempts.length;
      expect(t.link.state).toMatchObject({ phase: 'retrying', delayMs: 60_000 });
      await t.watchFor(10_000);
      expect(t.attempts).toHaveLength(attempts);
      expect(peer.probes).toBeGreaterThan(100);

      peer.answers = true;
      await t.watchFor(250);
      expect(t.attempts).toHaveLength(attempts + 1);
      expect(t.link.state.phase).toBe('connecting');
      // The backoff's own retry is cancelled, and the watch is over.
      expect(t.clock.pending).toEqual([]);
      t.last().attempt.up({ port: 1 });
      expect(t.link.state.phase).toBe('up');
      // Said once when watching began and once when the peer answered; never per probe.
      const watchLines = t.logged().filter((line) => /reached again/.test(line));
      expect(watchLines).toEqual([
        'Checking every 250 ms whether the test link can be reached again',
        'The test link can be reached again; retrying now',
      ]);
    });

    it('falls back to the backoff when the attempt after an answering probe fails: no hot loop', async () => {
      const peer = scriptedPeer();
      peer.answers = true;
      const t = setup({ peerAnswers: peer.peerAnswers, policy: sshBackoff() });
      t.link.start();
      await t.failLast();
      // The first failure's wait: the peer answers, so it is tried at once.
      await t.watchFor(250);
      expect(t.attempts).toHaveLength(2);
      await t.failLast();
      expect(t.link.state).toMatchObject({ phase: 'retrying', attempt: 2, delayMs: 2_000 });
      // It answers but fails: the backoff starts the next attempt, and one probe is all each wait gets.
      const probes = peer.probes;
      await t.watchFor(1_999);
      expect(t.attempts).toHaveLength(2);
      expect(peer.probes).toBe(probes + 1);
      await t.watchFor(1);
      expect(t.attempts).toHaveLength(3);

      // Five minutes of a peer that answers but fails every attempt: the backoff's pace (2, 4, … 60 s), no faster.
      let failed = 0;
      for (let waited = 0; waited < 300_000; waited += 250) {
        if (t.link.state.phase === 'connecting') {
          await t.failLast();
          failed += 1;
        }
        await t.watchFor(250);
      }
      expect(failed).toBeLessThanOrEqual(9);
      expect(peer.probes - probes).toBeLessThanOrEqual(failed + 2);

      // Once the peer has been seen away, its coming back is news again.
      if (t.link.state.phase === 'connecting') await t.failLast();
      const before = t.attempts.length;
      peer.answers = false;
      await t.watchFor(250);
      peer.answers = true;
      await t.watchFor(250);
      expect(t.attempts).toHaveLength(before + 1);
    });

    it('never probes or retries a failure that needs a person', async () => {
      const peer = scriptedPeer();
      peer.answers = true;
      const t = setup({ peerAnswers: peer.peerAnswers, policy: sshBackoff() });
      t.link.start();
      await t.failLast({ error: appError('auth-failed', 'Every key was refused.'), retry: false });
      await t.watchFor(600_000);
      expect(t.link.state.phase).toBe('failed');
      expect(peer.probes).toBe(0);
      expect(t.attempts).toHaveLength(1);
    });

    it('a peer that said when to come back is retried early only after it was seen away', async () => {
      const peer = scriptedPeer();
      peer.answers = true;
      const t = setup({ peerAnswers: peer.peerAnswers, policy: sshBackoff() });
      t.link.start();
      t.last().attempt.up({ port: 1 });
      // Still answering as it restarts (or rate-limits): its answer is no reason to come back before it asked.
      t.last().attempt.lost(down(true, 5_000));
      await t.watchFor(4_750);
      expect(t.attempts).toHaveLength(1);
      await t.watchFor(250);
      expect(t.attempts).toHaveLength(2);
      // Gone for a moment, then back: that is the restart done.
      t.last().attempt.up({ port: 1 });
      t.last().attempt.lost(down(true, 5_000));
      peer.answers = false;
      await t.watchFor(500);
      peer.answers = true;
      await t.watchFor(250);
      expect(t.attempts).toHaveLength(3);
      expect(t.link.state.phase).toBe('connecting');
    });

    it('stop ends the watch and aborts the probe under way', async () => {
      const peer = scriptedPeer();
      const t = setup({ peerAnswers: peer.peerAnswers, policy: sshBackoff() });
      t.link.start();
      await t.failLast();
      await t.watchFor(500);
      expect(peer.probes).toBe(2);
      t.link.stop();
      expect(peer.signals.every((signal) => signal.aborted)).toBe(true);
      await t.watchFor(60_000);
      expect(peer.probes).toBe(2);
      expect(t.clock.pending).toEqual([]);
    });
  });
});
