// The doctor's Tailscale step, for a profile that reaches a tailnet device: the CLI, the backend, the device online,
// how traffic reaches it (straight or through a relay, as the CLI tells), and a few `tailscale ping`s with their
// times, all through the app's one Tailscale service.
import { appError, type AppErrorKind, type Result } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { findDevice } from '../tailscale/device-route';
import type { PingOptions, PingReport } from '../tailscale/ping';
import { tailnetIPv4, type TailnetDevice, type TailnetStatus } from '../tailscale/status';
import type { TailscaleService } from '../tailscale/tailscale-service';
import type { CheckOutcome } from './step-runner';

/** Three pings of at most two seconds: enough to see the path settle, short enough for a check. */
export const DOCTOR_PING: PingOptions = { count: 3, timeoutSeconds: 2 };

export interface TailscaleCheck {
  tailscale: TailscaleService;
  /** The profile's device: its stable ID, or for one typed by hand its MagicDNS name or tailnet IP; its saved name. */
  deviceId: string;
  deviceName: string;
  ping?: PingOptions;
}

export async function checkTailscale(check: TailscaleCheck): Promise<CheckOutcome> {
  const { tailscale } = check;
  const cli = valueOf(await tailscale.locate());
  const status = valueOf(await tailscale.status());
  const found = `The Tailscale CLI ${cli.version} at ${cli.path}`;
  if (status.state !== 'running') throw new AppFailure(notRunning(status, found));
  const tailnet = status.tailnet ? ` on the tailnet ${status.tailnet.name}` : '';
  const device = deviceOf(status, check.deviceId);
  if (!device) {
    throw new AppFailure(
      appError(
        'tailscale-device-not-found',
        `${found} answers and Tailscale runs${tailnet}, but the profile's device ${check.deviceName} is not in it ` +
          '(removed, or in another tailnet).',
        'Choose the device again on the Tailscale page, or switch to its tailnet.',
      ),
    );
  }
  const running = `${found} answers; Tailscale runs${tailnet}`;
  if (!device.online) {
    const seen = device.lastSeen ? ` (last seen ${device.lastSeen})` : '';
    return {
      status: 'fail',
      detail: `${running}, but ${device.name} is offline${seen}.`,
      fix: { text: `Wake ${device.name} or start Tailscale on it, then run the doctor again.` },
    };
  }
  const address = tailnetIPv4(device) ?? device.ips[0];
  if (!address) {
    return { status: 'fail', detail: `${running}; ${device.name} is online but has no tailnet address yet.` };
  }
  const options = check.ping ?? DOCTOR_PING;
  const ping = valueOf(await tailscale.ping(address, options));
  const online = `${running}; ${device.name} is online, ${pathOf(device)}`;
  if (ping.pongs.length === 0) {
    return {
      status: 'fail',
      detail: `${online}, yet none of ${options.count} pings to ${address} was answered${ping.error ? ` (${ping.error})` : ''}.`,
      fix: { text: `Check Tailscale on ${device.name} ("tailscale status" there); a firewall may drop its traffic.` },
    };
  }
  return { status: 'pass', detail: `${online}. ${pingSentence(address, ping, options)}` };
}

/** The way the status column tells it; an idle device has no path until traffic flows, which the ping shows. */
function pathOf(device: TailnetDevice): string {
  switch (device.connection) {
    case 'direct':
      return 'reached directly';
    case 'relayed':
      return `relayed through DERP region ${device.relay ?? '?'}`;
    case 'peer-relay':
      return 'reached through a peer relay';
    default:
      return 'idle (no traffic lately)';
  }
}

function pingSentence(address: string, ping: PingReport, options: PingOptions): string {
  const times = ping.pongs.map((pong) => `${pong.ms} ms`).join(', ');
  const last = ping.pongs.at(-1) as PingReport['pongs'][number];
  const via =
    last.path === 'derp'
      ? `relayed through DERP region ${last.region} (slower than direct; UDP between the two may be blocked)`
      : last.path === 'direct'
        ? `directly (${last.via})`
        : `via ${last.via}`;
  const lost = ping.timedOut > 0 ? ` ${ping.timedOut} of ${options.count} timed out.` : '';
  return `tailscale ping ${address}: ${ping.pongs.length} of ${options.count} answered, ${via}, in ${times}.${lost}`;
}

function notRunning(status: TailnetStatus, found: string): ReturnType<typeof appError> {
  const kind = `tailscale-${status.state}` as AppErrorKind;
  const next =
    status.action?.kind === 'log-in'
      ? status.action.url
        ? `Log in to Tailscale: open ${status.action.url}`
        : 'Log in to Tailscale ("tailscale login", or from its app).'
      : status.action?.kind === 'wait-for-admin'
        ? "Ask an admin of the tailnet to approve this Mac in Tailscale's admin console."
        : status.action
          ? 'Start Tailscale ("tailscale up", or switch it on in its app).'
          : 'Wait a moment and run the doctor again.';
  return appError(kind, `${found} answers, but ${lowerFirst(status.sentence)}`, next);
}

function lowerFirst(text: string): string {
  return text.startsWith('Tailscale') ? text : `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new AppFailure(result.error);
  return result.value;
}

/**
 * The profile's device in the tailnet. A device picked from the tailnet was saved by its stable ID; one typed in the
 * window while the Tailscale CLI was missing was saved by the name or address typed, so those find it too.
 */
function deviceOf(status: TailnetStatus, deviceId: string): TailnetDevice | undefined {
  const byId = status.devices.find((candidate) => candidate.id === deviceId);
  if (byId) return byId;
  const byName = findDevice(status, deviceId);
  if (byName.ok) return byName.value;
  return status.devices.find((candidate) => candidate.ips.includes(deviceId));
}
