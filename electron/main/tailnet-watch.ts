// The tailnet watched for the windows that show it: one subscription however often pages ask, stopped by the page
// or when every window is gone, its changes sent as `tailscale:status` events.
import type { AppCore } from './actions/app-core';
import type { EventBus } from './event-bus';
import type { Logger } from './services/log/app-log';
import type { TailscaleService } from './services/tailscale/tailscale-service';

/**
 * The tailnet watched for the windows that show it: started by the first `tailscale:watch` and stopped by the last
 * window going away, since a window that closes never says it stopped watching.
 */
export function watchTailnetFor(tailscale: TailscaleService, events: EventBus, log: Logger): AppCore['tailnetWatch'] {
  let stop: (() => void) | undefined;
  return {
    set(watching) {
      if (watching && !stop) {
        stop = tailscale.watch((status) => {
          if (status.ok) events.emit('tailscale:status', status.value);
          else log.warn(`Could not read the tailnet: ${status.error.message}`);
        });
      } else if (!watching && stop) {
        stop();
        stop = undefined;
      }
    },
  };
}
