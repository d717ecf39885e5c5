// Fetch from host over the real private sshd: the OpenClaw config is found where the host user's login environment
// puts it (set through sshd's SetEnv, so this machine's own ~/.openclaw is never touched), read over SFTP as JSON5,
// and turned into port, auth mode and token or a precise error; against a real Gateway, the fetched token works.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchGatewaySettingsFromHost } from '../../electron/main/services/gateway/fetch-from-host';
import { failureOf } from '../fixtures/failure-of';
import { gatewayMissing, runOpenclawCli, startGatewayWithConfig, type FileOnlyGateway } from '../fixtures/gateway';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { pinnedConnect } from '../fixtures/pinned-ssh-connect';
import { sshdMissing, startSshd } from '../fixtures/sshd';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const sshdHere = peerAvailable('OpenSSH sshd', sshdMissing(), HOW_TO_GET.sshd);
const gatewayHere = peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

interface Host {
  client: Client;
  close(): Promise<void>;
}

/** An sshd whose sessions get `env` (sshd_config SetEnv), and a connection to it. */
async function hostWithEnv(env: Record<string, string>): Promise<Host> {
  const setEnv = Object.entries(env).map(([name, value]) => `${name}=${value}`);
  const sshd = await startSshd({ extraConfig: [`SetEnv ${setEnv.join(' ')}`, 'Subsystem sftp internal-sftp'] });
  try {
    const client = await pinnedConnect(sshd)({ signal: new AbortController().signal, onStep: () => {} });
    return {
      client,
      async close() {
        client.end();
        await sshd.stop();
      },
    };
  } catch (error) {
    await sshd.stop();
    throw error;
  }
}

function fetchWithSecrets(client: Client) {
  const secrets: string[] = [];
  return {
    secrets,
    fetch: () =>
      fetchGatewaySettingsFromHost(client, { redact: (secret) => secrets.push(secret), clock: testSystem().clock }),
  };
}

describe.skipIf(!sshdHere)('fetch from host: config files', () => {
  let root: string;
  let home: string;
  let stateDir: string;
  let host: Host;

  beforeAll(async () => {
    root = makeTempDir('openclaw-fetch-');
    home = join(root, 'home');
    stateDir = join(root, 'state');
    host = await hostWithEnv({ HOME: home, OPENCLAW_STATE_DIR: stateDir });
  });

  afterAll(async () => {
    await host?.close();
    if (root) removeTempDir(root);
  });

  beforeEach(() => {
    for (const dir of [home, stateDir]) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
  });

  const writeState = (name: string, text: string) => writeFileSync(join(stateDir, name), text);

  it('reads port and token from $OPENCLAW_STATE_DIR/openclaw.json, written as JSON5', async () => {
    writeState(
      'openclaw.json',
      `// written by hand
      {
        gateway: {
          port: 28789, /* not the default */
          auth: { mode: 'token', token: "s3cret-token-from-json5", },
        },
      }`,
    );
    const { fetch, secrets } = fetchWithSecrets(host.client);
    expect(await fetch()).toEqual({
      port: 28789,
      authMode: 'token',
      token: 's3cret-token-from-json5',
      configPath: join(stateDir, 'openclaw.json'),
    });
    expect(secrets).toEqual(['s3cret-token-from-json5']);
  });

  it('defaults to port 18789 and token mode', async () => {
    writeState('openclaw.json', JSON.stringify({ gateway: { auth: { token: 'plain-token' } } }));
    expect(await fetchWithSecrets(host.client).fetch()).toMatchObject({
      port: 18789,
      authMode: 'token',
      token: 'plain-token',
    });
  });

  it('falls back to ~/.openclaw/openclaw.json when the state dir has no config', async () => {
    mkdirSync(join(home, '.openclaw'));
    writeFileSync(join(home, '.openclaw', 'openclaw.json'), '{ gateway: { port: 19999, auth: { token: "t-home" } } }');
    expect(await fetchWithSecrets(host.client).fetch()).toEqual({
      port: 19999,
      authMode: 'token',
      token: 't-home',
      configPath: join(home, '.openclaw', 'openclaw.json'),
    });
  });

  it('sees what the login profile exports, past whatever the profile prints', async () => {
    // The account's shell runs as a login shell: sh, bash and ksh read ~/.profile, zsh reads ~/.zprofile.
    const profile = [
      'echo "Welcome to the host"',
      "printf 'noise\\0'",
      'export OPENCLAW_CONFIG_PATH="$HOME/from-profile.json5"',
    ].join('\n');
    for (const name of ['.profile', '.zprofile']) writeFileSync(join(home, name), profile);
    writeFileSync(join(home, 'from-profile.json5'), '{ gateway: { auth: { token: "t-profile" } } }');
    expect(await fetchWithSecrets(host.client).fetch()).toMatchObject({
      token: 't-profile',
      configPath: join(home, 'from-profile.json5'),
    });
  });

  it('names both places it looked when there is no config', async () => {
    const error = await failureOf(fetchWithSecrets(host.client).fetch());
    expect(error.kind).toBe('openclaw-config-missing');
    expect(error.message).toContain(join(stateDir, 'openclaw.json'));
    expect(error.message).toContain(join(home, '.openclaw', 'openclaw.json'));
    expect(error.hint).toContain('openclaw config file');
  });

  it('explains a token that is a secret reference, naming it as the Gateway does', async () => {
    writeState(
      'openclaw.json',
      JSON.stringify({
        gateway: { auth: { mode: 'token', token: { source: 'env', provider: 'default', id: 'GW_TOKEN' } } },
      }),
    );
    const { fetch, secrets } = fetchWithSecrets(host.client);
    const error = await failureOf(fetch());
    expect(error.kind).toBe('gateway-token-secret-ref');
    expect(error.message).toContain('env:default:GW_TOKEN');
    expect(error.message).toContain('environment variable GW_TOKEN');
    expect(error.hint).toContain('openclaw gateway auth-token --show');
    expect(secrets).toEqual([]);
  });

  it('says so when token mode has no token', async () => {
    writeState('openclaw.json', '{ gateway: { port: 18800, auth: { mode: "token" } } }');
    const error = await failureOf(fetchWithSecrets(host.client).fetch());
    expect(error.kind).toBe('gateway-token-missing');
    expect(error.hint).toContain('openclaw doctor --fix --generate-gateway-token');
    expect(error.hint).toContain('openclaw config set gateway.auth.token');
  });

  it('gives line and column of a JSON5 syntax error, without quoting the file', async () => {
    writeState('openclaw.json', '{\n  gateway: {\n    auth: { token: "abc" def }\n  }\n}\n');
    const error = await failureOf(fetchWithSecrets(host.client).fetch());
    expect(error.kind).toBe('openclaw-config-invalid');
    expect(error.message).toContain('line 3, column 26');
    // json5's own message quotes the character, which could be part of a token.
    expect(error.message).not.toContain('invalid character');
  });

  it('follows $include the way the Gateway does', async () => {
    writeState('openclaw.json', '{ gateway: { $include: "./gateway.json5", port: 30001 } }');
    writeState('gateway.json5', '{ port: 1, auth: { $include: ["./auth-a.json5", "./auth-b.json5"] } }');
    writeState('auth-a.json5', '{ mode: "password", password: "ignored" }');
    writeState('auth-b.json5', '{ mode: "token", token: "from-include" }');
    expect(await fetchWithSecrets(host.client).fetch()).toMatchObject({
      port: 30001,
      authMode: 'token',
      token: 'from-include',
    });
  });

  it('refuses a config file far larger than a real one', async () => {
    writeState('openclaw.json', `{ gateway: {}, padding: "${'x'.repeat(3 * 1024 * 1024)}" }`);
    expect((await failureOf(fetchWithSecrets(host.client).fetch())).kind).toBe('openclaw-config-too-large');
  });

  it('reports a directory where the config should be as unreadable', async () => {
    mkdirSync(join(stateDir, 'openclaw.json'));
    expect((await failureOf(fetchWithSecrets(host.client).fetch())).kind).toBe('openclaw-config-unreadable');
  });
});

describe.skipIf(!sshdHere)('fetch from host: OPENCLAW_CONFIG_PATH', () => {
  let root: string;
  let host: Host;

  beforeAll(async () => {
    root = makeTempDir('openclaw-fetch-path-');
    mkdirSync(join(root, 'state'));
    // The explicit path wins even over a config in the state dir.
    writeFileSync(join(root, 'state', 'openclaw.json'), '{ gateway: { auth: { token: "not-this-one" } } }');
    writeFileSync(join(root, 'elsewhere.json5'), '{ gateway: { port: 24000, auth: { token: "this-one" } } }');
    host = await hostWithEnv({
      OPENCLAW_CONFIG_PATH: join(root, 'elsewhere.json5'),
      OPENCLAW_STATE_DIR: join(root, 'state'),
    });
  });

  afterAll(async () => {
    await host?.close();
    if (root) removeTempDir(root);
  });

  it('reads the file OPENCLAW_CONFIG_PATH names', async () => {
    expect(await fetchWithSecrets(host.client).fetch()).toEqual({
      port: 24000,
      authMode: 'token',
      token: 'this-one',
      configPath: join(root, 'elsewhere.json5'),
    });
  });
});

describe.skipIf(!sshdHere || !gatewayHere)('fetch from host: a real Gateway configured by its file', () => {
  const secretRef = { source: 'env', provider: 'default', id: 'REMOTE_TEST_GATEWAY_TOKEN' };
  let byToken: GatewayOnHost;
  let byPassword: GatewayOnHost;
  let bySecretRef: GatewayOnHost;

  interface GatewayOnHost {
    gateway: FileOnlyGateway;
    host: Host;
  }

  beforeAll(async () => {
    // Each Gateway takes seconds to start, so they start together.
    [byToken, byPassword, bySecretRef] = await Promise.all([
      gatewayOnHost({ mode: 'token', token: 'token-the-gateway-really-uses' }),
      gatewayOnHost({ mode: 'password', password: 'the-gateway-password' }),
      gatewayOnHost({ mode: 'token', token: secretRef }, { REMOTE_TEST_GATEWAY_TOKEN: 'token-from-the-environment' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all(
      [byToken, byPassword, bySecretRef].flatMap((each) => (each ? [each.host.close(), each.gateway.stop()] : [])),
    );
  });

  async function gatewayOnHost(auth: Record<string, unknown>, env?: Record<string, string>): Promise<GatewayOnHost> {
    const gateway = await startGatewayWithConfig({ gateway: { auth } }, { fileOnly: true, env });
    try {
      return { gateway, host: await hostWithEnv({ OPENCLAW_STATE_DIR: gateway.stateDir }) };
    } catch (error) {
      await gateway.stop();
      throw error;
    }
  }

  const health = (gateway: FileOnlyGateway, token: string) =>
    runOpenclawCli(['gateway', 'health', '--url', gateway.url, '--token', token, '--json'], gateway.env);

  it('fetches the token and port the Gateway uses, and its own CLI connects with them', async () => {
    const { gateway, host } = byToken;
    const settings = await fetchWithSecrets(host.client).fetch();
    expect(settings).toMatchObject({ port: gateway.port, authMode: 'token', token: 'token-the-gateway-really-uses' });
    const result = await health(gateway, settings.token ?? '');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true });
  });

  it('fetches the password of a password-mode Gateway, which accepts it as the token', async () => {
    const { gateway, host } = byPassword;
    const settings = await fetchWithSecrets(host.client).fetch();
    expect(settings).toMatchObject({ port: gateway.port, authMode: 'password', token: 'the-gateway-password' });
    const result = await health(gateway, settings.token ?? '');
    expect(result.code, result.stderr).toBe(0);
  });

  it('explains a token the Gateway takes from a secret reference', async () => {
    const { gateway, host } = bySecretRef;
    const error = await failureOf(fetchWithSecrets(host.client).fetch());
    expect(error.kind).toBe('gateway-token-secret-ref');
    expect(error.message).toContain('env:default:REMOTE_TEST_GATEWAY_TOKEN');
    // The reference is real: the Gateway took the token from its environment.
    expect((await health(gateway, 'token-from-the-environment')).code).toBe(0);
  });
});
