// Watches for a peer that went away (an SSH server, a Gateway) to answer again while its link waits to retry: one
// cheap probe at a time, a few hundred ms apart, each bounded by its own timeout, until the peer answers or the
// watch is stopped. What an answer means (retry now, or not yet) is the supervisor's to decide.
import type { Clock, TimerHandle } from '../system/clock';

/** Often enough that a peer back is noticed within a fraction of a second; each probe is one TCP connect. */
export const PEER_WATCH_INTERVAL_MS = 250;

export interface PeerWatchOptions {
  /** One probe; settles within a bound of its own, and soon after `signal` aborts. A rejection counts as silence. */
  peerAnswers: (signal: AbortSignal) => Promise<boolean>;
  intervalMs: number;
  clock: Clock;
  /** The peer answered; the watch is over. */
  onAnswer: () => void;
  /** A probe found the peer away; the watch goes on. */
  onSilent: () => void;
}

/** Starts probing one interval from now; returns the function that stops the watch (a probe under way is aborted). */
export function watchPeer(options: PeerWatchOptions): () => void {
  const { peerAnswers, intervalMs, clock, onAnswer, onSilent } = options;
  const controller = new AbortController();
  let timer: TimerHandle;
  const probe = async () => {
    const answers = await peerAnswers(controller.signal).catch(() => false);
    if (controller.signal.aborted) return;
    if (answers) {
      onAnswer();
      return;
    }
    onSilent();
    if (!controller.signal.aborted) timer = clock.setTimeout(() => void probe(), intervalMs);
  };
  timer = clock.setTimeout(() => void probe(), intervalMs);
  return () => {
    controller.abort();
    clock.clearTimeout(timer);
  };
}
