// What the connection benchmarks share: the private sshd and the real Gateway, a user of their own (HOME with
// ~/.ssh, a data directory) whose SSH profile to that Gateway is saved and whose host key is known, as after a first
// connect; the app's core in this process as the window reaches it; and waiting for a status the window would show.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ConnectionStatus } from '../../electron/shared/connection-status';
import { plainNodeRuntime } from '../../electron/main/host/plain-node-runtime';
import { createMainServices, type MainServices } from '../../electron/main/main-services';
import { APP_BUILD_CLI, runCli } from '../fixtures/cli-process';
import { gatewayMissing, startGateway, waitForGatewayReady, type Gateway } from '../fixtures/gateway';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

export const PROFILE = 'Bench';

/** Why these benchmarks cannot run here, if they cannot (no sshd, or a Node the Gateway refuses). */
export function peersMissing(): string | undefined {
  const sshd = sshdMissing();
  if (sshd !== undefined) return `no OpenSSH sshd: ${sshd}`;
  const gateway = gatewayMissing();
  return gateway === undefined ? undefined : `no OpenClaw Gateway: ${gateway}`;
}

export interface BenchUser {
  home: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
}

export interface HeadlessPeers {
  sshd: Sshd;
  gateway: Gateway;
  user: BenchUser;
  /** The saved profile's ID. */
  profileId: string;
  /** Runs the built `openclaw-remote` (out/main/cli.js, as `npm run build` makes it) as this user. */
  cli(args: string[], input?: string): ReturnType<typeof runCli>;
  stop(): Promise<void>;
}

export async function startHeadlessPeers(): Promise<HeadlessPeers> {
  const [sshd, gateway] = await Promise.all([startSshd(), startGateway()]);
  await waitForGatewayReady(gateway.port);
  const home = makeTempDir('ocr-bench-home-');
  mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
  const dataDir = path.join(home, 'data');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, OPENCLAW_REMOTE_HOME: dataDir };
  delete env.SSH_AUTH_SOCK;
  delete env.OPENCLAW_GATEWAY_TOKEN;
  // Vitest's own variables are no part of a person's environment.
  for (const name of Object.keys(env)) if (/^VITEST/.test(name)) delete env[name];
  const user = { home, dataDir, env };
  const cli = (args: string[], input?: string) =>
    runCli(args, { env, entry: APP_BUILD_CLI, ...(input === undefined ? {} : { input }) });
  const added = await cli(
    [
      ...['profiles', 'add', PROFILE, '--ssh', `${sshd.user}@127.0.0.1:${sshd.port}`],
      ...['--identity', sshd.clientKeyPath, '--local-port', '0', '--remote-port', String(gateway.port)],
      '--token-stdin',
    ],
    gateway.token,
  );
  if (added.code !== 0) throw new Error(`profiles add failed: ${added.stderr}`);
  // The first connect records the host key, as a person's first connect does; every measured one finds it known.
  const first = await cli(['status', PROFILE, '--json', '--accept-new-host-key']);
  if (first.code !== 0) throw new Error(`the first status failed:\n${first.stdout}\n${first.stderr}`);
  const listed = await cli(['profiles', 'list', '--json']);
  const { profiles } = JSON.parse(listed.stdout) as { profiles: Array<{ id: string; name: string }> };
  const profileId = profiles.find((profile) => profile.name === PROFILE)!.id;
  return {
    sshd,
    gateway,
    user,
    profileId,
    cli,
    async stop() {
      await Promise.all([sshd.stop(), gateway.stop()]);
      removeTempDir(home);
    },
  };
}

/** The app's core for `user` in this process, as the window reaches it through the router. */
export async function windowCore(user: BenchUser): Promise<MainServices> {
  // The user's own home for every service, as a process started with HOME set has it: the SSH config's `~` (its
  // known_hosts) comes from the System, not from the home handed to the runtime.
  const system = testSystem({ os: { homedir: () => user.home } });
  const runtime = await plainNodeRuntime(system, user.dataDir, user.env, user.home);
  return createMainServices({
    ...runtime,
    appInfo: {
      name: 'OpenClaw Remote',
      version: 'bench',
      host: 'browser',
      versions: { node: process.versions.node },
      platform: process.platform,
      arch: process.arch,
      dataDir: user.dataDir,
    },
    // The host key is known already: a question here would mean something changed, and is refused.
    prompts: { trustHostKey: async () => false, passphrase: async () => ({ passphrase: undefined, remember: false }) },
    remembersConnection: false,
    openclawCliReport: false,
  });
}

/** Healthy as the window shows it: connected, with a `health` answered through the whole route. */
export function isHealthy(status: ConnectionStatus): boolean {
  return status.state === 'connected' && status.latencyMs !== undefined;
}

/**
 * Resolves with the moment (`now()`) the first status from now on passing `accept` arrives. Rejects after
 * `timeoutMs`, or at once on an error state, saying what the status was.
 */
export function whenStatus(
  core: MainServices,
  accept: (status: ConnectionStatus) => boolean,
  now: () => number,
  timeoutMs = 60_000,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let last: ConnectionStatus | undefined;
    const stop = core.events.subscribe((name, payload) => {
      if (name !== 'connection:status') return;
      const status = payload as ConnectionStatus;
      last = status;
      if (accept(status)) finish(() => resolve(now()));
      else if (status.state === 'error')
        finish(() => reject(new Error(`the connection failed: ${JSON.stringify(status)}`)));
    });
    const timer = setTimeout(
      () => finish(() => reject(new Error(`no such status within ${timeoutMs} ms; last ${JSON.stringify(last)}`))),
      timeoutMs,
    );
    function finish(settle: () => void) {
      clearTimeout(timer);
      stop();
      settle();
    }
  });
}
