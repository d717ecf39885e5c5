// The moments a waiting link should try at once instead of at the end of its backoff: the Mac woke or was unlocked
// (powerMonitor), or the network came back or changed (the network watch over Electron's `net.isOnline()` and this
// Mac's addresses). Each calls `nudge`; the returned function stops both.
import type { Clock } from '../services/system/clock';
import { watchNetwork } from '../services/link/network-watch';
import { readNetwork } from './network';
import { onWake } from './power';

export function nudgeOnWakeAndNetwork(nudge: () => void, clock: Clock): () => void {
  const stopWake = onWake(nudge);
  const stopNetwork = watchNetwork({ read: readNetwork, clock, onChange: nudge });
  return () => {
    stopWake();
    stopNetwork();
  };
}
