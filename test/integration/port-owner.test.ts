// Who holds a busy port, found on the real system: a real `ssh -N -L` and a real OpenClaw Gateway, named
// in the tunnel's error so the user knows what to stop.
import { execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/main/app-failure';
import { probeGateway } from '../../electron/main/services/gateway/probe';
import { describePortOwner, type PortOwnerDeps } from '../../electron/main/services/ssh/port-owner';
import { SshTunnel } from '../../electron/main/services/ssh/tunnel';
import { systemClock } from '../../electron/main/system/clock';
import { freePort } from '../fixtures/free-port';
import { gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { startOpensshForward } from '../fixtures/openssh-forward';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { pinnedConnect } from '../fixtures/pinned-ssh-connect';
import { createTestLog } from '../fixtures/silent-log';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { testSystem } from '../fixtures/system';

const usable =
  peerAvailable('OpenSSH sshd', sshdMissing(), HOW_TO_GET.sshd) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

const deps: PortOwnerDeps = {
  execFile: promisify(execFile),
  ownPid: process.pid,
  probeGateway: (url) => probeGateway(url, testSystem().clock),
};

describe.skipIf(!usable)('port owner on the real system', () => {
  let sshd: Sshd;
  let gateway: Gateway;
  let handMadeTunnel: ChildProcess;
  let handMadePort: number;

  beforeAll(async () => {
    [sshd, gateway] = await Promise.all([startSshd(), startGateway()]);
    handMadePort = await freePort();
    handMadeTunnel = await startOpensshForward(sshd, handMadePort, gateway.port);
  });

  afterAll(async () => {
    handMadeTunnel?.kill();
    await Promise.all([sshd?.stop(), gateway?.stop()]);
  });

  it('names a hand-made ssh -L tunnel, and that it leads to a Gateway', async () => {
    const owner = await describePortOwner(handMadePort, deps);
    expect(owner).toMatchObject({ kind: 'ssh', pid: handMadeTunnel.pid, command: 'ssh' });
    expect(owner.description).toContain('which forwards to an OpenClaw Gateway');
  });

  it('names a Gateway running on this machine', async () => {
    expect((await describePortOwner(gateway.port, deps)).kind).toBe('gateway');
  });

  it('puts the holder in the tunnel’s port-in-use error', async () => {
    const tunnel = new SshTunnel({
      localPort: handMadePort,
      remoteHost: '127.0.0.1',
      remotePort: gateway.port,
      useEphemeralPortIfBusy: false,
      connect: pinnedConnect(sshd),
      isRetryable: () => true,
      describePortOwner: async (port) => (await describePortOwner(port, deps)).description,
      log: createTestLog().logger('ssh'),
      clock: systemClock,
    });
    const failure = (await tunnel.start().catch((error: unknown) => error)) as AppFailure;
    expect(failure).toBeInstanceOf(AppFailure);
    expect(failure.error.message).toContain(`another ssh tunnel, ssh (pid ${handMadeTunnel.pid})`);
  });
});
