// Freeing a local port held by an earlier tunnel of this app, against the real sshd and Gateway: an `openclaw-remote
// connect` left running holds the port; the doctor of another profile on that port names it and offers to stop it;
// `doctor --free-port` ends it cleanly and the port is free. Another program on the port is never stopped.
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorJsonReport } from '../../electron/shared/doctor-export';
import { runCli, startCli, type CliProcess } from '../fixtures/cli-process';
import { freePort } from '../fixtures/free-port';
import { gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const usable =
  peerAvailable('OpenSSH sshd', sshdMissing(), HOW_TO_GET.sshd) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

describe.skipIf(!usable)('doctor --free-port', () => {
  let sshd: Sshd;
  let gateway: Gateway;
  let home: string;
  let env: NodeJS.ProcessEnv;
  let port: number;
  let connect: CliProcess | undefined;

  beforeAll(async () => {
    [sshd, gateway] = await Promise.all([startSshd(), startGateway()]);
    home = makeTempDir('ocr-free-port-');
    env = { ...process.env, HOME: home, OPENCLAW_REMOTE_HOME: path.join(home, 'data') };
    delete env.SSH_AUTH_SOCK;
    port = await freePort();
    for (const name of ['First', 'Second']) {
      const added = await runCli(
        [
          'profiles',
          'add',
          name,
          '--ssh',
          `${sshd.user}@127.0.0.1:${sshd.port}`,
          '--identity',
          sshd.clientKeyPath,
          '--local-port',
          String(port),
          '--remote-port',
          String(gateway.port),
          '--token-stdin',
        ],
        { env, input: gateway.token },
      );
      expect(added.code, added.stderr).toBe(0);
    }
  }, 120_000);

  afterAll(async () => {
    connect?.process.kill('SIGKILL');
    await Promise.all([sshd?.stop(), gateway?.stop()]);
    removeTempDir(home);
  });

  async function localPortStep(name: string) {
    const json = await runCli(['doctor', name, '--json'], { env });
    const report = JSON.parse(json.stdout) as DoctorJsonReport;
    return report.steps.find((step) => step.id === 'local-port');
  }

  it('names the earlier tunnel, offers to stop it, and frees the port', async () => {
    connect = startCli(['connect', 'First', '--accept-new-host-key'], { env });
    await connect.waitForOutput(/Connected/u);
    const { pid } = connect.process;

    const held = await localPortStep('Second');
    expect(held).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining(`an earlier tunnel of OpenClaw Remote, openclaw-remote (pid ${pid})`),
      fix: { action: 'free-local-port' },
    });
    const text = await runCli(['doctor', 'Second'], { env });
    expect(text.stdout).toContain('openclaw-remote doctor Second --free-port');

    const freed = await runCli(['doctor', 'Second', '--free-port'], { env });
    expect(freed.code, freed.stderr).toBe(0);
    expect(freed.stdout).toContain(
      `Stopped the earlier OpenClaw Remote tunnel (pid ${pid}); 127.0.0.1:${port} is free.`,
    );
    // Asked as Ctrl-C asks, it closed its tunnel and ended by itself.
    expect(await connect.exited()).toBe(0);
    expect(await localPortStep('Second')).toMatchObject({ status: 'pass' });
  }, 120_000);

  it('never stops another program that holds the port', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      const refused = await runCli(['doctor', 'Second', '--free-port'], { env });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain(`127.0.0.1:${port} is not held by an earlier tunnel of OpenClaw Remote now`);
      expect(holder.listening).toBe(true);
      expect(await localPortStep('Second')).toMatchObject({ status: 'fail', fix: { action: 'edit-profile' } });
    } finally {
      holder.close();
    }
  }, 60_000);
});
