// The acceptance test for setting up the OpenClaw CLI: our own SSH tunnel to the real private sshd and the real
// Gateway (token auth), the CLI's config written by the app into an isolated home that holds the user's other
// settings, and the real `openclaw gateway health` — no --url, no --token — answering ok through that tunnel.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSON5 from 'json5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureOpenclawCli } from '../../electron/main/services/openclaw-config/configure-cli';
import { importOpenclawRemote } from '../../electron/main/services/openclaw-config/import-remote';
import { sshConfigDeps } from '../../electron/main/services/ssh/ssh-config';
import { createSshRoute } from '../../electron/main/services/connection/ssh-route';
import type { SshTunnel } from '../../electron/main/services/ssh/tunnel';
import { profileSchema } from '../../electron/shared/profile';
import { systemClock } from '../../electron/main/system/clock';
import { gatewayMissing, runOpenclawCli, startGateway, type Gateway } from '../fixtures/gateway';
import { waitForPhase } from '../fixtures/link-state';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { createTestLog } from '../fixtures/silent-log';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const usable =
  peerAvailable('OpenSSH sshd', sshdMissing(), HOW_TO_GET.sshd) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

/** The user's own settings in the CLI's config, which the app must keep; all valid for the real CLI's schema. */
function userConfig(logFile: string): string {
  return `// This Mac's OpenClaw settings
{
  logging: { file: "${logFile}" },
  agents: { defaults: { workspace: "~/work" } },
  gateway: {
    port: 18999,
    bind: "loopback",
    // A local Gateway's token: in remote mode the CLI must use gateway.remote.token instead.
    auth: { mode: "token", token: "not-the-remote-gateways-token" },
    mode: "local",
  },
}
`;
}

/** The config without gateway.mode and gateway.remote: what the app must leave exactly as it was. */
function outsideRemote(config: Record<string, unknown>): unknown {
  const { mode: _mode, remote: _remote, ...gateway } = config.gateway as Record<string, unknown>;
  return { ...config, gateway };
}

describe.skipIf(!usable)('the OpenClaw CLI set up by the app, through our SSH tunnel', () => {
  let sshd: Sshd;
  let gateway: Gateway;
  let tunnel: SshTunnel;
  let localPort: number;
  let home: string;
  let configPath: string;
  let original: string;
  let cliEnv: NodeJS.ProcessEnv;

  const profile = () =>
    profileSchema.parse({
      id: 'box',
      name: 'Box',
      route: {
        kind: 'ssh',
        target: 'gateway-box',
        identityFile: '~/.ssh/gateway_key',
        localPort: 0,
        remotePort: gateway.port,
      },
    });

  beforeAll(async () => {
    [sshd, gateway] = await Promise.all([startSshd(), startGateway()]);
    home = makeTempDir('openclaw-cli-home-');
    mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
    copyFileSync(sshd.clientKeyPath, path.join(home, '.ssh', 'gateway_key'));
    writeFileSync(
      path.join(home, '.ssh', 'config'),
      `Host gateway-box\n  HostName 127.0.0.1\n  User ${sshd.user}\n  Port ${sshd.port}\n  IdentityFile ~/.ssh/gateway_key\n` +
        '  IdentitiesOnly yes\n',
    );
    const stateDir = path.join(home, 'openclaw-state');
    mkdirSync(stateDir, { mode: 0o700 });
    configPath = path.join(stateDir, 'openclaw.json');
    original = userConfig(path.join(home, 'cli.log'));
    writeFileSync(configPath, original, { mode: 0o600 });
    // The Gateway fixture's isolated environment (no OPENCLAW_* or test variables of ours), moved to the user's
    // home, state dir and config: nothing else tells the CLI where the Gateway is or what its token is.
    cliEnv = { ...gateway.env, HOME: home, OPENCLAW_STATE_DIR: stateDir, OPENCLAW_CONFIG_PATH: configPath };

    const route = profile().route;
    if (route.kind !== 'ssh') throw new Error('the profile is an SSH profile');
    tunnel = createSshRoute(
      { ...route, localPort: 0 },
      {
        config: await sshConfigDeps(testSystem(), { ...process.env, HOME: home }, home),
        prompts: { trustHostKey: () => Promise.resolve(true), passphrase: () => Promise.resolve(undefined) },
        log: createTestLog().logger('ssh'),
        clock: systemClock,
      },
    );
    ({ localPort } = await tunnel.start());
    expect(await waitForPhase(tunnel, ['failed', 'up'])).toMatchObject({ phase: 'up' });
  });

  afterAll(async () => {
    await tunnel?.stop();
    await Promise.all([sshd?.stop(), gateway?.stop()]);
    if (home) removeTempDir(home);
  });

  it('writes the CLI’s config, and `openclaw gateway health` without --url or --token answers ok through the tunnel', async () => {
    // The CLI must reach the Gateway at our tunnel's port, which is not the Gateway's own.
    expect(localPort).not.toBe(gateway.port);
    const result = await configureOpenclawCli(
      { profile: profile(), token: gateway.token, tunnelLocalPort: localPort },
      { env: cliEnv, homeDir: home, system: testSystem() },
    );
    expect(result).toMatchObject({ configPath, changed: true, created: false, commentsDropped: true });
    expect(readFileSync(`${configPath}.bak`, 'utf8')).toBe(original);

    const health = await runOpenclawCli(['gateway', 'health', '--json'], cliEnv);
    expect(health.code, health.stderr).toBe(0);
    expect(JSON.parse(health.stdout)).toMatchObject({ ok: true });

    const written = JSON5.parse<Record<string, unknown>>(readFileSync(configPath, 'utf8'));
    expect(written.gateway).toMatchObject({
      mode: 'remote',
      remote: {
        transport: 'ssh',
        url: `ws://127.0.0.1:${localPort}`,
        remotePort: gateway.port,
        sshTarget: 'gateway-box',
        sshIdentity: '~/.ssh/gateway_key',
        token: gateway.token,
      },
    });
    expect(outsideRemote(written)).toEqual(outsideRemote(JSON5.parse(original)));
  });

  it('imports that same file back as the matching profile and token', async () => {
    expect(await importOpenclawRemote({ env: cliEnv, homeDir: home, system: testSystem() })).toEqual({
      kind: 'remote',
      configPath,
      profile: {
        name: 'gateway-box',
        route: { ...profile().route, localPort },
      },
      token: gateway.token,
      notes: [],
    });
  });

  it('fails the same command once our tunnel is down: the CLI had no other way to the Gateway', async () => {
    await tunnel.stop();
    const health = await runOpenclawCli(['gateway', 'health', '--json'], cliEnv);
    expect(health.code).not.toBe(0);
    // The CLI says where it went and why: the URL the app wrote, refused now that nothing listens there.
    expect(JSON.parse(health.stdout)).toMatchObject({
      ok: false,
      error: { reason: expect.stringContaining('ECONNREFUSED') },
      gateway: { url: `ws://127.0.0.1:${localPort}`, urlSource: 'config gateway.remote.url' },
    });
  });
});
