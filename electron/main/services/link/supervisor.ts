// Keeps one link up: one attempt at a time, each with its own AbortSignal; after a failure or a loss the next attempt
// follows a jittered, capped backoff (started over once the link had stayed up long enough, or at once when nudged),
// unless the failure needs a person; meanwhile a peer watch starts it the moment a peer that was away answers again.
// The SSH tunnel and the Gateway client each run under one.
import type { AppError } from '../../../shared/errors';
import type { LinkState, LinkStep } from '../../../shared/link-state';
import type { Logger } from '../log/app-log';
import type { Clock, TimerHandle } from '../system/clock';
import { PEER_WATCH_INTERVAL_MS, watchPeer } from './peer-watch';
import type { ReconnectPolicy } from './reconnect-policy';

/** Why an attempt failed or a link that was up dropped, and whether to try again without a person. */
export interface LinkFailure<E extends AppError = AppError> {
  error: E;
  /** False: nothing changes until a person acts (a refused key, a changed host key, a wrong token). */
  retry: boolean;
  /** The peer said when to come back (a Gateway restarting or rate-limiting): instead of the backoff's delay. */
  retryAfterMs?: number;
  /**
   * While this failure lasts the backoff grows no longer than this: a person is about to act elsewhere (approve a
   * pairing on the Gateway host) and the link should follow within moments, however long they took.
   */
  maxDelayMs?: number;
}

/** What one attempt is handed. */
export interface Attempt<Up extends object, E extends AppError> {
  /** Aborted once this attempt is over, whatever ended it (stop, failure, loss): drop whatever it holds. */
  readonly signal: AbortSignal;
  /** What the attempt is doing now. */
  step(step: LinkStep): void;
  /** The link is up; called again with what changed while it is (a new latency). */
  up(up: Up): void;
  /** The link that was up has dropped. */
  lost(failure: LinkFailure<E>): void;
}

export interface LinkSupervisorOptions<Up extends object, E extends AppError> {
  /** What is kept up, as the log names it: "the SSH link", "the Gateway". */
  name: string;
  /** One try at bringing the link up: calls `up` once it is, or rejects. Resolves without `up` only when aborted. */
  attempt(attempt: Attempt<Up, E>): Promise<void>;
  /** What a rejected attempt means; `wasEverUp` tells a name that stopped resolving from a typo, for example. */
  failureOf(thrown: unknown, wasEverUp: boolean): LinkFailure<E>;
  /** Nudged while up (a wake from sleep, a new network): check that the link still answers, and report it lost if not. */
  checkWhenNudged?(): void;
  /**
   * Whether the peer answers at all (a TCP connect to its port, the Gateway's /healthz): probed while waiting to
   * retry, so that a peer back after an outage is tried at once rather than after a backoff that grew meanwhile.
   * Must settle within a bound of its own, and soon after `signal` aborts.
   */
  peerAnswers?: (signal: AbortSignal) => Promise<boolean>;
  /** Default: PEER_WATCH_INTERVAL_MS. */
  peerWatchIntervalMs?: number;
  /** Every change of state, in order. */
  onState(state: LinkState<Up, E>): void;
  policy: ReconnectPolicy;
  clock: Clock;
  log: Logger;
}

export class LinkSupervisor<Up extends object, E extends AppError = AppError> {
  readonly #options: LinkSupervisorOptions<Up, E>;
  #state: LinkState<Up, E> = { phase: 'idle' };
  /** The attempt under way, or the one whose link is up. */
  #current: AbortController | undefined;
  #retryTimer: TimerHandle;
  #stopWatch: (() => void) | undefined;
  /**
   * The peer answered a probe and the attempt that followed failed anyway (auth failing for now, a Gateway refusing):
   * its answers are no news, and the backoff governs, until the peer is seen away or the link is up again.
   */
  #answersButFails = false;
  /** The watch was logged in this outage: it is said once, not per retry. */
  #watchLogged = false;
  #wasEverUp = false;

  constructor(options: LinkSupervisorOptions<Up, E>) {
    this.#options = options;
  }

  get state(): LinkState<Up, E> {
    return this.#state;
  }

  /** Starts attempting (again, after a failure that needed a person); keeps the link up until stop(). */
  start(): void {
    if (this.#state.phase !== 'idle' && this.#state.phase !== 'failed') return;
    this.#options.policy.reset();
    this.#wasEverUp = false;
    this.#answersButFails = false;
    this.#watchLogged = false;
    this.#begin();
  }

  /**
   * Something changed (a wake, a new network, the way to the peer is back): retry now if waiting to, from the start
   * of the backoff; if up, have the link checked.
   */
  nudge(): void {
    const { policy, log, name, clock } = this.#options;
    if (this.#state.phase === 'retrying') {
      clock.clearTimeout(this.#retryTimer);
      policy.reset();
      this.#answersButFails = false;
      log.info(`Retrying ${name} now (nudged)`);
      this.#begin();
    } else if (this.#state.phase === 'up') {
      this.#options.checkWhenNudged?.();
    }
  }

  /** Ends the attempt under way or the link that is up; nothing is attempted afterwards. */
  stop(): void {
    this.#options.clock.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#stopWatching();
    const current = this.#current;
    this.#current = undefined;
    current?.abort();
    if (this.#state.phase !== 'idle') this.#setState({ phase: 'idle' });
  }

  /** `byWatch`: started because the peer answered a probe, before the backoff was over. */
  #begin(byWatch = false): void {
    const controller = new AbortController();
    this.#current = controller;
    this.#retryTimer = undefined;
    this.#stopWatching();
    this.#setState({ phase: 'connecting' });
    // A state listener may have stopped the supervisor already.
    if (controller.signal.aborted) return;
    const isCurrent = () => this.#current === controller;
    let upSince: number | undefined;
    const attempt: Attempt<Up, E> = {
      signal: controller.signal,
      step: (step) => {
        if (isCurrent() && upSince === undefined) this.#setState({ phase: 'connecting', step });
      },
      up: (up) => {
        if (!isCurrent()) return;
        upSince ??= this.#options.clock.now();
        this.#wasEverUp = true;
        this.#answersButFails = false;
        this.#watchLogged = false;
        this.#setState({ ...up, phase: 'up', since: upSince });
      },
      lost: (failure) => {
        if (isCurrent()) this.#ended(controller, failure, upSince, byWatch);
      },
    };
    this.#options.attempt(attempt).catch((thrown: unknown) => {
      if (isCurrent()) this.#ended(controller, this.#options.failureOf(thrown, this.#wasEverUp), upSince, byWatch);
    });
  }

  /** The attempt failed, or its link (up since `upSince`) dropped: try again later, or wait for a person. */
  #ended(controller: AbortController, failure: LinkFailure<E>, upSince: number | undefined, byWatch: boolean): void {
    const { policy, log, name, clock } = this.#options;
    this.#current = undefined;
    controller.abort();
    if (upSince !== undefined) policy.connectionLasted(clock.now() - upSince);
    if (byWatch && upSince === undefined) this.#answersButFails = true;
    const { message } = failure.error;
    if (!failure.retry) {
      log.error(`Stopped trying to reach ${name}: ${message}`);
      this.#setState({ phase: 'failed', error: failure.error });
      return;
    }
    const { attempt, delayMs: backoff } = policy.next();
    const delayMs = failure.retryAfterMs ?? Math.min(backoff, failure.maxDelayMs ?? backoff);
    // A loss is news; a failed attempt while down is the expected course of a retry.
    log[upSince === undefined ? 'info' : 'warn'](`${message} Retrying ${name} in ${delayMs} ms (attempt ${attempt}).`);
    // Armed before the state is announced, so a listener that stops or nudges the supervisor clears them.
    this.#retryTimer = clock.setTimeout(() => this.#begin(), delayMs);
    // A peer that said when to come back (a Gateway restarting, rate-limiting) may still answer as it goes away:
    // only its answering after it was seen away is news.
    this.#watchPeer(failure.retryAfterMs === undefined && !this.#answersButFails);
    this.#setState({ phase: 'retrying', attempt, delayMs, at: clock.now() + delayMs, lastError: failure.error });
  }

  /**
   * While waiting to retry, probes the peer; the first answer starts the attempt at once if `answerIsNews` (or the
   * peer has been seen away since). An answer that is no news ends the watch: the backoff governs this wait, and
   * the peer is not probed over and over while it answers (each probe would be a line in an sshd's log).
   */
  #watchPeer(answerIsNews: boolean): void {
    const { peerAnswers, log, name, clock } = this.#options;
    if (!peerAnswers) return;
    const intervalMs = this.#options.peerWatchIntervalMs ?? PEER_WATCH_INTERVAL_MS;
    if (!this.#watchLogged) {
      this.#watchLogged = true;
      log.info(`Checking every ${intervalMs} ms whether ${name} can be reached again`);
    }
    let news = answerIsNews;
    this.#stopWatch = watchPeer({
      peerAnswers,
      intervalMs,
      clock,
      onSilent: () => {
        news = true;
        this.#answersButFails = false;
      },
      onAnswer: () => {
        this.#stopWatch = undefined;
        if (!news || this.#state.phase !== 'retrying') return;
        clock.clearTimeout(this.#retryTimer);
        log.info(`${capitalized(name)} can be reached again; retrying now`);
        this.#begin(true);
      },
    });
  }

  #stopWatching(): void {
    this.#stopWatch?.();
    this.#stopWatch = undefined;
  }

  /** A listener's exception must not break the loop that keeps the link up. */
  #setState(state: LinkState<Up, E>): void {
    this.#state = state;
    try {
      this.#options.onState(state);
    } catch (error) {
      this.#options.log.error(`A listener to the state of ${this.#options.name} failed: ${String(error)}`);
    }
  }
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
