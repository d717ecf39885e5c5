// Keeps one link up: one attempt at a time, each with its own AbortSignal; after a failure or a loss the next attempt
// follows a jittered, capped backoff (started over once the link had stayed up long enough, or at once when nudged),
// unless the failure needs a person. The SSH tunnel and the Gateway client each run under one.
import type { AppError } from '../../../shared/errors';
import type { LinkState, LinkStep } from '../../../shared/link-state';
import type { Logger } from '../log/app-log';
import type { Clock, TimerHandle } from '../system/clock';
import type { ReconnectPolicy } from './reconnect-policy';

/** Why an attempt failed or a link that was up dropped, and whether to try again without a person. */
export interface LinkFailure<E extends AppError = AppError> {
  error: E;
  /** False: nothing changes until a person acts (a refused key, a changed host key, a wrong token). */
  retry: boolean;
  /** The peer said when to come back (a Gateway restarting or rate-limiting): instead of the backoff's delay. */
  retryAfterMs?: number;
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
    const current = this.#current;
    this.#current = undefined;
    current?.abort();
    if (this.#state.phase !== 'idle') this.#setState({ phase: 'idle' });
  }

  #begin(): void {
    const controller = new AbortController();
    this.#current = controller;
    this.#retryTimer = undefined;
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
        this.#setState({ ...up, phase: 'up', since: upSince });
      },
      lost: (failure) => {
        if (isCurrent()) this.#ended(controller, failure, upSince);
      },
    };
    this.#options.attempt(attempt).catch((thrown: unknown) => {
      if (isCurrent()) this.#ended(controller, this.#options.failureOf(thrown, this.#wasEverUp), upSince);
    });
  }

  /** The attempt failed, or its link (up since `upSince`) dropped: try again later, or wait for a person. */
  #ended(controller: AbortController, failure: LinkFailure<E>, upSince: number | undefined): void {
    const { policy, log, name, clock } = this.#options;
    this.#current = undefined;
    controller.abort();
    if (upSince !== undefined) policy.connectionLasted(clock.now() - upSince);
    const { message } = failure.error;
    if (!failure.retry) {
      log.error(`Stopped trying to reach ${name}: ${message}`);
      this.#setState({ phase: 'failed', error: failure.error });
      return;
    }
    const { attempt, delayMs: backoff } = policy.next();
    const delayMs = failure.retryAfterMs ?? backoff;
    // A loss is news; a failed attempt while down is the expected course of a retry.
    log[upSince === undefined ? 'info' : 'warn'](`${message} Retrying ${name} in ${delayMs} ms (attempt ${attempt}).`);
    // Armed before the state is announced, so a listener that stops or nudges the supervisor clears it.
    this.#retryTimer = clock.setTimeout(() => this.#begin(), delayMs);
    this.#setState({ phase: 'retrying', attempt, delayMs, at: clock.now() + delayMs, lastError: failure.error });
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
