// Network changes, for links waiting to retry: Electron's main process has no event for Wi-Fi coming back or the Mac
// moving to another network (and the window is often closed), so the network is looked at every NETWORK_POLL_MS, and `onChange` is called when it is online and
// was not, or online with other addresses than before (another network) — the moments a retry now is likely to work.
import type { Clock, TimerHandle } from '../system/clock';

export interface NetworkState {
  online: boolean;
  /** This Mac's own addresses on its external interfaces, in any order. */
  addresses: readonly string[];
}

export const NETWORK_POLL_MS = 3_000;

export function watchNetwork(options: {
  read: () => NetworkState;
  clock: Clock;
  onChange: () => void;
  pollMs?: number;
}): () => void {
  const { read, clock, onChange } = options;
  const pollMs = options.pollMs ?? NETWORK_POLL_MS;
  const fingerprint = (state: NetworkState) => [...state.addresses].sort().join(' ');
  let last = read();
  let timer: TimerHandle;
  let stopped = false;
  const look = () => {
    if (stopped) return;
    const now = read();
    const changed = now.online && (!last.online || fingerprint(now) !== fingerprint(last));
    last = now;
    if (changed) onChange();
    timer = clock.setTimeout(look, pollMs);
  };
  timer = clock.setTimeout(look, pollMs);
  return () => {
    stopped = true;
    clock.clearTimeout(timer);
  };
}
