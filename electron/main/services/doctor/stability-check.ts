// The doctor's stability step: how steady the link has been (drops in the last hour, the keepalive round trips'
// median and 95th percentile) read with a few round trips measured just now, so a one-shot run with no history still
// reports something real; and, when the link drops often, the keepalive settings to change.
import type { Client } from 'ssh2';
import type { StabilityHistory } from '../../../shared/stability';
import { describeKeepalive, type KeepaliveProposal } from '../connection/stability-settings';
import { GatewayClient, type GatewayClientOptions } from '../gateway/gateway-client';
import { measureRoundTrip } from '../ssh/round-trip';
import type { Clock } from '../system/clock';
import type { CheckOutcome } from './step-runner';

/** Drops in an hour from which a link counts as unsteady: one is a blip, a Wi-Fi change; three is a pattern. */
export const DROPS_TO_WARN = 3;
/** Round trips the doctor measures itself. */
export const FRESH_ROUND_TRIPS = 3;

/** Round trips measured just now: what was measured, the answers in ms, and how many went unanswered. */
export interface FreshRoundTrips {
  /** Completes "… round trips …", e.g. "SSH keepalive round trips over the doctor's own SSH connection". */
  what: string;
  samples: number[];
  unanswered: number;
  /** How long each could take. */
  timeoutMs: number;
}

export interface StabilityAssessment {
  history: StabilityHistory;
  fresh: FreshRoundTrips;
  /** For a profile with an SSH keepalive: what to change it to; absent for a URL profile. */
  proposal?: KeepaliveProposal;
}

export function assessStability({ history, fresh, proposal }: StabilityAssessment): CheckOutcome {
  const drops = history.events.filter((event) => event.kind === 'drop');
  const now = `Just now: ${fresh.what}: ${freshWords(fresh)}.`;
  const detail = `${historyWords(history, drops.length)} ${now}`;
  if (drops.length >= DROPS_TO_WARN) {
    const last = drops.at(-1)?.reason;
    const dropped = `${detail} The link dropped ${drops.length} times in the last hour${last ? ` (last: ${last})` : ''}.`;
    if (!proposal) {
      return {
        status: 'warn',
        detail: dropped,
        fix: { text: 'A URL has no keepalive to tune: check the network on the way (Wi-Fi, VPN, Tailscale).' },
      };
    }
    return {
      status: 'warn',
      detail: dropped,
      fix: {
        text: `Change the profile's SSH keepalive to ${describeKeepalive(proposal)}. ${proposal.because}`,
        action: 'apply-stability-settings',
      },
    };
  }
  if (fresh.samples.length === 0 || fresh.unanswered > 0) {
    return {
      status: 'warn',
      detail: `${detail} A link that does not answer a keepalive within ${fresh.timeoutMs / 1000} s is about to drop.`,
      fix: { text: 'Check the network on the way and the host’s load; run the doctor again to see whether it lasts.' },
    };
  }
  return { status: 'pass', detail };
}

function historyWords(history: StabilityHistory, drops: number): string {
  const minutes = Math.max(1, Math.round((history.until - history.since) / 60_000));
  const span = `In the last ${minutes} min`;
  if (history.roundTrips.length === 0 && history.events.length === 0) {
    return `${span} this process recorded no connection of this profile (the app records while it is connected).`;
  }
  const recoveries = history.events.filter((event) => event.kind === 'recovered').length;
  const times = history.roundTrips.map((sample) => sample.ms);
  const trips =
    times.length === 0
      ? 'no keepalive round trip'
      : `${times.length} keepalive round trip${times.length === 1 ? '' : 's'}, median ${percentile(times, 50)} ms, 95th percentile ${percentile(times, 95)} ms`;
  return `${span}: ${drops} drop${drops === 1 ? '' : 's'}, ${recoveries} recover${recoveries === 1 ? 'y' : 'ies'}; ${trips}.`;
}

function freshWords(fresh: FreshRoundTrips): string {
  const answered = fresh.samples.map((ms) => `${ms} ms`).join(', ');
  const lost = fresh.unanswered > 0 ? `${fresh.unanswered} unanswered within ${fresh.timeoutMs / 1000} s` : '';
  return [answered, lost].filter(Boolean).join('; ') || 'none measured';
}

/** The nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** A few round trips over an SSH connection that is logged in, one after another. */
export async function sshRoundTrips(client: Client, clock: Clock, timeoutMs: number): Promise<FreshRoundTrips> {
  const samples: number[] = [];
  let unanswered = 0;
  for (let n = 0; n < FRESH_ROUND_TRIPS; n += 1) {
    const ms = await measureRoundTrip(client, clock, timeoutMs);
    if (ms === undefined) unanswered += 1;
    else samples.push(ms);
  }
  return {
    what: `${FRESH_ROUND_TRIPS} SSH keepalive round trips over the doctor's own SSH connection`,
    samples,
    unanswered,
    timeoutMs,
  };
}

/** Between the Gateway's pings here: short for a quick check, long enough that a loaded Gateway answers in time. */
const DOCTOR_PING_INTERVAL_MS = 1000;

/**
 * For a URL: the Gateway's WebSocket ping round trips, as the app's connection measures them, over a sign-in of its
 * own; the pings the client sends from sign-in on, one a second, until there are enough or the time is up.
 */
export async function gatewayRoundTrips(
  options: Omit<GatewayClientOptions, 'pingIntervalMs' | 'onRoundTrip'>,
  deadlineMs: number,
): Promise<FreshRoundTrips> {
  const samples: number[] = [];
  const { clock } = options;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  const client = new GatewayClient({
    ...options,
    pingIntervalMs: DOCTOR_PING_INTERVAL_MS,
    onRoundTrip: (ms) => {
      samples.push(ms);
      if (samples.length >= FRESH_ROUND_TRIPS) done();
    },
  });
  const timer = clock.setTimeout(done, deadlineMs);
  client.start();
  try {
    await finished;
  } finally {
    clock.clearTimeout(timer);
    await client.close();
  }
  return {
    what: `${FRESH_ROUND_TRIPS} Gateway ping round trips (WebSocket ping to pong) over a connection of the doctor's own`,
    samples: samples.slice(0, FRESH_ROUND_TRIPS),
    unanswered: Math.max(0, FRESH_ROUND_TRIPS - samples.length),
    timeoutMs: deadlineMs,
  };
}
