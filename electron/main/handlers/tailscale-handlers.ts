// The Tailscale page's requests: the tailnet with its Gateways, live updates while the page is open (and no longer
// once every window is gone), switching tailnets, and turning a device into a profile (new, or the one made before).
import type { Profile } from '../../shared/profile';
import type { Result } from '../../shared/errors';
import { AppFailure } from '../app-failure';
import type { EventBus } from '../event-bus';
import type { Handlers } from '../router';
import type { Logger } from '../services/log/app-log';
import type { ProfileService } from '../services/profiles/profile-service';
import { findDevice, tailscaleRouteFor } from '../services/tailscale/device-route';
import type { TailscaleService } from '../services/tailscale/tailscale-service';

type TailscaleHandlers = Pick<
  Handlers,
  'tailscale:scan' | 'tailscale:watch' | 'tailscale:tailnets' | 'tailscale:switch' | 'tailscale:use-device'
>;

export function tailscaleHandlers(deps: {
  tailscale: TailscaleService;
  profiles: ProfileService;
  events: EventBus;
  log: Logger;
}): { handlers: TailscaleHandlers; stopWatching: () => void } {
  const { tailscale, profiles, events, log } = deps;
  let stopWatching: (() => void) | undefined;
  const handlers: TailscaleHandlers = {
    'tailscale:scan': async () => valueOf(await tailscale.discoverGateways()),
    'tailscale:watch': ({ watching }) => {
      if (watching && !stopWatching) {
        stopWatching = tailscale.watch((status) => {
          if (status.ok) events.emit('tailscale:status', status.value);
          else log.warn(`Could not read the tailnet: ${status.error.message}`);
        });
      } else if (!watching && stopWatching) {
        stopWatching();
        stopWatching = undefined;
      }
      return null;
    },
    'tailscale:tailnets': async () => valueOf(await tailscale.listTailnets()),
    'tailscale:switch': async ({ id }) => valueOf(await tailscale.switchTailnet(id)),
    'tailscale:use-device': async ({ deviceId, via, user }) => {
      // Discovery (cached briefly) says whether the device runs a Gateway, which decides the default route.
      const { status } = valueOf(await tailscale.discoverGateways());
      const device = valueOf(findDevice(status, deviceId));
      const route = valueOf(tailscaleRouteFor(device, { ...(via ? { via } : {}), ...(user ? { user } : {}) }));
      const existing = profiles
        .list()
        .find((profile) => profile.route.kind === 'tailscale' && profile.route.deviceId === device.id);
      if (existing) return profiles.update(existing.id, { route });
      return profiles.add({ name: freeName(profiles.list(), device.name), route });
    },
  };
  return {
    handlers,
    // A window that closes never says it stopped watching; without this the tailnet would be polled for nobody.
    stopWatching: () => {
      stopWatching?.();
      stopWatching = undefined;
    },
  };
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new AppFailure(result.error);
  return result.value;
}

/** The device's name, or with " (Tailscale)" when a profile already has that name. */
function freeName(profiles: readonly Profile[], name: string): string {
  const taken = (candidate: string) =>
    profiles.some((profile) => profile.name.toLowerCase() === candidate.toLowerCase());
  if (!taken(name)) return name;
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? `${name} (Tailscale)` : `${name} (Tailscale ${n})`;
    if (!taken(candidate)) return candidate;
  }
}
