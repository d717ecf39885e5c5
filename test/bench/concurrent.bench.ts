// 256 connections at once through the tunnel's local port, as a dashboard or a burst of scripts opens them: each one
// opens (an SSH channel each) and echoes 64 B, then all 256 ping at once. Through our tunnel (the production SSH
// connect and tunnel, as a profile's route runs them) and, for scale, through `ssh -N -L` to the same sshd; the
// clients run on the traffic worker's thread. Every connection must succeed; p50 / p99 are printed, not asserted.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { SshTunnel } from '../../electron/main/services/ssh/tunnel';
import { systemClock } from '../../electron/main/system/clock';
import { freePort } from '../fixtures/free-port';
import { waitForPhase } from '../fixtures/link-state';
import { startOpensshForward } from '../fixtures/openssh-forward';
import { pinnedConnect } from '../fixtures/pinned-ssh-connect';
import { createTestLog } from '../fixtures/silent-log';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { percentile, record, recordUnmeasured } from './bench-report';
import { startTrafficWorker, type ConcurrentFigures } from './traffic-worker-client';

const CONNECTIONS = 256;
const GROUP = 'concurrent';

const ROWS = {
  succeeded: {
    name: `${CONNECTIONS} concurrent connections via the local port: succeeded`,
    unit: 'connections',
    target: `all ${CONNECTIONS}`,
  },
  p50: { name: `${CONNECTIONS} concurrent connections: 64 B round trip p50`, unit: 'ms', target: null },
  p99: { name: `${CONNECTIONS} concurrent connections: 64 B round trip p99`, unit: 'ms', target: null },
};

const missing = sshdMissing();
if (missing !== undefined) recordUnmeasured(GROUP, Object.values(ROWS), `no OpenSSH sshd: ${missing}`);

function p50p99(values: number[]): string {
  if (values.length === 0) return 'none';
  return `${percentile(values, 50).toFixed(1)} / ${percentile(values, 99).toFixed(1)} ms`;
}

describe.skipIf(missing !== undefined)(`${CONNECTIONS} concurrent connections`, () => {
  let sshd: Sshd;
  const traffic = startTrafficWorker();
  let tunnel: SshTunnel | undefined;
  let openssh: ChildProcess | undefined;

  beforeAll(async () => {
    sshd = await startSshd();
  });

  afterAll(async () => {
    openssh?.kill();
    await tunnel?.stop();
    await Promise.all([traffic.stop(), sshd?.stop()]);
  });

  it('opens them all at once through our tunnel and through ssh -N -L', async () => {
    const { echo } = await traffic.start();
    tunnel = new SshTunnel({
      localPort: 0,
      remoteHost: '127.0.0.1',
      remotePort: echo,
      useEphemeralPortIfBusy: false,
      connect: pinnedConnect(sshd),
      isRetryable: () => false,
      describePortOwner: () => Promise.resolve('another program'),
      log: createTestLog().logger('bench'),
      clock: systemClock,
    });
    const { localPort } = await tunnel.start();
    await waitForPhase(tunnel, 'up');
    const opensshPort = await freePort();
    openssh = await startOpensshForward(sshd, opensshPort, echo);

    // Warm-up, then ours and OpenSSH's in turn.
    await traffic.concurrent(localPort, 16);
    const ours: ConcurrentFigures = await traffic.concurrent(localPort, CONNECTIONS);
    const theirs: ConcurrentFigures = await traffic.concurrent(opensshPort, CONNECTIONS);

    const failures = ours.failures.length === 0 ? '' : `; failures: ${ours.failures.join(' | ')}`;
    record({
      group: GROUP,
      ...ROWS.succeeded,
      value: ours.succeeded,
      met: ours.succeeded === CONNECTIONS,
      note: `ssh -N -L: ${theirs.succeeded} of ${CONNECTIONS}${failures}`,
    });
    if (ours.roundTripMs.length === 0) {
      recordUnmeasured(GROUP, [ROWS.p50, ROWS.p99], 'no connection got through');
      return;
    }
    record({
      group: GROUP,
      ...ROWS.p50,
      value: percentile(ours.roundTripMs, 50),
      met: null,
      note: `all pinging at once; ssh -N -L ${p50p99(theirs.roundTripMs)} (p50 / p99)`,
    });
    record({
      group: GROUP,
      ...ROWS.p99,
      value: percentile(ours.roundTripMs, 99),
      met: null,
      note:
        `opening + first echo p50 / p99: ours ${p50p99(ours.firstEchoMs)}, ` +
        `ssh -N -L ${p50p99(theirs.firstEchoMs)}`,
    });
  });
});
