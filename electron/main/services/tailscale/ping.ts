// `tailscale ping` as this app runs it: a few pings at the Tailscale layer to one address, each reply read for how it
// went (straight to the device, through a DERP relay or a peer relay) and how long it took, as ping.go prints them.
import { failure, success, type Result } from '../../../shared/errors';
import { cliFailure, errorLine, firstLine, type CliOutcome } from './cli-runner';

export interface PingOptions {
  /** How many pings (`--c`). */
  count: number;
  /** How long each may take (`--timeout`), in whole seconds. */
  timeoutSeconds: number;
}

export interface Pong {
  /** `direct`: to the device's own endpoint; `derp`: through a DERP relay region; `peer-relay`: through another node. */
  path: 'direct' | 'derp' | 'peer-relay' | 'other';
  /** What the CLI printed after "via": an endpoint, `DERP(fra)`, `peer-relay(…)`. */
  via: string;
  /** The DERP region's code, when relayed. */
  region?: string;
  ms: number;
}

export interface PingReport {
  pongs: Pong[];
  /** Pings that got no reply in time. */
  timedOut: number;
  /** What the CLI said when it ended without the pings (the backend's state, "no reply"). */
  error?: string;
}

/**
 * The arguments: `--until-direct=false`, so a relayed device answers every ping instead of ending in "direct
 * connection not established"; an address, so no DNS lookup is involved.
 */
export function pingArgs(address: string, options: PingOptions): string[] {
  return [
    'ping',
    '--c',
    String(options.count),
    '--until-direct=false',
    '--timeout',
    `${options.timeoutSeconds}s`,
    address,
  ];
}

/** Long enough for every ping to time out and the one-second pause after each reply. */
export function pingDeadlineMs(options: PingOptions): number {
  return (options.count * (options.timeoutSeconds + 1) + 3) * 1000;
}

const PONG = /^pong from \S+ \([^)]*\) via (\S+) in ([\d.]+)(µs|us|ms|s)$/u;
const TIMED_OUT = /^ping ".*" timed out$/u;

export function pingFromCli(path: string, command: string, outcome: CliOutcome): Result<PingReport> {
  // Exit 1 is how ping ends without replies ("no reply") or with the backend not running; both are answers.
  if (outcome.kind !== 'exited' || (outcome.code !== 0 && outcome.code !== 1)) {
    return failure(cliFailure(path, command, outcome));
  }
  const lines = outcome.stdout.split('\n').map((line) => line.trim());
  const pongs = lines.flatMap((line) => {
    const match = PONG.exec(line);
    return match ? [pongOf(match[1] as string, Number(match[2]), match[3] as string)] : [];
  });
  const timedOut = lines.filter((line) => TIMED_OUT.test(line)).length;
  const said = errorLine(outcome.stderr) || (pongs.length === 0 && timedOut === 0 ? firstLine(outcome.stdout) : '');
  return success({ pongs, timedOut, ...(outcome.code !== 0 && said ? { error: said } : {}) });
}

function pongOf(via: string, amount: number, unit: string): Pong {
  const ms = unit === 's' ? amount * 1000 : unit === 'ms' ? amount : amount / 1000;
  const derp = /^DERP\((.*)\)$/u.exec(via);
  if (derp) return { path: 'derp', via, region: derp[1], ms };
  if (via.startsWith('peer-relay(')) return { path: 'peer-relay', via, ms };
  // An endpoint is an address and port; TSMP and ICMP name the protocol instead.
  return { path: /:\d+$/u.test(via) ? 'direct' : 'other', via, ms };
}
