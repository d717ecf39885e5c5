// One secret store for the app and the CLI, through the real keychain backend of Linux (GNOME Keyring on a private
// D-Bus session, test/fixtures/keyring.ts): a token the built CLI saves is the one the app's store reads and the
// reverse, the old secrets files move in without losing a secret (also when the CLI is killed half-way and runs
// again), and with no bus the CLI says it keeps secrets in its user-only file and still works. safeStorage is a
// stand-in only to decode the app's old secrets.json; the secret values never appear in the app log or the output.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli, startCli } from '../fixtures/cli-process';
import { gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { keyringMissing, startKeyring, type PrivateKeyring } from '../fixtures/keyring';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

/** safeStorage's stand-in: reversible, so the test can write the app's old secrets.json as the app did. */
const safeStorage = vi.hoisted(() => ({
  isAsyncEncryptionAvailable: async () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret' as const,
  encryptStringAsync: async (plain: string) => Buffer.from(`sealed:${plain}`, 'utf8'),
  decryptStringAsync: async (sealed: Buffer) => ({
    result: sealed.toString('utf8').slice('sealed:'.length),
    shouldReEncrypt: false,
  }),
}));
vi.mock('electron', () => ({ safeStorage }));

const { openAppSecretStore } = await import('../../electron/main/adapters/app-secrets');
const { keychainServiceName } = await import('../../electron/main/services/secrets/keychain-service-name');
const { profileTokenSecret } = await import('../../electron/main/services/profiles/profile-secrets');
const { loadNapiKeyring } = await import('../../electron/main/system/napi-keyring');
const { nodeSystem } = await import('../../electron/main/system/node-system');

const usable =
  peerAvailable('GNOME Keyring', keyringMissing(), HOW_TO_GET.keyring) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

/** Where the person's real data would be: no test data directory is it, so every test's items are its own. */
const DEFAULT_DATA_DIR = '/nonexistent/OpenClaw Remote';
const BUS_ENV = 'DBUS_SESSION_BUS_ADDRESS';

describe.runIf(usable)('one keychain for the app and the CLI', () => {
  let keyring: PrivateKeyring;
  let gateway: Gateway;
  const homes: string[] = [];

  beforeAll(async () => {
    [keyring, gateway] = await Promise.all([startKeyring(), startGateway()]);
    // The app's store runs in this process: it finds the keychain on this bus, as the app finds the login Keychain.
    process.env[BUS_ENV] = keyring.busAddress;
  });
  afterAll(async () => {
    delete process.env[BUS_ENV];
    homes.forEach(removeTempDir);
    await Promise.all([keyring?.stop(), gateway?.stop()]);
  });

  function isolatedUser({ bus = true } = {}) {
    const home = makeTempDir('ocr-keychain-home-');
    homes.push(home);
    mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
    const dataDir = path.join(home, 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, OPENCLAW_REMOTE_HOME: dataDir };
    delete env.SSH_AUTH_SOCK;
    delete env.OPENCLAW_GATEWAY_TOKEN;
    if (!bus) delete env[BUS_ENV];
    return { home, env, dataDir };
  }

  async function appSecrets(dataDir: string) {
    return openAppSecretStore({
      dataDir,
      defaultDataDir: DEFAULT_DATA_DIR,
      system: nodeSystem(),
      keyring: await loadNapiKeyring(),
      encryption: safeStorage,
    });
  }

  /** What the keychain itself holds for a data directory's secret, asked without our store. */
  async function keychainItem(dataDir: string, name: string): Promise<string | undefined> {
    return (await loadNapiKeyring())!.get(keychainServiceName(dataDir, DEFAULT_DATA_DIR), name);
  }

  async function profileId(env: NodeJS.ProcessEnv, name: string): Promise<string> {
    const listed = await runCli(['profiles', 'list', '--json'], { env });
    const { profiles } = JSON.parse(listed.stdout) as { profiles: { id: string; name: string }[] };
    return profiles.find((profile) => profile.name === name)!.id;
  }

  it('a token saved with `profiles add` is the one the app reads, and no secrets file is written', async () => {
    const user = isolatedUser();
    const added = await runCli(['profiles', 'add', 'Home', '--url', gateway.url, '--token-stdin'], {
      env: user.env,
      input: `${gateway.token}\n`,
    });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).not.toContain('stored unencrypted');
    expect(`${added.stdout}${added.stderr}`).not.toContain(gateway.token);
    expect(existsSync(path.join(user.dataDir, 'secrets.unencrypted.json'))).toBe(false);

    const id = await profileId(user.env, 'Home');
    const app = await appSecrets(user.dataDir);
    expect(await app.store.get(profileTokenSecret(id))).toBe(gateway.token);
  });

  it('a token the app saves is the one `status` signs in with', async () => {
    const user = isolatedUser();
    const added = await runCli(['profiles', 'add', 'Away', '--url', gateway.url], { env: user.env });
    expect(added.code, added.stderr).toBe(0);
    const id = await profileId(user.env, 'Away');
    const without = await runCli(['status', 'Away', '--json'], { env: user.env });
    expect(JSON.parse(without.stdout)).toMatchObject({ ok: false });

    const app = await appSecrets(user.dataDir);
    await app.store.set(profileTokenSecret(id), gateway.token);
    const status = await runCli(['status', 'Away', '--json'], { env: user.env });
    expect(JSON.parse(status.stdout), status.stdout).toMatchObject({ ok: true, state: 'connected' });
    expect(`${status.stdout}${status.stderr}`).not.toContain(gateway.token);
  });

  it("moves both old files into the keychain, the app's value winning a name both hold, and removes them", async () => {
    const user = isolatedUser();
    mkdirSync(user.dataDir, { mode: 0o700 });
    const sealed = (plain: string) => Buffer.from(`sealed:${plain}`, 'utf8').toString('base64');
    writeFileSync(
      path.join(user.dataDir, 'secrets.json'),
      JSON.stringify({ 'device.identity': sealed('app-key-1f3a'), 'profile.a.token': sealed('app-token-77c1') }),
      { mode: 0o600 },
    );
    writeFileSync(
      path.join(user.dataDir, 'secrets.unencrypted.json'),
      JSON.stringify({ 'device.identity': 'cli-key-9e2b', 'profile.b.token': 'cli-token-4d05' }),
      { mode: 0o600 },
    );

    const app = await appSecrets(user.dataDir);
    expect(app.notes).toEqual([
      `Moved 3 secrets from secrets.json and secrets.unencrypted.json into the keychain (service "${keychainServiceName(user.dataDir, DEFAULT_DATA_DIR)}") and removed the old files.`,
    ]);
    expect(await keychainItem(user.dataDir, 'device.identity')).toBe('app-key-1f3a');
    expect(await keychainItem(user.dataDir, 'profile.a.token')).toBe('app-token-77c1');
    expect(await keychainItem(user.dataDir, 'profile.b.token')).toBe('cli-token-4d05');
    expect(existsSync(path.join(user.dataDir, 'secrets.json'))).toBe(false);
    expect(existsSync(path.join(user.dataDir, 'secrets.unencrypted.json'))).toBe(false);
    expect((await app.store.names()).sort()).toEqual(['device.identity', 'profile.a.token', 'profile.b.token']);
  });

  it('loses no secret when the CLI is killed half-way through moving its file, and finishes on the next run', async () => {
    const user = isolatedUser();
    mkdirSync(user.dataDir, { mode: 0o700 });
    // GNOME Keyring takes longer per item the more it holds: enough to be killed half-way, few enough to be quick.
    const count = 60;
    const secrets = Object.fromEntries(
      Array.from({ length: count }, (_, i) => [`test.secret.${i}`, `value-${i}-${(i * 7919).toString(36)}x`]),
    );
    const oldFile = path.join(user.dataDir, 'secrets.unencrypted.json');
    writeFileSync(oldFile, JSON.stringify(secrets), { mode: 0o600 });
    const index = path.join(user.dataDir, 'secret-names.json');
    const movedSoFar = () => (existsSync(index) ? (JSON.parse(readFileSync(index, 'utf8')) as string[]).length : 0);

    const first = startCli(['profiles', 'list'], { env: user.env });
    await vi.waitFor(() => expect(movedSoFar()).toBeGreaterThan(5), { timeout: 30_000, interval: 5 });
    first.process.kill('SIGKILL');
    await first.exited();
    expect(movedSoFar(), 'the CLI finished before it was killed').toBeLessThan(count);
    expect(existsSync(oldFile)).toBe(true);

    const again = await runCli(['profiles', 'list'], { env: { ...user.env, OPENCLAW_REMOTE_DEBUG: '1' } });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr, again.stderr).toMatch(/Moved \d+ secrets from secrets\.unencrypted\.json into the keychain/u);
    expect(existsSync(oldFile)).toBe(false);
    for (const [name, value] of Object.entries(secrets)) {
      expect(await keychainItem(user.dataDir, name), name).toBe(value);
      expect(`${again.stdout}${again.stderr}`).not.toContain(value);
    }
  });

  it('with no keychain reachable the CLI keeps its user-only file, says so, and still works', async () => {
    const user = isolatedUser({ bus: false });
    const added = await runCli(['profiles', 'add', 'Plain', '--url', gateway.url, '--token-stdin'], {
      env: user.env,
      input: `${gateway.token}\n`,
    });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain('stored unencrypted in');
    expect(added.stderr).toContain('because no keychain answered');
    expect(added.stderr).not.toContain(gateway.token);
    expect(readFileSync(path.join(user.dataDir, 'secrets.unencrypted.json'), 'utf8')).toContain(gateway.token);
    const status = await runCli(['status', 'Plain', '--json'], { env: user.env });
    expect(JSON.parse(status.stdout), status.stdout).toMatchObject({ ok: true, state: 'connected' });
  });
});
