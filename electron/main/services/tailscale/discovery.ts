// Which tailnet devices run an OpenClaw Gateway: every online device is probed at its Tailscale Serve name
// (wss://<MagicDNS name>) and at a tailnet bind (ws://<tailnet IPv4>:18789), a few probes at a time and all under
// one deadline, and the answers are remembered briefly so that asking again soon costs nothing.
import { DEFAULT_GATEWAY_PORT, probeGateway, type ProbeResult } from '../gateway/probe';
import type { Clock, TimerHandle } from '../system/clock';
import { tailnetIPv4, type TailnetDevice } from './status';

export interface DiscoveryOptions {
  /** Default: probeGateway on `clock`. */
  probeGateway?: (url: string, timeoutMs: number) => Promise<ProbeResult>;
  /** Times the deadline and the memory of answers. */
  clock: Clock;
  /** Probes in flight at once. */
  concurrency?: number;
  /** The whole discovery ends by then, whatever the probes do. */
  deadlineMs?: number;
  /** One probe's own limit (shortened to what is left of the deadline). */
  probeTimeoutMs?: number;
  /** How long an answer (Gateway or not) is reused before the device is probed again. */
  cacheTtlMs?: number;
  /** The port a Gateway bound to the tailnet listens on. */
  gatewayPort?: number;
}

export interface DiscoveryReport {
  /** Device ID → where its Gateway answered; Tailscale Serve's URL when both answered, for its real certificate. */
  gateways: Record<string, { url: string }>;
  /**
   * Online devices with no answer yet: a probe ran out of time (its own, or the deadline stopped it before it
   * started or finished), so whether they run a Gateway is unknown. Asking again probes them.
   */
  unanswered: string[];
  /** Every online device got an answer. */
  complete: boolean;
}

export interface GatewayDiscovery {
  discover(devices: readonly TailnetDevice[]): Promise<DiscoveryReport>;
}

export const DISCOVERY_DEFAULTS = {
  concurrency: 8,
  // The macOS OpenClaw app's figures for the same job: about 1.6 s per probe and 3 s in all.
  deadlineMs: 3_000,
  probeTimeoutMs: 1_600,
  cacheTtlMs: 60_000,
};

type Answer = 'gateway' | 'none' | 'unanswered';

interface Target {
  device: TailnetDevice;
  urls: string[];
  answers: Map<string, Answer>;
}

export function createGatewayDiscovery(options: DiscoveryOptions): GatewayDiscovery {
  const { clock } = options;
  const probe = options.probeGateway ?? ((url: string, timeoutMs: number) => probeGateway(url, clock, timeoutMs));
  const settings = {
    concurrency: options.concurrency ?? DISCOVERY_DEFAULTS.concurrency,
    deadlineMs: options.deadlineMs ?? DISCOVERY_DEFAULTS.deadlineMs,
    probeTimeoutMs: options.probeTimeoutMs ?? DISCOVERY_DEFAULTS.probeTimeoutMs,
    cacheTtlMs: options.cacheTtlMs ?? DISCOVERY_DEFAULTS.cacheTtlMs,
  };
  const port = options.gatewayPort ?? DEFAULT_GATEWAY_PORT;
  const remembered = new Map<string, { urls: string; url?: string; at: number }>();

  return {
    async discover(devices) {
      const gateways: DiscoveryReport['gateways'] = {};
      const targets: Target[] = [];
      for (const device of devices) {
        if (!device.online) continue;
        const urls = gatewayUrls(device, port);
        const known = remembered.get(device.id);
        if (known && known.urls === urls.join(' ') && clock.now() - known.at < settings.cacheTtlMs) {
          if (known.url) gateways[device.id] = { url: known.url };
        } else if (urls.length > 0) {
          targets.push({ device, urls, answers: new Map() });
        }
      }
      await probeAll(targets);
      const unanswered: string[] = [];
      for (const { device, urls, answers } of targets) {
        const url = urls.find((candidate) => answers.get(candidate) === 'gateway');
        if (url) gateways[device.id] = { url };
        if (url || urls.every((candidate) => answers.get(candidate) === 'none')) {
          remembered.set(device.id, { urls: urls.join(' '), at: clock.now(), ...(url ? { url } : {}) });
        } else {
          unanswered.push(device.id);
        }
      }
      return { gateways, unanswered, complete: unanswered.length === 0 };
    },
  };

  /** Runs the probes `concurrency` at a time until all are done or the deadline passes, whichever is first. */
  async function probeAll(targets: Target[]): Promise<void> {
    const queue = targets.flatMap((target) => target.urls.map((url) => ({ target, url })));
    if (queue.length === 0) return;
    const deadline = clock.now() + settings.deadlineMs;
    let over = false;
    let timer: TimerHandle;
    const deadlinePassed = new Promise<void>((resolve) => {
      timer = clock.setTimeout(resolve, settings.deadlineMs);
    });
    const worker = async () => {
      for (let task = queue.shift(); task && !over; task = queue.shift()) {
        const left = deadline - clock.now();
        if (left <= 0) return;
        // A probe that throws has not answered, so nothing is concluded (or remembered) from it.
        const answer = await probe(task.url, Math.min(settings.probeTimeoutMs, left)).then(
          answerOf,
          (): Answer => 'unanswered',
        );
        // An answer that comes after the deadline is not reported, so it is not remembered either.
        if (!over) task.target.answers.set(task.url, answer);
      }
    };
    const workers = Array.from({ length: Math.min(settings.concurrency, queue.length) }, worker);
    await Promise.race([Promise.all(workers), deadlinePassed]);
    over = true;
    clock.clearTimeout(timer);
  }
}

/** Serve first: when both answer, its URL has a real certificate and needs no open port. */
function gatewayUrls(device: TailnetDevice, port: number): string[] {
  const ipv4 = tailnetIPv4(device);
  return [...(device.dnsName ? [`wss://${device.dnsName}`] : []), ...(ipv4 ? [`ws://${ipv4}:${port}`] : [])];
}

/** Silence is no answer (a Gateway could be slow); anything else that is not a Gateway is an answer. */
function answerOf(result: ProbeResult): Answer {
  if (result.gateway) return 'gateway';
  return result.reason === 'timeout' ? 'unanswered' : 'none';
}
