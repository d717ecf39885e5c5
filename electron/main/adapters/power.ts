// Wake from sleep and screen unlock, the moments a laptop's links are most likely dead or about to come back:
// whatever waits to reconnect should try at once instead of at the end of its backoff.
import { powerMonitor } from 'electron';

export function onWake(listener: () => void): () => void {
  powerMonitor.on('resume', listener);
  powerMonitor.on('unlock-screen', listener);
  return () => {
    powerMonitor.off('resume', listener);
    powerMonitor.off('unlock-screen', listener);
  };
}
