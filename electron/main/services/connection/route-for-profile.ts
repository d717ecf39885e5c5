// Which route a profile takes: its own SSH tunnel, a tailnet device reached at a URL or over SSH with the host
// keys Tailscale publishes for it, or a direct URL. The one place a profile's route settings meet the services.
import type { Profile, SshRoute } from '../../../shared/profile';
import { createSshRoute, type SshRouteDeps, type SshRouteSettings } from './ssh-route';
import { createDirectRoute } from './direct-route';
import type { Route } from './route';
import { tunnelRoute } from './tunnel-route';

export function routeForProfile(profile: Profile, deps: SshRouteDeps): Route {
  const { route } = profile;
  switch (route.kind) {
    case 'ssh':
      return tunnelRoute(createSshRoute(sshSettingsOf(route), deps), { kind: 'ssh', target: route.target });
    case 'direct':
      return createDirectRoute({ kind: 'direct', url: route.url }, deps.clock);
    case 'tailscale': {
      const { via, deviceName } = route;
      if (via.kind === 'url')
        return createDirectRoute({ kind: 'tailscale', url: via.url, device: deviceName }, deps.clock);
      const settings = sshSettingsForProfile(profile) as SshRouteSettings;
      return tunnelRoute(createSshRoute(settings, deps), { kind: 'tailscale', target: via.target, device: deviceName });
    }
  }
}

/** The SSH side of a profile that reaches its host over SSH (its own route, or a tailnet device over SSH). */
export function sshSettingsForProfile(profile: Profile): SshRouteSettings | undefined {
  const { route } = profile;
  if (route.kind === 'ssh') return sshSettingsOf(route);
  if (route.kind === 'tailscale' && route.via.kind === 'ssh') {
    return { ...sshSettingsOf(route.via), trustedHostKeys: route.via.hostKeys.map(keyBlobOf) };
  }
  return undefined;
}

function sshSettingsOf(route: Omit<SshRoute, 'kind'>): SshRouteSettings {
  return {
    target: route.target,
    localPort: route.localPort,
    remotePort: route.remotePort,
    useEphemeralPortIfBusy: route.useEphemeralPortIfBusy,
    allowPassword: route.allowPassword,
    ...(route.sshPort === undefined ? {} : { port: route.sshPort }),
    ...(route.identityFile === undefined ? {} : { identityFile: route.identityFile }),
    ...(route.keepaliveIntervalSeconds === undefined
      ? {}
      : { keepaliveIntervalSeconds: route.keepaliveIntervalSeconds }),
    ...(route.keepaliveCountMax === undefined ? {} : { keepaliveCountMax: route.keepaliveCountMax }),
  };
}

/** The key blob of an authorized_keys-style line (`ssh-ed25519 AAAA… comment`), as host keys are compared. */
function keyBlobOf(line: string): Buffer {
  return Buffer.from(line.trim().split(/\s+/u)[1] ?? '', 'base64');
}
