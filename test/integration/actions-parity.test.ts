// One way to do each thing: every action a person can take both in the window and on the terminal gives the same
// outcome either way. The same input goes through the router (as the window sends it) and through `openclaw-remote`
// (as a person types it), each for a user of its own, and what was saved and what was said are compared.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REQUEST_CHANNELS,
  type RequestChannel,
  type RequestInput,
  type RequestResult,
} from '../../electron/shared/contract';
import type { Result } from '../../electron/shared/errors';
import type { Profile } from '../../electron/shared/profile';
import { plainNodeRuntime } from '../../electron/main/host/plain-node-runtime';
import { createMainServices, type MainServices } from '../../electron/main/main-services';
import { nodeSystem } from '../../electron/main/system/node-system';
import { runCli } from '../fixtures/cli-process';
import { FAKE_TAILSCALE, fakeEnv, fakeStateDir } from '../fixtures/fake-tailscale';
import { gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const usable =
  peerAvailable('OpenSSH sshd', sshdMissing(), HOW_TO_GET.sshd) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

interface User {
  home: string;
  env: NodeJS.ProcessEnv;
  dataDir: string;
}

const users: User[] = [];
function newUser(extraEnv: NodeJS.ProcessEnv = {}): User {
  const home = makeTempDir('ocr-parity-');
  mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
  const dataDir = path.join(home, 'data');
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv, HOME: home, OPENCLAW_REMOTE_HOME: dataDir };
  delete env.SSH_AUTH_SOCK;
  delete env.OPENCLAW_GATEWAY_TOKEN;
  const user = { home, env, dataDir };
  users.push(user);
  return user;
}

const cores: MainServices[] = [];
/** The app's core for `user`, as the window reaches it; host keys never seen before are trusted, as a click would. */
async function windowSide(user: User, tailscaleCliPath?: string) {
  const runtime = await plainNodeRuntime(nodeSystem(), user.dataDir, user.env, user.home);
  const core = createMainServices({
    ...runtime,
    appInfo: {
      name: 'OpenClaw Remote',
      version: 'test',
      host: 'browser',
      versions: { node: process.versions.node },
      platform: process.platform,
      arch: process.arch,
      dataDir: user.dataDir,
    },
    prompts: { trustHostKey: async () => true, passphrase: async () => ({ passphrase: undefined, remember: false }) },
    remembersConnection: false,
    openclawCliReport: false,
    ...(tailscaleCliPath ? { tailscaleCliPath } : {}),
  });
  cores.push(core);
  return async <C extends RequestChannel>(channel: C, ...args: RequestInput<C>) =>
    (await core.router.invoke(channel, args)) as Result<RequestResult<C>>;
}

async function terminalSide(user: User, args: string[], input?: string) {
  return runCli(args, { env: user.env, ...(input === undefined ? {} : { input }) });
}

/** What the terminal lists, in the window's shape: profiles without their random IDs, and the primary one's name. */
function savedProfiles(profiles: Profile[], primaryId: string | null) {
  return {
    primary: profiles.find((profile) => profile.id === primaryId)?.name ?? null,
    profiles: profiles.map(({ id: _id, ...profile }) => profile),
  };
}

async function listedByWindow(invoke: Awaited<ReturnType<typeof windowSide>>) {
  const listed = await invoke('profiles:list');
  if (!listed.ok) throw new Error(listed.error.message);
  return savedProfiles(listed.value.profiles, listed.value.primaryId);
}

async function listedByTerminal(user: User) {
  const listed = await terminalSide(user, ['profiles', 'list', '--json']);
  const { primary, profiles } = JSON.parse(listed.stdout) as { primary: string | null; profiles: Profile[] };
  return savedProfiles(profiles, primary);
}

afterAll(async () => {
  await Promise.all(cores.map((core) => core.connection.shutdown()));
  for (const user of users) removeTempDir(user.home);
});

/**
 * Each channel's form on the terminal (the command whose usage line names it), or why it has none. A new channel
 * fails the first test below until it is given one or a reason.
 */
const TERMINAL_FORMS: Record<RequestChannel, { command: string } | { none: string }> = {
  'app:info': { none: 'the About page; the CLI prints its own usage and version errors' },
  'log:recent': { none: 'OPENCLAW_REMOTE_DEBUG=1 mirrors the log to standard error as it is written' },
  'settings:problems': { none: 'every command prints them as warnings before anything else' },
  'profiles:list': { command: 'profiles list' },
  'profiles:get': { command: 'profiles show' },
  'profiles:save': { command: 'profiles add' },
  'profiles:remove': { command: 'profiles remove' },
  'profiles:set-primary': { command: 'profiles primary' },
  'profiles:fetch-token': { command: 'profiles fetch-token' },
  'profiles:apply-stability-settings': { command: 'profiles steady' },
  'connection:status': { command: 'status' },
  'connection:connect': { command: 'connect' },
  'connection:disconnect': { command: 'disconnect' },
  'connection:retry-now': { none: '`connect` retries by itself, and so does the running app it asks to connect' },
  'connection:stability': {
    none: "a command's own process has no hour of history; `doctor` reports the stability step, the app's timeline shows it",
  },
  'tailscale:scan': { command: 'tailscale devices' },
  'tailscale:watch': { none: 'live updates for an open window' },
  'tailscale:tailnets': { command: 'tailscale tailnets' },
  'tailscale:switch': { command: 'tailscale switch' },
  'tailscale:use-device': { command: 'profiles add NAME ROUTE' },
  'openclaw:import-offer': { none: "the window's first-run offer; the terminal imports on request" },
  'openclaw:import': { command: 'profiles import-openclaw' },
  'prompt:answer': { none: 'the terminal asks and reads the answer itself' },
  'doctor:run': { command: 'doctor' },
  'doctor:export': { command: 'doctor' },
  'doctor:free-port': { command: 'doctor' },
  'security:overview': { command: 'security' },
  'security:forget-host-key': { command: 'security forget-host-key' },
  'security:forget-device-token': { command: 'security forget-device-token' },
  'security:ssh-key': { command: 'security key' },
  'security:generate-key': { command: 'security keygen' },
  'security:install-key': { command: 'security install-key' },
  'security:who': { command: 'security who' },
  'settings:dismiss-notice': { none: "the window's notices; the terminal prints problems once per command" },
  'gateway-log:tail': { command: 'logs' },
  'profiles:choose-identity-file': { none: 'the terminal takes the path itself: `profiles add … --identity PATH`' },
};

describe('every action has a terminal form or a reason', () => {
  it('covers every channel, and each command is in the usage', async () => {
    expect(Object.keys(TERMINAL_FORMS).sort()).toEqual([...REQUEST_CHANNELS].sort());
    const usage = (await runCli(['--help'], { env: process.env })).stdout;
    for (const form of Object.values(TERMINAL_FORMS)) if ('command' in form) expect(usage).toContain(form.command);
  });
});

describe('the same action through the window and the terminal', () => {
  it('profiles:save ↔ profiles add: the same profile saved, made primary', async () => {
    const [windowUser, terminalUser] = [newUser(), newUser()];
    const invoke = await windowSide(windowUser);
    const saved = await invoke('profiles:save', {
      name: 'Home',
      route: { kind: 'ssh', target: 'alice@studio.example', localPort: 0, remotePort: 28789 },
      configureOpenclaw: true,
      primary: true,
    });
    expect(saved.ok).toBe(true);
    const added = await terminalSide(terminalUser, [
      'profiles',
      'add',
      'Home',
      '--ssh',
      'alice@studio.example',
      '--local-port',
      '0',
      '--remote-port',
      '28789',
      '--configure-openclaw',
      '--primary',
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(await listedByTerminal(terminalUser)).toEqual(await listedByWindow(invoke));
  });

  it('a refused profile: the same sentences, nothing saved either way', async () => {
    const [windowUser, terminalUser] = [newUser(), newUser()];
    const invoke = await windowSide(windowUser);
    const refused = await invoke('profiles:save', {
      name: 'Bad',
      route: { kind: 'ssh', target: 'alice@studio.example', remotePort: 70000 },
    });
    expect(refused.ok).toBe(false);
    const typed = await terminalSide(terminalUser, [
      'profiles',
      'add',
      'Bad',
      '--ssh',
      'alice@studio.example',
      '--remote-port',
      '70000',
    ]);
    expect(typed.code).toBe(3);
    for (const field of refused.ok ? [] : (refused.error.fields ?? [])) expect(typed.stderr).toContain(field.message);
    expect(typed.stderr).toContain('--remote-port: The remote Gateway port must be a whole number from 1 to 65535.');
    expect(await listedByTerminal(terminalUser)).toEqual({ primary: null, profiles: [] });
    expect(await listedByWindow(invoke)).toEqual({ primary: null, profiles: [] });
  });

  it('profiles:set-primary ↔ profiles primary, and profiles:remove ↔ profiles remove, by name', async () => {
    const [windowUser, terminalUser] = [newUser(), newUser()];
    const invoke = await windowSide(windowUser);
    for (const name of ['One', 'Two', 'Three']) {
      await invoke('profiles:save', { name, route: { kind: 'direct', url: `wss://${name.toLowerCase()}.example` } });
      await terminalSide(terminalUser, ['profiles', 'add', name, '--url', `wss://${name.toLowerCase()}.example`]);
    }
    expect((await invoke('profiles:set-primary', { id: 'Two' })).ok).toBe(true);
    expect((await terminalSide(terminalUser, ['profiles', 'primary', 'Two'])).code).toBe(0);
    expect((await invoke('profiles:remove', { id: 'one' })).ok).toBe(true);
    expect((await terminalSide(terminalUser, ['profiles', 'remove', 'one'])).code).toBe(0);
    const window = await listedByWindow(invoke);
    expect(window.primary).toBe('Two');
    expect(await listedByTerminal(terminalUser)).toEqual(window);
  });

  it('profiles:apply-stability-settings ↔ profiles steady: the same keepalive saved; a URL profile refused alike', async () => {
    const [windowUser, terminalUser] = [newUser(), newUser()];
    const invoke = await windowSide(windowUser);
    await invoke('profiles:save', { name: 'Home', route: { kind: 'ssh', target: 'alice@studio.example' } });
    await invoke('profiles:save', { name: 'Web', route: { kind: 'direct', url: 'wss://web.example' } });
    const applied = await invoke('profiles:apply-stability-settings', { profileId: 'Home' });
    expect(applied.ok && applied.value.route).toMatchObject({
      keepaliveIntervalSeconds: expect.any(Number),
      keepaliveCountMax: expect.any(Number),
    });
    await terminalSide(terminalUser, ['profiles', 'add', 'Home', '--ssh', 'alice@studio.example']);
    await terminalSide(terminalUser, ['profiles', 'add', 'Web', '--url', 'wss://web.example']);
    const typed = await terminalSide(terminalUser, ['profiles', 'steady', 'Home']);
    expect(typed.code, typed.stderr).toBe(0);
    expect(typed.stdout).toContain('used from the next connect');
    expect(await listedByTerminal(terminalUser)).toEqual(await listedByWindow(invoke));

    const refused = await invoke('profiles:apply-stability-settings', { profileId: 'Web' });
    const typedRefused = await terminalSide(terminalUser, ['profiles', 'steady', 'Web']);
    expect(typedRefused.code).toBe(3);
    expect(typedRefused.stderr).toContain(refused.ok ? 'unreachable' : refused.error.message);
  });

  it('tailscale:tailnets and tailscale:switch ↔ tailscale tailnets and switch: the same tailnets, the same switch', async () => {
    const sides = [fakeStateDir(), fakeStateDir()].map((stateDir) => newUser(fakeEnv('running', { stateDir })));
    const [windowUser, terminalUser] = sides as [User, User];
    const invoke = await windowSide(windowUser, FAKE_TAILSCALE);
    const listed = await invoke('tailscale:tailnets');
    if (!listed.ok) throw new Error(listed.error.message);
    const typed = await terminalSide(terminalUser, [
      'tailscale',
      'tailnets',
      '--json',
      '--tailscale-cli',
      FAKE_TAILSCALE,
    ]);
    expect(typed.code, typed.stderr).toBe(0);
    expect(JSON.parse(typed.stdout)).toEqual(listed.value);
    const other = listed.value.find((tailnet) => !tailnet.current)!;
    expect((await invoke('tailscale:switch', { id: other.id })).ok).toBe(true);
    const switched = await terminalSide(terminalUser, [
      'tailscale',
      'switch',
      other.id,
      '--tailscale-cli',
      FAKE_TAILSCALE,
    ]);
    expect(switched.code, switched.stderr).toBe(0);
    const after = await invoke('tailscale:tailnets');
    const typedAfter = await terminalSide(terminalUser, [
      'tailscale',
      'tailnets',
      '--json',
      '--tailscale-cli',
      FAKE_TAILSCALE,
    ]);
    expect(after.ok && after.value.find((tailnet) => tailnet.current)?.id).toBe(other.id);
    expect(JSON.parse(typedAfter.stdout)).toEqual(after.ok ? after.value : null);
  });

  it("openclaw:import ↔ profiles import-openclaw: the remote this Mac's OpenClaw CLI uses", async () => {
    const [windowUser, terminalUser] = [newUser(), newUser()];
    for (const user of [windowUser, terminalUser]) {
      mkdirSync(path.join(user.home, '.openclaw'));
      writeFileSync(
        path.join(user.home, '.openclaw', 'openclaw.json'),
        JSON.stringify({
          gateway: { mode: 'remote', remote: { url: 'wss://gw.tail1234.ts.net', transport: 'direct' } },
        }),
      );
    }
    const invoke = await windowSide(windowUser);
    expect((await invoke('openclaw:import', { accept: true })).ok).toBe(true);
    const imported = await terminalSide(terminalUser, ['profiles', 'import-openclaw']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(await listedByTerminal(terminalUser)).toEqual(await listedByWindow(invoke));
  });
});

describe.skipIf(!usable)(
  'the same action through the window and the terminal, against the real sshd and Gateway',
  () => {
    let sshd: Sshd;
    let gateway: Gateway;
    let hostState: string;

    beforeAll(async () => {
      hostState = makeTempDir('ocr-parity-host-');
      gateway = await startGateway();
      // The host user's login environment points the OpenClaw config at a folder of the test's own.
      sshd = await startSshd({
        extraConfig: [`SetEnv OPENCLAW_STATE_DIR=${hostState}`, 'Subsystem sftp internal-sftp'],
      });
    });

    afterAll(async () => {
      await Promise.all([sshd?.stop(), gateway?.stop()]);
      if (hostState) removeTempDir(hostState);
    });

    const sshFlags = () => [
      '--ssh',
      `${sshd.user}@127.0.0.1:${sshd.port}`,
      '--identity',
      sshd.clientKeyPath,
      '--local-port',
      '0',
    ];

    it('profiles:fetch-token ↔ profiles fetch-token: token and port from the host, then the Gateway answers', async () => {
      // The Gateway's real port and token, as its host's OpenClaw config holds them; the profiles start with neither.
      writeFileSync(
        path.join(hostState, 'openclaw.json'),
        JSON.stringify({ gateway: { port: gateway.port, auth: { mode: 'token', token: gateway.token } } }),
      );
      const [windowUser, terminalUser] = [newUser(), newUser()];
      const invoke = await windowSide(windowUser);
      const saved = await invoke('profiles:save', {
        name: 'Studio',
        route: {
          kind: 'ssh',
          target: `${sshd.user}@127.0.0.1:${sshd.port}`,
          identityFile: sshd.clientKeyPath,
          localPort: 0,
        },
      });
      expect(saved.ok).toBe(true);
      const fetched = await invoke('profiles:fetch-token', { id: 'Studio' });
      expect(fetched.ok, fetched.ok ? '' : fetched.error.message).toBe(true);
      if (!fetched.ok) return;
      expect(fetched.value).toMatchObject({ port: gateway.port, authMode: 'token', tokenStored: true });
      expect(JSON.stringify(fetched.value)).not.toContain(gateway.token);

      expect((await terminalSide(terminalUser, ['profiles', 'add', 'Studio', ...sshFlags()])).code).toBe(0);
      const typed = await terminalSide(terminalUser, ['profiles', 'fetch-token', 'Studio', '--accept-new-host-key']);
      expect(typed.code, typed.stderr).toBe(0);
      expect(typed.stdout).toContain(`Gateway port ${gateway.port}`);
      expect(`${typed.stdout}${typed.stderr}`).not.toContain(gateway.token);
      expect(await listedByTerminal(terminalUser)).toEqual(await listedByWindow(invoke));

      // Both can now sign in: the window connects, the terminal's one-shot status answers.
      const connected = await invoke('connection:connect', { profileId: 'Studio' });
      expect(connected.ok).toBe(true);
      const status = await terminalSide(terminalUser, ['status', 'Studio', '--json']);
      expect(status.code, `${status.stdout}\n${status.stderr}`).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ ok: true, state: 'connected' });
    });

    it('tailscale:use-device ↔ profiles add --tailscale: one profile for the device, made again in place', async () => {
      const statusFile = path.join(makeTempDir('ocr-parity-tailnet-'), 'tailnet.json');
      const sample = JSON.parse(
        readFileSync(path.join(import.meta.dirname, '../fixtures/fake-tailscale/two-peers.json'), 'utf8'),
      ) as { Peer: Record<string, { ID: string }> };
      const peer = Object.values(sample.Peer)[0]!;
      Object.assign(peer, {
        DNSName: '',
        TailscaleIPs: ['127.0.0.1'],
        sshHostKeys: [sshd.hostPublicKey],
        Online: true,
      });
      writeFileSync(statusFile, JSON.stringify(sample));
      const tailnetEnv = fakeEnv('custom', { statusFile });
      const [windowUser, terminalUser] = [newUser(tailnetEnv), newUser(tailnetEnv)];
      const invoke = await windowSide(windowUser, FAKE_TAILSCALE);
      const use = () =>
        invoke('tailscale:use-device', {
          deviceId: peer.ID,
          via: 'ssh',
          user: sshd.user,
          name: 'Box',
          ssh: { sshPort: sshd.port, localPort: 0 },
        });
      const type = () =>
        terminalSide(terminalUser, [
          'profiles',
          'add',
          'Box',
          '--tailscale',
          `${sshd.user}@${peer.ID}`,
          '--via',
          'ssh',
          '--ssh-port',
          String(sshd.port),
          '--local-port',
          '0',
          '--tailscale-cli',
          FAKE_TAILSCALE,
        ]);
      for (let round = 0; round < 2; round += 1) {
        expect((await use()).ok).toBe(true);
        const typed = await type();
        expect(typed.code, typed.stderr).toBe(0);
      }
      const window = await listedByWindow(invoke);
      expect(window.profiles).toHaveLength(1);
      expect(await listedByTerminal(terminalUser)).toEqual(window);
    });
  },
);
