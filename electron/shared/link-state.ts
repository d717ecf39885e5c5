// The one shape of a link's life, reported alike by the SSH tunnel, the Gateway client and a route, and read by the
// connection that folds them into its status: idle, connecting (and the step under way), up, waiting to retry (which
// attempt, when and why) or failed until a person acts. No layer re-translates another's states.
import type { AppError } from './errors';

/** What an attempt is doing right now; the describer words each step. */
export type LinkStep =
  | { step: 'reading-ssh-config' }
  /** `hop`: the ProxyJump host's number on the way, when this leg is not the destination. */
  | { step: 'connecting'; host: string; port: number; hop?: number }
  | { step: 'verifying-host'; host: string; port: number }
  | { step: 'authenticating'; user: string; host: string }
  | { step: 'opening-gateway' }
  | { step: 'signing-in-to-gateway' };

/**
 * `Up` is what a link that is up carries (the forwarded port, the Gateway's version and latency), `E` the errors it
 * reports (a Gateway's may name a pairing request).
 */
export type LinkState<Up extends object = object, E extends AppError = AppError> =
  | { phase: 'idle' }
  | { phase: 'connecting'; step?: LinkStep }
  /** `since`: epoch milliseconds of the moment it came up. */
  | ({ phase: 'up'; since: number } & Up)
  /** `attempt` counts retries since the link was last well; `at` is the next one's epoch milliseconds. */
  | { phase: 'retrying'; attempt: number; delayMs: number; at: number; lastError: E }
  | { phase: 'failed'; error: E };
