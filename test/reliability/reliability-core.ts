// The app's core for the reliability suite, composed as the browser host and the CLI compose it (createMainServices
// over plainNodeRuntime), in a HOME of its own whose ~/.ssh holds the host alias a profile names (with the keepalive
// a test asks for) and the host key already known, so no question is ever asked; and a record of every status the
// connection reports, to wait on what came after a fault.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionStatus } from '../../electron/shared/connection-status';
import type { Profile } from '../../electron/shared/profile';
import { plainNodeRuntime } from '../../electron/main/host/plain-node-runtime';
import { createMainServices, type MainServices } from '../../electron/main/main-services';
import type { Sshd } from '../fixtures/sshd';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

export const HOST_ALIAS = 'reliability-host';

export interface SshHostOptions {
  /** Where the app dials: sshd's own port, or a proxy in front of it. */
  port: number;
  /** ~/.ssh/config lines added to the host's block, e.g. ServerAliveInterval. */
  extraConfig?: string[];
}

export interface ReliabilityCore {
  services: MainServices;
  home: string;
  dataDir: string;
  /** Saves an SSH profile to HOST_ALIAS through the router, as the window does. */
  saveSshProfile(name: string, remotePort: number, token: string): Promise<Profile>;
  statuses: StatusRecord;
  close(): Promise<void>;
}

export async function openReliabilityCore(sshd: Sshd, host: SshHostOptions): Promise<ReliabilityCore> {
  const home = makeTempDir('reliability-home-');
  const dataDir = join(home, 'data');
  const sshDir = join(home, '.ssh');
  mkdirSync(sshDir, { mode: 0o700 });
  writeFileSync(
    join(sshDir, 'config'),
    [
      `Host ${HOST_ALIAS}`,
      '  HostName 127.0.0.1',
      `  Port ${host.port}`,
      `  User ${sshd.user}`,
      `  IdentityFile ${sshd.clientKeyPath}`,
      '  IdentitiesOnly yes',
      ...(host.extraConfig ?? []).map((line) => `  ${line}`),
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  writeFileSync(join(sshDir, 'known_hosts'), `[127.0.0.1]:${host.port} ${sshd.hostPublicKey}\n`, { mode: 0o600 });
  // Only what the core needs: no SSH agent, Gateway token or OPENCLAW_* from the developer's shell.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home };
  const system = testSystem({ os: { homedir: () => home } });
  const services = createMainServices({
    appInfo: {
      name: 'OpenClaw Remote',
      version: '0.0.0-reliability',
      host: 'browser',
      versions: { node: process.versions.node },
      platform: process.platform,
      arch: process.arch,
      dataDir,
    },
    ...(await plainNodeRuntime(system, dataDir, env, home)),
    // The host key is known and the key has no passphrase: a question would mean the test went wrong.
    prompts: {
      trustHostKey: () => Promise.reject(new Error('the reliability suite never trusts a new host key')),
      passphrase: () => Promise.reject(new Error('the reliability suite uses a key without a passphrase')),
    },
    openclawCliReport: false,
  });
  const statuses = recordStatuses(services);
  return {
    services,
    home,
    dataDir,
    statuses,
    async saveSshProfile(name, remotePort, token) {
      const saved = await services.router.invoke('profiles:save', [
        { name, route: { kind: 'ssh', target: HOST_ALIAS, localPort: 0, remotePort }, token },
      ]);
      if (!saved.ok) throw new Error(`profiles:save refused: ${saved.error.message}`);
      return saved.value as Profile;
    },
    async close() {
      await services.connection.shutdown();
      removeTempDir(home);
    },
  };
}

export interface StatusRecord {
  /** Every status reported so far, in order. */
  readonly all: ConnectionStatus[];
  /** The first status from index `from` on that passes `accept`, now or later; rejects after `timeoutMs`. */
  waitFor(
    accept: (status: ConnectionStatus) => boolean,
    options: { from: number; timeoutMs: number },
  ): Promise<ConnectionStatus>;
}

function recordStatuses(services: MainServices): StatusRecord {
  const all: ConnectionStatus[] = [];
  const waiters = new Set<() => void>();
  services.connection.on('status', (status) => {
    all.push(status);
    waiters.forEach((waiter) => waiter());
  });
  return {
    all,
    waitFor(accept, { from, timeoutMs }) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = all.slice(from).find(accept);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const last = all.at(-1);
          reject(new Error(`no such status within ${timeoutMs / 1000} s; the last is ${JSON.stringify(last)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** Connected, and a `health` round trip answered through the link since (the app's check sets the latency). */
export function healthyAfter(previousSince: number | undefined): (status: ConnectionStatus) => boolean {
  return (status) =>
    status.state === 'connected' &&
    status.latencyMs !== undefined &&
    (previousSince === undefined || (status.connectedSince ?? 0) > previousSince);
}
