// Choosing a tailnet device for a profile: the device named by ID, MagicDNS name or host name, and the route to
// it, either the Gateway URL discovery found there or an SSH tunnel to its MagicDNS name whose host keys are the
// ones Tailscale publishes for that device, so no trust-on-first-use question is needed.
import { appError, failure, success, type Result } from '../../../shared/errors';
import type { SshRoute, TailscaleRoute } from '../../../shared/profile';
import { tailnetIPv4, type TailnetDevice, type TailnetStatus } from './status';

export interface DeviceChoice {
  /** Default: the Gateway URL when discovery found one on the device, else SSH. */
  via?: 'url' | 'ssh';
  /** The SSH login name; default: what ~/.ssh/config or the local user name says, as for ssh. */
  user?: string;
  /** SSH settings for the tunnel (ports, identity file, ...). */
  ssh?: Partial<Omit<SshRoute, 'kind' | 'target'>>;
}

export function findDevice(status: TailnetStatus, ref: string): Result<TailnetDevice> {
  const wanted = ref.toLowerCase().replace(/\.$/u, '');
  const device = status.devices.find((candidate) =>
    [candidate.id, candidate.name, candidate.dnsName, candidate.hostName].some((name) => name.toLowerCase() === wanted),
  );
  if (device) return success(device);
  const known = status.devices.map((candidate) => candidate.name).slice(0, 20);
  return failure(
    appError(
      'tailscale-device-not-found',
      `No device "${ref}" in the tailnet${status.tailnet ? ` ${status.tailnet.name}` : ''}.`,
      known.length > 0
        ? `Use a device's ID, MagicDNS name or host name; the tailnet has ${known.join(', ')}${status.devices.length > known.length ? ', …' : ''}.`
        : 'This device sees no other devices in the tailnet; check `tailscale status`.',
    ),
  );
}

export function tailscaleRouteFor(device: TailnetDevice, choice: DeviceChoice = {}): Result<TailscaleRoute> {
  const via = choice.via ?? (device.gateway ? 'url' : 'ssh');
  const base = { kind: 'tailscale' as const, deviceId: device.id, deviceName: device.name };
  if (via === 'url') {
    if (!device.gateway) {
      return failure(
        appError(
          'tailscale-no-gateway',
          `No OpenClaw Gateway answered on ${device.name} (over Tailscale Serve at its MagicDNS name, or on its tailnet ` +
            'address at port 18789).',
          'Reach it over SSH instead, or on that device run the Gateway with gateway.tailscale.mode "serve" (or ' +
            'gateway.bind "tailnet") and look again.',
        ),
      );
    }
    return success({ ...base, via: { kind: 'url', url: device.gateway.url } });
  }
  const host = device.dnsName || tailnetIPv4(device);
  if (!host) {
    return failure(
      appError(
        'tailscale-device-unaddressable',
        `${device.name} has neither a MagicDNS name nor a tailnet IPv4 address.`,
        'Turn on MagicDNS in the Tailscale admin console, or wait until the device has joined the tailnet.',
      ),
    );
  }
  const { ssh = {} } = choice;
  return success({
    ...base,
    via: {
      kind: 'ssh',
      target: choice.user ? `${choice.user}@${host}` : host,
      localPort: ssh.localPort ?? 18789,
      remotePort: ssh.remotePort ?? 18789,
      useEphemeralPortIfBusy: ssh.useEphemeralPortIfBusy ?? false,
      allowPassword: ssh.allowPassword ?? false,
      ...(ssh.sshPort === undefined ? {} : { sshPort: ssh.sshPort }),
      ...(ssh.identityFile === undefined ? {} : { identityFile: ssh.identityFile }),
      ...(ssh.keepaliveIntervalSeconds === undefined ? {} : { keepaliveIntervalSeconds: ssh.keepaliveIntervalSeconds }),
      ...(ssh.keepaliveCountMax === undefined ? {} : { keepaliveCountMax: ssh.keepaliveCountMax }),
      hostKeys: device.sshHostKeys,
    },
  });
}
