// Reliability: a Gateway that announces its restart (a `shutdown` event with `restartExpectedMs`, then close 1012, as
// the real one does before an in-process restart) behind the app's connection through the real sshd. The wait it
// asked for is waited out as a reconnect, never reported as an error, and the connection comes back once it serves.
// The Gateway is a fake here only because the real one cannot be made to send this notice on demand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGateway, type FakePeer, type FakeServer } from '../fixtures/gateway-fake';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { healthyAfter, openReliabilityCore, type ReliabilityCore } from './reliability-core';

const usable = peerAvailable('OpenSSH sshd', sshdMissing(), HOW_TO_GET.sshd);

/** Longer than the fake stays away, so the wait asked for is what ends first, whatever the watch sees meanwhile. */
const RESTART_EXPECTED_MS = 3_000;
/** How long the fake's port stays closed, as a restarting Gateway's does. */
const AWAY_MS = 1_000;
const BOUND_MS = 60_000;

describe.skipIf(!usable)('reliability: a Gateway that announces its restart', () => {
  let sshd: Sshd;
  let core: ReliabilityCore;
  let fake: FakeServer;
  const peers: FakePeer[] = [];

  /** Signs in every connection and answers `health` as a Gateway does; keeps the peer for the test to act on. */
  async function serveGateway(peer: FakePeer): Promise<void> {
    await peer.signIn();
    peers.push(peer);
    for (;;) {
      const request = await peer.next();
      if (request.method === 'health') peer.reply(request, { ok: true, ts: Date.now(), durationMs: 1 });
      else peer.fail(request, { code: 'INVALID_REQUEST', message: `unknown method: ${request.method}` });
    }
  }

  beforeAll(async () => {
    [sshd, fake] = await Promise.all([startSshd(), startFakeGateway((peer) => serveGateway(peer))]);
    core = await openReliabilityCore(sshd, { port: sshd.port });
  });

  afterAll(async () => {
    await core?.close();
    await fake?.close();
    await sshd?.stop();
  });

  it('waits out restartExpectedMs as a reconnect, never an error, and is back once the Gateway serves', async () => {
    const port = Number(new URL(fake.url).port);
    const profile = await core.saveSshProfile('Restarting', port, 'fake-gateway-token');
    await core.services.router.invoke('connection:connect', [{ profileId: profile.id }]);
    const { connectedSince } = await core.statuses.waitFor(healthyAfter(undefined), { from: 0, timeoutMs: BOUND_MS });

    const from = core.statuses.all.length;
    const announcing = peers.at(-1)!;
    announcing.send({
      type: 'event',
      event: 'shutdown',
      payload: { reason: 'gateway restarting', restartExpectedMs: RESTART_EXPECTED_MS },
    });
    announcing.socket.close(1012, 'service restart');
    // The restart: the port closes, then a Gateway listens there again.
    await fake.close();
    await new Promise((resolve) => setTimeout(resolve, AWAY_MS));
    fake = await startFakeGateway((peer) => serveGateway(peer), { port });

    const back = await core.statuses.waitFor(healthyAfter(connectedSince), { from, timeoutMs: BOUND_MS });
    const meanwhile = core.statuses.all.slice(from, core.statuses.all.indexOf(back));
    expect(meanwhile.map((status) => status.state)).not.toContain('error');
    expect(meanwhile[0]).toMatchObject({
      state: 'reconnecting',
      lastError: { kind: 'gateway-restarting', message: 'The Gateway is restarting (gateway restarting).' },
    });
    // The wait was the one the Gateway asked for, not a backoff; and nothing was logged as an error.
    const log = core.services.log.recent(2000);
    expect(log.some((entry) => entry.message.includes(`Retrying the Gateway in ${RESTART_EXPECTED_MS} ms`))).toBe(true);
    expect(log.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});
