// Actions on the tailnet: its devices with the Gateways found on them, live updates for an open window, the tailnets
// this Mac is logged in to and switching between them, and turning a device into a profile (the one already made for
// that device when there is one, so using a device twice never leaves two profiles for it).
import type { Profile } from '../../shared/profile';
import type { Result } from '../../shared/errors';
import { AppFailure } from '../app-failure';
import { findDevice, tailscaleRouteFor } from '../services/tailscale/device-route';
import type { Action } from './app-core';
import { saveProfile } from './profile-actions';

export const scanTailnet: Action<'tailscale:scan'> = async ({ tailscale }) =>
  valueOf(await tailscale.discoverGateways());

export const watchTailnet: Action<'tailscale:watch'> = ({ tailnetWatch }, { watching }) => {
  tailnetWatch.set(watching);
  return null;
};

export const listTailnets: Action<'tailscale:tailnets'> = async ({ tailscale }) =>
  valueOf(await tailscale.listTailnets());

export const switchTailnet: Action<'tailscale:switch'> = async ({ tailscale }, { id }) =>
  valueOf(await tailscale.switchTailnet(id));

export const useTailnetDevice: Action<'tailscale:use-device'> = async (core, input) => {
  const { deviceId, via, user, ssh, name, ...saving } = input;
  // An SSH route needs only the device; a URL route (or the default, which depends on it) needs discovery to say
  // whether a Gateway answers there. Discovery is cached briefly, so the window's scan is not repeated.
  const tailnet =
    via === 'ssh' ? valueOf(await core.tailscale.status()) : valueOf(await core.tailscale.discoverGateways()).status;
  const device = valueOf(findDevice(tailnet, deviceId));
  const route = valueOf(
    tailscaleRouteFor(device, { ...(via ? { via } : {}), ...(user ? { user } : {}), ...(ssh ? { ssh } : {}) }),
  );
  const profiles = core.profiles.list();
  const existing = profiles.find(
    (profile) => profile.route.kind === 'tailscale' && profile.route.deviceId === device.id,
  );
  return saveProfile(core, {
    ...saving,
    ...(existing ? { id: existing.id } : {}),
    name: name ?? existing?.name ?? freeName(profiles, device.name),
    route,
  });
};

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
