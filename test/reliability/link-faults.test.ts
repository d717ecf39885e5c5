// Reliability: faults behind one connection of the app's core to the real sshd and the real Gateway (sharing them,
// since a Gateway start costs seconds to tens of seconds): sshd restarting 20 times in a row (every session dropped,
// back on the same port), the Gateway restarting 5 times in a row, and the way to sshd going silent without closing.
// After each fault the connection is back and a Gateway `health` round trip answers through it; after the restarts
// this process holds no more sockets, listeners, timers, child processes or file descriptors than before.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gatewayMissing, startGateway, waitForGatewayReady, type Gateway } from '../fixtures/gateway';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { countResources, growthBetween, type ResourceCount } from './process-resources';
import { healthyAfter, openReliabilityCore, type ReliabilityCore } from './reliability-core';
import { startSilentProxy } from './silent-proxy';

const usable =
  peerAvailable('OpenSSH sshd', sshdMissing(), HOW_TO_GET.sshd) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

const SSHD_RESTARTS = 20;
const GATEWAY_RESTARTS = 5;
/**
 * A bound on one recovery, not a target. A restarted Gateway answers /healthz a while before it serves sign-ins
 * ("still starting"), which on a loaded 2-core machine has lasted tens of seconds.
 */
const RECOVERY_BOUND_MS = 120_000;
/**
 * What may differ between two counts of an idle, connected process without anything leaking: a health check or a
 * keepalive in flight, a log write, a timer being re-armed. A leak per fault would exceed it many times over.
 */
const SLACK = { handles: 3, fds: 3 };
/** ~/.ssh/config's keepalive for the silent link: ssh2 gives up after (count + 1) unanswered intervals. */
const SERVER_ALIVE_INTERVAL_S = 2;
const SERVER_ALIVE_COUNT_MAX = 2;
const KEEPALIVE_WINDOW_MS = SERVER_ALIVE_INTERVAL_S * 1000 * (SERVER_ALIVE_COUNT_MAX + 1);
/**
 * Generous for load, yet below what anything else would notice the silence in: ssh2's default keepalive (15 s × 4)
 * and the Gateway client's ping (15 s, then 15 s more for its answer) both take longer.
 */
const DETECTION_BOUND_MS = KEEPALIVE_WINDOW_MS + 20_000;

describe.skipIf(!usable)('reliability: faults behind a connected link', () => {
  let sshd: Sshd;
  let gateway: Gateway;
  let core: ReliabilityCore;
  /** When the Gateway link last came up, so each recovery is told from the connection before it. */
  let connectedSince: number | undefined;

  beforeAll(async () => {
    [sshd, gateway] = await Promise.all([startSshd(), startGateway()]);
    await waitForGatewayReady(gateway.port);
    core = await openReliabilityCore(sshd, { port: sshd.port });
    const profile = await core.saveSshProfile('Lab', gateway.port, gateway.token);
    await core.services.router.invoke('connection:connect', [{ profileId: profile.id }]);
    const healthy = await core.statuses.waitFor(healthyAfter(undefined), { from: 0, timeoutMs: RECOVERY_BOUND_MS });
    connectedSince = healthy.connectedSince;
  }, 300_000);

  afterAll(async () => {
    await core?.close();
    await Promise.all([sshd?.stop(), gateway?.stop()]);
  });

  /** Makes the fault, then waits for the connection to notice it and for health to answer through the new link. */
  async function recoverFrom(fault: () => Promise<void>, name: string): Promise<void> {
    const from = core.statuses.all.length;
    await fault();
    const healthy = await core.statuses
      .waitFor(healthyAfter(connectedSince), { from, timeoutMs: RECOVERY_BOUND_MS })
      .catch((error: unknown) => {
        throw new Error(`not recovered from ${name}: ${(error as Error).message}`);
      });
    const states = core.statuses.all.slice(from).map((status) => status.state);
    expect(states, name).toContain('reconnecting');
    expect(states, name).not.toContain('error');
    connectedSince = healthy.connectedSince;
  }

  /** Waits for what is still closing to close, then compares with `before` within the slack. */
  async function expectNoLeakSince(before: ResourceCount): Promise<void> {
    const withinSlack = (after: ResourceCount) => {
      const growth = growthBetween(before, after);
      return growth.totalHandles <= SLACK.handles && growth.totalFds <= SLACK.fds && growth.children === 0;
    };
    await vi
      .waitFor(() => expect(withinSlack(countResources())).toBe(true), { timeout: 30_000, interval: 500 })
      .catch(() => undefined);
    const after = countResources();
    const growth = growthBetween(before, after);
    const detail = JSON.stringify({ growth, before, after });
    expect(growth.totalHandles, detail).toBeLessThanOrEqual(SLACK.handles);
    expect(growth.totalFds, detail).toBeLessThanOrEqual(SLACK.fds);
    expect(growth.children, detail).toBe(0);
  }

  it(`recovers from ${SSHD_RESTARTS} sshd restarts in a row (every session dropped, back on the same port), leaking nothing`, async () => {
    const before = countResources();
    for (let restart = 1; restart <= SSHD_RESTARTS; restart++) {
      await recoverFrom(() => sshd.restart(), `sshd restart ${restart}`);
    }
    await expectNoLeakSince(before);
  }, 600_000);

  it(`recovers from ${GATEWAY_RESTARTS} Gateway restarts in a row behind the working tunnel, leaking nothing`, async () => {
    const before = countResources();
    for (let restart = 1; restart <= GATEWAY_RESTARTS; restart++) {
      await recoverFrom(() => gateway.restart(), `Gateway restart ${restart}`);
    }
    await expectNoLeakSince(before);
  }, 900_000);

  it('notices a link gone silent without closing (a proxy that stops forwarding) within the keepalive window, and recovers when it forwards again', async () => {
    const proxy = await startSilentProxy({ host: sshd.host, port: sshd.port });
    const silent = await openReliabilityCore(sshd, {
      port: proxy.port,
      extraConfig: [
        `ServerAliveInterval ${SERVER_ALIVE_INTERVAL_S}`,
        `ServerAliveCountMax ${SERVER_ALIVE_COUNT_MAX}`,
        // Attempts while the proxy holds connections without forwarding end here, and are retried.
        'ConnectTimeout 5',
      ],
    });
    try {
      const profile = await silent.saveSshProfile('Behind a proxy', gateway.port, gateway.token);
      await silent.services.router.invoke('connection:connect', [{ profileId: profile.id }]);
      const up = await silent.statuses.waitFor(healthyAfter(undefined), { from: 0, timeoutMs: RECOVERY_BOUND_MS });

      const from = silent.statuses.all.length;
      proxy.pause();
      const noticed = await silent.statuses.waitFor(
        (status) => status.state === 'reconnecting' && status.lastError?.kind === 'connection-lost',
        { from, timeoutMs: DETECTION_BOUND_MS },
      );
      expect(noticed.lastError?.message).toMatch(/Keepalive timeout/);
      // Silent a while longer: attempts meanwhile reach the proxy and hang there until they time out.
      await sleep(KEEPALIVE_WINDOW_MS);
      proxy.resume();
      await silent.statuses.waitFor(healthyAfter(up.connectedSince), { from, timeoutMs: RECOVERY_BOUND_MS });
      expect(silent.statuses.all.slice(from).map((status) => status.state)).not.toContain('error');
    } finally {
      await silent.close();
      await proxy.close();
    }
  }, 300_000);
});
