// Which connection buttons a state offers, for the status header, the live profile's row and the menu bar alike, so they
// never disagree: Connect when nothing runs, Retry now while waiting or after a failure, Disconnect while anything runs.

import type { ConnectionState } from './connection-status';

export interface LiveButtons {
  connect: boolean;
  /** 'reconnect': a failed connection has nothing left running to nudge, so retrying it is connecting it again. */
  retry: 'nudge' | 'reconnect' | undefined;
  disconnect: boolean;
}

/** `errorFixRetries`: the error's own fix button already connects or retries, so Retry now would say it twice. */
export function liveButtons(state: ConnectionState, errorFixRetries = false): LiveButtons {
  switch (state) {
    case 'idle':
      return { connect: true, retry: undefined, disconnect: false };
    case 'error':
      return { connect: false, retry: errorFixRetries ? undefined : 'reconnect', disconnect: false };
    case 'reconnecting':
      return { connect: false, retry: errorFixRetries ? undefined : 'nudge', disconnect: true };
    case 'connecting':
    case 'connected':
    case 'degraded':
      return { connect: false, retry: undefined, disconnect: true };
  }
}
