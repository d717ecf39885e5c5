// Tunnel benchmark: bulk throughput and small-message round trip through our ssh2 tunnel's local port, through
// OpenSSH's own `ssh -N -L` to the same private sshd, over a channel of our tunnel as the app's own Gateway client
// uses it, and over plain loopback, side by side in one run (rounds interleaved so machine noise hits every path
// alike) and printed with ratios. Traffic through a local port runs on a worker thread, so our tunnel has this
// thread to itself as ssh has its own process; the in-app client runs here, next to the tunnel, as in the app.
// It asserts nothing about speed; `npm run bench` runs it and puts the ratios to OpenSSH, with their targets, in its
// table. BENCH_BULK_MIB and BENCH_ROUND_TRIPS scale it (BENCH_QUICK=1: 32 MiB and 200 round trips).
import type { ChildProcess } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { SshTunnel } from '../../electron/main/services/ssh/tunnel';
import { systemClock } from '../../electron/main/system/clock';
import { freePort } from '../fixtures/free-port';
import { waitForPhase } from '../fixtures/link-state';
import { startOpensshForward } from '../fixtures/openssh-forward';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { bulkOver, roundTripsOver } from './traffic.mjs';
import { startTrafficWorker } from './traffic-worker-client';
import { pinnedConnect } from '../fixtures/pinned-ssh-connect';
import { createTestLog } from '../fixtures/silent-log';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { atLeast, atMost, median, QUICK, record, recordUnmeasured } from './bench-report';

const BULK_BYTES = Number(process.env.BENCH_BULK_MIB ?? (QUICK ? 32 : 256)) * 1024 * 1024;
const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? (QUICK ? 200 : 1000));
const BULK_ROUNDS = 3;
/** More, shorter rounds for round trips: this VM's noise comes in bursts, and short rounds spread it over paths. */
const ROUND_TRIP_ROUNDS = 9;

const usable = peerAvailable('OpenSSH sshd', sshdMissing(), HOW_TO_GET.sshd);

/** The issue's targets, as ratios to OpenSSH's `ssh -N -L` in the same round. */
const TARGETS = [
  { path: 'our tunnel, in-app', label: 'in-app', throughput: 1.25, roundTrip: 1.0 },
  { path: 'our tunnel (ssh2)', label: 'local port', throughput: 1.0, roundTrip: 1.3 },
];
const GROUP = 'tunnel';
if (!usable) {
  const rows = TARGETS.flatMap(({ label, throughput, roundTrip }) => [
    { name: `tunnel throughput, ${label} / ssh -N -L`, unit: '×', target: `≥ ${throughput.toFixed(2)}×` },
    { name: `tunnel 64 B round trip, ${label} / ssh -N -L`, unit: '×', target: `≤ ${roundTrip.toFixed(2)}×` },
  ]);
  recordUnmeasured(GROUP, rows, `no OpenSSH sshd here: ${sshdMissing()}`);
}

/**
 * Runs `measure` for every path, `rounds` times, rotating the order each round so no path always runs first (or
 * last) on a warming machine; each path's figures in round order.
 */
async function measureRounds(
  names: string[],
  rounds: number,
  measure: (name: string) => Promise<number>,
): Promise<Map<string, number[]>> {
  const figures = new Map(names.map((name) => [name, [] as number[]]));
  for (let round = 0; round < rounds; round += 1) {
    const order = names.map((_, i) => names[(i + round) % names.length]!);
    for (const name of order) figures.get(name)!.push(await measure(name));
  }
  return figures;
}

/** Each round's figure over the reference's in the same round. */
function ratiosTo(figures: number[], reference: number[]): number[] {
  return figures.map((value, round) => value / reference[round]!);
}

function rangeOf(ratios: number[]): string {
  return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
}

/** The median of the per-round ratios to the reference, with their range: `1.08x (0.97–1.21)`. */
function ratioColumn(figures: number[], reference: number[]): string {
  const ratios = ratiosTo(figures, reference);
  return `${median(ratios).toFixed(2).padStart(5)}x ${`(${rangeOf(ratios)})`.padEnd(12)}`;
}

describe.skipIf(!usable)('tunnel benchmark', () => {
  let sshd: Sshd;
  const traffic = startTrafficWorker();
  let far: { sink: number; echo: number };
  const tunnels: SshTunnel[] = [];
  const openssh: ChildProcess[] = [];

  async function ourTunnel(remotePort: number): Promise<{ tunnel: SshTunnel; localPort: number }> {
    const tunnel = new SshTunnel({
      localPort: 0,
      remoteHost: '127.0.0.1',
      remotePort,
      useEphemeralPortIfBusy: false,
      connect: pinnedConnect(sshd),
      isRetryable: () => false,
      describePortOwner: () => Promise.resolve('another program'),
      log: createTestLog().logger('bench'),
      clock: systemClock,
    });
    tunnels.push(tunnel);
    const { localPort } = await tunnel.start();
    await waitForPhase(tunnel, 'up');
    return { tunnel, localPort };
  }

  async function opensshTunnel(remotePort: number): Promise<number> {
    const localPort = await freePort();
    openssh.push(await startOpensshForward(sshd, localPort, remotePort));
    return localPort;
  }

  beforeAll(async () => {
    sshd = await startSshd();
    far = await traffic.start();
  });

  afterAll(async () => {
    for (const child of openssh) child.kill();
    await Promise.all(tunnels.map((tunnel) => tunnel.stop()));
    await Promise.all([traffic.stop(), sshd?.stop()]);
  });

  /** One path's two measurements: bulk (MiB/s) and round trips (mean µs). */
  interface Path {
    bulk(bytes: number): Promise<number>;
    roundTrips(count: number): Promise<number>;
  }

  function throughLocalPort(ports: { bulk: number; echo: number }): Path {
    return {
      bulk: (bytes) => traffic.bulk(ports.bulk, bytes),
      roundTrips: (count) => traffic.roundTrips(ports.echo, count),
    };
  }

  /** The app's Gateway client's way: a fresh channel of the tunnel per measurement, used on this thread. */
  function overChannels(tunnels: { bulk: SshTunnel; echo: SshTunnel }): Path {
    const over = async (tunnel: SshTunnel, traffic: (channel: Duplex) => Promise<number>) => {
      const channel = await tunnel.openStream();
      try {
        return await traffic(channel);
      } finally {
        channel.destroy();
      }
    };
    return {
      bulk: (bytes) => over(tunnels.bulk, (channel) => bulkOver(channel, bytes)),
      roundTrips: (count) => over(tunnels.echo, (channel) => roundTripsOver(channel, count)),
    };
  }

  it('compares our tunnel with ssh -N -L and plain loopback', { timeout: 600_000 }, async () => {
    const ours = { bulk: await ourTunnel(far.sink), echo: await ourTunnel(far.echo) };
    const paths: Record<string, Path> = {
      'our tunnel (ssh2)': throughLocalPort({ bulk: ours.bulk.localPort, echo: ours.echo.localPort }),
      'ssh -N -L (OpenSSH)': throughLocalPort({
        bulk: await opensshTunnel(far.sink),
        echo: await opensshTunnel(far.echo),
      }),
      'our tunnel, in-app': overChannels({ bulk: ours.bulk.tunnel, echo: ours.echo.tunnel }),
      'plain loopback': throughLocalPort({ bulk: far.sink, echo: far.echo }),
    };
    const names = Object.keys(paths);
    for (const name of names) await paths[name]!.bulk(16 * 1024 * 1024); // warm-up
    const throughput = await measureRounds(names, BULK_ROUNDS, (name) => paths[name]!.bulk(BULK_BYTES));
    const latency = await measureRounds(names, ROUND_TRIP_ROUNDS, (name) => paths[name]!.roundTrips(ROUND_TRIPS));
    const reference = 'ssh -N -L (OpenSSH)';
    const rows = names.map((name) => {
      const mibs = throughput.get(name)!;
      const micros = latency.get(name)!;
      return [
        name.padEnd(22),
        `${median(mibs).toFixed(0).padStart(6)} MiB/s`,
        ratioColumn(mibs, throughput.get(reference)!),
        `${median(micros).toFixed(1).padStart(8)} µs`,
        ratioColumn(micros, latency.get(reference)!),
      ]
        .join('  ')
        .trimEnd();
    });
    console.log(
      [
        '',
        `Tunnel benchmark: ${BULK_BYTES / 1024 / 1024} MiB bulk (median of ${BULK_ROUNDS}), ` +
          `${ROUND_TRIPS} round trips of 64 B (median of ${ROUND_TRIP_ROUNDS})`,
        `${'path'.padEnd(22)}  ${'throughput'.padStart(12)}  ${'vs ssh (range)'.padEnd(18)}  ` +
          `${'round trip'.padStart(11)}  vs ssh (range)`,
        ...rows,
        "A ratio is the median over rounds of each round's figure over OpenSSH's in the same round.",
        'Throughput ratio > 1 and round-trip ratio < 1 mean faster than OpenSSH.',
        '"in-app" is the app\'s own Gateway connection (a channel, no local socket); other programs use the port.',
        '',
      ].join('\n'),
    );
    const sshThroughput = throughput.get(reference)!;
    const sshLatency = latency.get(reference)!;
    for (const { path, label, throughput: minimum, roundTrip: maximum } of TARGETS) {
      const bulk = ratiosTo(throughput.get(path)!, sshThroughput);
      const trips = ratiosTo(latency.get(path)!, sshLatency);
      record({
        group: GROUP,
        name: `tunnel throughput, ${label} / ssh -N -L`,
        value: median(bulk),
        unit: '×',
        target: `≥ ${minimum.toFixed(2)}×`,
        met: atLeast(median(bulk), minimum),
        note:
          `range ${rangeOf(bulk)} over ${BULK_ROUNDS} rounds of ${BULK_BYTES / 1024 / 1024} MiB; ` +
          `${median(throughput.get(path)!).toFixed(0)} vs ${median(sshThroughput).toFixed(0)} MiB/s`,
      });
      record({
        group: GROUP,
        name: `tunnel 64 B round trip, ${label} / ssh -N -L`,
        value: median(trips),
        unit: '×',
        target: `≤ ${maximum.toFixed(2)}×`,
        met: atMost(median(trips), maximum),
        note:
          `range ${rangeOf(trips)} over ${ROUND_TRIP_ROUNDS} rounds of ${ROUND_TRIPS}; ` +
          `${median(latency.get(path)!).toFixed(1)} vs ${median(sshLatency).toFixed(1)} µs`,
      });
    }
    record({
      group: GROUP,
      name: 'plain loopback (for scale)',
      value: median(throughput.get('plain loopback')!),
      unit: 'MiB/s',
      target: null,
      met: null,
      note: `64 B round trip ${median(latency.get('plain loopback')!).toFixed(1)} µs`,
    });
  });
});
