// Two of the app's own SSH tunnels (SshTunnel over the app's SSH connect, as in test/bench/tunnel.bench.ts) in
// whatever runtime runs this file, for test/mac/packaged-tunnel.test.ts, which bundles it beside an ssh2 and runs it
// with the packaged app's executable as Node (ELECTRON_RUN_AS_NODE=1) or with Node itself. Argument: JSON
// { sshd: { port, user, clientKeyPath, hostPublicKey }, remotePorts: { bulk, echo } }. Prints one JSON line
// { bulk, echo, sshCrypto, runtime } with the tunnels' local ports, and runs until its standard input closes.
import { createRequire } from 'node:module';
import { SshTunnel } from '../../electron/main/services/ssh/tunnel';
import { systemClock } from '../../electron/main/system/clock';
import { waitForPhase } from '../fixtures/link-state';
import { pinnedConnect } from '../fixtures/pinned-ssh-connect';
import { createTestLog } from '../fixtures/silent-log';
import type { Sshd } from '../fixtures/sshd';

export interface TunnelProcessRequest {
  sshd: Pick<Sshd, 'port' | 'user' | 'clientKeyPath' | 'hostPublicKey'>;
  remotePorts: { bulk: number; echo: number };
}

export interface TunnelProcessReady {
  bulk: number;
  echo: number;
  /** Whether the ssh2 beside this bundle loaded its native binding here. */
  sshCrypto: 'native' | 'javascript';
  runtime: string;
}

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as TunnelProcessRequest;
  const connect = pinnedConnect(request.sshd as Sshd);
  const open = async (remotePort: number) => {
    const tunnel = new SshTunnel({
      localPort: 0,
      remoteHost: '127.0.0.1',
      remotePort,
      useEphemeralPortIfBusy: false,
      connect,
      isRetryable: () => false,
      describePortOwner: () => Promise.resolve('another program'),
      log: createTestLog().logger('bench'),
      clock: systemClock,
    });
    const { localPort } = await tunnel.start();
    await waitForPhase(tunnel, 'up');
    return { tunnel, localPort };
  };
  const bulk = await open(request.remotePorts.bulk);
  const echo = await open(request.remotePorts.echo);
  const crypto = createRequire(import.meta.url)('ssh2/lib/protocol/crypto.js') as { bindingAvailable?: boolean };
  const ready: TunnelProcessReady = {
    bulk: bulk.localPort,
    echo: echo.localPort,
    sshCrypto: crypto.bindingAvailable === true ? 'native' : 'javascript',
    runtime: process.versions.electron
      ? `Electron ${process.versions.electron} (Node ${process.versions.node})`
      : `Node ${process.versions.node}`,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => {
    void Promise.all([bulk.tunnel.stop(), echo.tunnel.stop()]).then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`tunnel-process: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
