// Recovery as a person feels it: the app's connection (its core in this process, as the window has it) is healthy,
// then the host's sshd — or the Gateway behind the working tunnel — restarts. Measured from the moment the peer is
// back (sshd accepts TCP; the Gateway's /healthz answers, since a Gateway takes many seconds to start and its start
// is no part of our recovery) to the status being healthy again with `health` answered. Medians; asserts nothing.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { MainServices } from '../../electron/main/main-services';
import { acceptsConnections } from '../fixtures/port-probe';
import { atMost, countOf, median, QUICK, record, recordUnmeasured, seconds, spread } from './bench-report';
import {
  isHealthy,
  peersMissing,
  startHeadlessPeers,
  whenStatus,
  windowCore,
  type HeadlessPeers,
} from './headless-setup';

const SSHD_RESTARTS = countOf(10, 3, 'BENCH_SSHD_RESTARTS');
/** A Gateway takes 10–30 s to start on a loaded 2-core machine: ten restarts are minutes, a quick run does two. */
const GATEWAY_RESTARTS = countOf(10, 2, 'BENCH_GATEWAY_RESTARTS');
/** How long sshd stays away: long enough for the link to notice and fall into its backoff, as a real outage does. */
const SSHD_DOWN_MS = QUICK ? 1_000 : 3_000;
/** How often the benchmark looks for the peer being back: the error of the measured start. */
const PROBE_MS = 10;
const TARGET_S = 1;
const GROUP = 'recovery';

const ROWS = {
  sshd: { name: 'recovery after an sshd restart', unit: 's', target: `≤ ${TARGET_S} s median` },
  gateway: { name: 'recovery after a Gateway restart', unit: 's', target: `≤ ${TARGET_S} s median` },
  gatewayReady: { name: 'recovery after a Gateway restart, from /readyz', unit: 's', target: null },
};

const missing = peersMissing();
if (missing !== undefined) recordUnmeasured(GROUP, Object.values(ROWS), missing);

/** Polls `back` every PROBE_MS until it holds (after it has first failed, if `mustFailFirst`); the moment it did. */
async function momentBack(back: () => Promise<boolean>, mustFailFirst: boolean, signal: AbortSignal): Promise<number> {
  let seenAway = !mustFailFirst;
  while (!signal.aborted) {
    if (await back()) {
      const at = seconds();
      if (seenAway) return at;
    } else {
      seenAway = true;
    }
    await sleep(PROBE_MS);
  }
  throw new Error('stopped looking for the peer');
}

/** Whether the Gateway answers 200 on `/healthz` (it is live) or `/readyz` (its sidecars are up too). */
async function gatewayAnswers(port: number, path: '/healthz' | '/readyz'): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

describe.skipIf(missing !== undefined)('recovery after a peer restarts', () => {
  let peers: HeadlessPeers;
  let core: MainServices;

  beforeAll(async () => {
    peers = await startHeadlessPeers();
    core = await windowCore(peers.user);
    const healthy = whenStatus(core, isHealthy, seconds);
    const asked = await core.router.invoke('connection:connect', [{ profileId: peers.profileId }]);
    if (!asked.ok) throw new Error(`connect refused: ${asked.error.message}`);
    await healthy;
  });

  afterAll(async () => {
    await core?.connection.shutdown();
    await peers?.stop();
  });

  /** The app's "Retrying … in N ms" lines since log entry `seq`: what the connection waited on during an outage. */
  function retriesSince(seq: number): string[] {
    return core.log
      .recent(1000)
      .filter((entry) => entry.seq > seq && /Retrying/u.test(entry.message))
      .map((entry) => entry.message);
  }

  function lastSeq(): number {
    return core.log.recent(1).at(-1)?.seq ?? -1;
  }

  /** "the app retried 2–3 times per outage; its last wait: …", for a note. */
  function retriesNote(perOutage: string[][]): string {
    const counts = perOutage.map((lines) => lines.length);
    const last = perOutage.flat().at(-1);
    return (
      `; the app retried ${Math.min(...counts)}–${Math.max(...counts)} times per outage` +
      (last === undefined ? '' : `, last: "${last.length > 160 ? `${last.slice(0, 157)}...` : last}"`)
    );
  }

  /**
   * One outage: `restart` takes the peer away and brings it back, resolving with the moment it is back; with the
   * moment the status is healthy again.
   */
  async function recoveryFrom(
    restart: (back: AbortSignal) => Promise<number>,
  ): Promise<{ backAt: number; healthyAt: number }> {
    const dropped = whenStatus(core, (status) => !isHealthy(status), seconds, 120_000);
    const stopLooking = new AbortController();
    try {
      const [backAt, healthyAt] = await Promise.all([
        restart(stopLooking.signal),
        dropped.then(() => whenStatus(core, isHealthy, seconds, 180_000)),
      ]);
      return { backAt, healthyAt };
    } finally {
      stopLooking.abort();
    }
  }

  it(`sshd restarts ${SSHD_RESTARTS} times`, async () => {
    const took: number[] = [];
    const retries: string[][] = [];
    for (let i = 0; i < SSHD_RESTARTS; i += 1) {
      const seq = lastSeq();
      const { backAt, healthyAt } = await recoveryFrom(async (signal) => {
        await peers.sshd.halt();
        await sleep(SSHD_DOWN_MS);
        const back = momentBack(() => acceptsConnections(peers.sshd.port), false, signal);
        await peers.sshd.restart();
        return back;
      });
      took.push(healthyAt - backAt);
      retries.push(retriesSince(seq));
    }
    const value = median(took);
    record({
      group: GROUP,
      ...ROWS.sshd,
      value,
      met: atMost(value, TARGET_S),
      note:
        `${spread(took, 's')}; sshd away ${SSHD_DOWN_MS / 1000} s each time; from sshd accepting TCP` +
        retriesNote(retries),
    });
  });

  it(`the Gateway restarts ${GATEWAY_RESTARTS} times`, async () => {
    const took: number[] = [];
    const fromReady: number[] = [];
    const startups: number[] = [];
    const retries: string[][] = [];
    for (let i = 0; i < GATEWAY_RESTARTS; i += 1) {
      const seq = lastSeq();
      // Ready (/readyz) comes after live, maybe after the app is back: looked for apart, to tell where time goes.
      const stopLookingForReady = new AbortController();
      const readyAt = momentBack(() => gatewayAnswers(peers.gateway.port, '/readyz'), true, stopLookingForReady.signal);
      readyAt.catch(() => undefined);
      try {
        const { backAt, healthyAt } = await recoveryFrom(async (signal) => {
          const started = seconds();
          const live = momentBack(() => gatewayAnswers(peers.gateway.port, '/healthz'), true, signal);
          await peers.gateway.restart();
          const at = await live;
          startups.push(at - started);
          return at;
        });
        took.push(healthyAt - backAt);
        setTimeout(() => stopLookingForReady.abort(), 120_000).unref();
        fromReady.push(healthyAt - (await readyAt));
        retries.push(retriesSince(seq));
      } finally {
        stopLookingForReady.abort();
      }
    }
    const value = median(took);
    const liveToReady = median(took.map((fromLive, i) => fromLive - fromReady[i]!));
    const few = GATEWAY_RESTARTS < 10 ? `; only ${GATEWAY_RESTARTS} restarts: each Gateway start takes long here` : '';
    record({
      group: GROUP,
      ...ROWS.gateway,
      value,
      met: atMost(value, TARGET_S),
      note:
        `${spread(took, 's')}; from /healthz answering again (the restart itself took a median ` +
        `${median(startups).toFixed(1)} s, not counted); /readyz came a median ${liveToReady.toFixed(1)} s after ` +
        `/healthz${retriesNote(retries)}${few}`,
    });
    record({
      group: GROUP,
      ...ROWS.gatewayReady,
      value: median(fromReady),
      met: null,
      note: `${spread(fromReady, 's')}; the Gateway refuses sign-in ("still starting") until it is ready${few}`,
    });
  });
});
