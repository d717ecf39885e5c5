// One connection per Mac (issue 14): with the browser host standing in for the running app (the same core), the built
// `openclaw-remote` reaches the app's live connection through the app's Unix socket instead of opening a tunnel of its
// own — counted on the real sshd — and disconnects and connects it there; without the app it works in-process again.
// The socket is this user's alone, refuses another user's socket, survives malformed and oversized messages, and a
// socket file left by a killed app is replaced while a live one is never taken over.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ConnectionStatus } from '../../electron/shared/connection-status';
import { runCli } from '../fixtures/cli-process';
import { gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';
import { CLI_TEST_WEB_HOST, startWebHostProcess, type WebHostProcess } from '../fixtures/web-host-process';

const usable =
  peerAvailable('OpenSSH sshd', sshdMissing(), HOW_TO_GET.sshd) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

const THROUGH_APP = '(through the running OpenClaw Remote app)';
const NOBODY = 65534;
/** Acting as another user (runuser, chown) needs root, as the test machine runs. */
const isRoot = process.getuid?.() === 0;

/** SSH logins the sshd accepted so far: it logs one line per session (LogLevel VERBOSE). */
function sshSessions(sshd: Sshd): number {
  return (readFileSync(sshd.logPath, 'utf8').match(/Accepted publickey/gu) ?? []).length;
}

/** The window's side of the browser host's bridge: requests by id, answered in order of arrival. */
async function openBridge(pageUrl: string) {
  const page = new URL(pageUrl);
  const secret = new URLSearchParams(page.hash.slice(1)).get('secret') ?? '';
  const socket = new WebSocket(`ws://${page.host}/bridge?secret=${secret}`, { origin: page.origin });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 0;
  const pending = new Map<number, (value: unknown) => void>();
  socket.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString('utf8')) as { type: string; id: number; result: { value?: unknown } };
    if (frame.type === 'result') pending.get(frame.id)?.(frame.result.value);
  });
  const invoke = (channel: string, ...args: unknown[]) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ type: 'invoke', id, channel, args }));
    });
  return {
    invoke,
    /** Asks for the live status until `wanted` holds (the test's own timeout bounds the wait). */
    async statusWhere(wanted: (status: ConnectionStatus) => boolean): Promise<ConnectionStatus> {
      for (let asked = 0; ; asked += 1) {
        const status = (await invoke('connection:status')) as ConnectionStatus;
        if (wanted(status)) return status;
        if (asked === 300) throw new Error(`Not there after ${asked} looks: ${JSON.stringify(status)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => socket.close(),
  };
}

/** Raw lines on the app socket, as a client that does not follow the protocol would send them. */
function rawClient(socketPath: string) {
  const socket = net.connect(socketPath);
  let received = '';
  const waiters = new Set<() => void>();
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('utf8');
    waiters.forEach((wake) => wake());
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  return {
    socket,
    closed,
    /** The first frame (one JSON line) whose type is `type`, from what arrived so far or next. */
    frame(type: string): Promise<{ type: string; id?: number; result: { ok: boolean; error?: { kind: string } } }> {
      return new Promise((resolve) => {
        const look = () => {
          for (const line of received.split('\n').filter(Boolean)) {
            const frame = JSON.parse(line) as { type: string; result: { ok: boolean } };
            if (frame.type === type) {
              waiters.delete(look);
              resolve(frame);
              return;
            }
          }
        };
        waiters.add(look);
        look();
      });
    },
  };
}

/** Runs `node -e script` as the user nobody, and returns what it prints. */
function asNobody(script: string): string {
  const ran = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '-e', script], { encoding: 'utf8' });
  return `${ran.stdout}${ran.stderr}`.trim();
}

describe.skipIf(!usable)('the running app answers openclaw-remote over its socket', () => {
  let sshd: Sshd;
  let gateway: Gateway;
  let host: WebHostProcess | undefined;
  const home = makeTempDir('ocr-app-socket-');
  const dataDir = path.join(home, 'data');
  const socketPath = path.join(dataDir, 'app.sock');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, OPENCLAW_REMOTE_HOME: dataDir };
  delete env.SSH_AUTH_SOCK;
  delete env.OPENCLAW_GATEWAY_TOKEN;
  const cli = (args: string[]) => runCli(args, { env });
  const startHost = () => startWebHostProcess(dataDir, { HOME: home }, CLI_TEST_WEB_HOST);

  beforeAll(async () => {
    [sshd, gateway] = await Promise.all([startSshd(), startGateway()]);
    mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
    // The host key is known, so connecting asks nothing (a question would wait for the window).
    writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);
    const added = await runCli(
      [
        'profiles',
        'add',
        'Home',
        '--ssh',
        `${sshd.user}@127.0.0.1:${sshd.port}`,
        '--identity',
        sshd.clientKeyPath,
        '--local-port',
        '0',
        '--remote-port',
        String(gateway.port),
        '--token-stdin',
      ],
      { env, input: `${gateway.token}\n` },
    );
    expect(added.code, added.stderr).toBe(0);
  });

  afterAll(async () => {
    await host?.stop();
    await Promise.all([sshd?.stop(), gateway?.stop()]);
    removeTempDir(home);
  });

  it('status --json reports the app’s live connection and opens no SSH session of its own', async () => {
    host = await startHost();
    const bridge = await openBridge(host.url);
    try {
      const { profiles } = (await bridge.invoke('profiles:list')) as { profiles: { id: string }[] };
      await bridge.invoke('connection:connect', { profileId: profiles[0]!.id });
      const live = await bridge
        .statusWhere((status) => status.state === 'connected' && status.latencyMs !== undefined)
        .catch((error: Error) => {
          throw new Error(`${error.message}\n${host!.output()}`);
        });
      const before = sshSessions(sshd);

      const status = await cli(['status', '--json']);
      expect(status.code, `${status.stdout}\n${status.stderr}`).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({
        ok: true,
        state: 'connected',
        answeredBy: 'app',
        profile: { name: 'Home' },
        route: { kind: 'ssh', localPort: live.route!.localPort },
      });
      const text = await cli(['status', 'Home']);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toContain(THROUGH_APP);
      expect(sshSessions(sshd)).toBe(before);
    } finally {
      bridge.close();
    }
  });

  it.skipIf(!isRoot)(
    'is for this user alone: mode 0600, and the kernel refuses nobody even where the folders let them through',
    () => {
      expect(statSync(socketPath).mode & 0o777).toBe(0o600);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const connectAsNobody =
        `require('net').connect(${JSON.stringify(socketPath)})` +
        `.on('connect', () => { console.log('CONNECTED'); process.exit(0); })` +
        `.on('error', (e) => { console.log(e.code); process.exit(0); })`;
      // Open the folders for the moment of the check, so only the socket's own mode stands in the way.
      chmodSync(home, 0o711);
      chmodSync(dataDir, 0o711);
      try {
        expect(asNobody(connectAsNobody)).toBe('EACCES');
      } finally {
        chmodSync(dataDir, 0o700);
        chmodSync(home, 0o700);
      }
    },
  );

  it('refuses malformed and oversized messages and goes on serving', async () => {
    const client = rawClient(socketPath);
    client.socket.write('this is not json\n');
    expect(await client.frame('protocol-error')).toMatchObject({
      result: { ok: false, error: { kind: 'invalid-frame' } },
    });
    // The same connection still works.
    client.socket.write(`${JSON.stringify({ type: 'invoke', id: 7, channel: 'app:info', args: [] })}\n`);
    expect(await client.frame('result')).toMatchObject({ id: 7, result: { ok: true } });
    client.socket.end();

    // More than a message may hold, and no end of line: refused, that connection closed.
    const flooder = rawClient(socketPath);
    flooder.socket.write(Buffer.alloc(2 * 1024 * 1024, 0x41));
    expect(await flooder.frame('protocol-error')).toMatchObject({ result: { ok: false } });
    await flooder.closed;

    const status = await cli(['status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ ok: true, answeredBy: 'app' });
  });

  it('disconnect ends the app’s connection; connect has the app connect again', async () => {
    const bridge = await openBridge(host!.url);
    try {
      const disconnected = await cli(['disconnect']);
      expect(disconnected.code, disconnected.stderr).toBe(0);
      expect(disconnected.stdout).toContain(`Disconnected Home ${THROUGH_APP}`);
      expect((await bridge.invoke('connection:status')) as ConnectionStatus).toMatchObject({ state: 'idle' });

      const idle = await cli(['status', 'Home', '--json']);
      expect(idle.code).toBe(1);
      expect(JSON.parse(idle.stdout)).toMatchObject({
        ok: false,
        answeredBy: 'app',
        error: { kind: 'app-not-connected', hint: expect.stringContaining('openclaw-remote connect Home') },
      });

      const connected = await cli(['connect', 'Home']);
      expect(connected.code, `${connected.stdout}\n${connected.stderr}`).toBe(0);
      expect(connected.stdout).toContain(THROUGH_APP);
      expect(connected.stdout).toContain('appears in its window');
      expect((await bridge.invoke('connection:status')) as ConnectionStatus).toMatchObject({
        state: expect.stringMatching(/^(connected|degraded)$/u),
        profileName: 'Home',
      });
      // Once up, connect again leaves the link alone rather than drop and rebuild it.
      const before = sshSessions(sshd);
      const again = await cli(['connect', 'Home']);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('Already connected');
      expect(sshSessions(sshd)).toBe(before);
    } finally {
      bridge.close();
    }
  });

  it('doctor runs its checks in the app, its report on standard output as without the app', async () => {
    const doctor = await cli(['doctor', 'Home', '--json']);
    expect(doctor.stderr).toContain(`Checking Home ${THROUGH_APP}`);
    expect(JSON.parse(doctor.stdout)).toMatchObject({ profile: 'Home', steps: expect.any(Array) });
    // The app's log (mirrored to the host's standard error) says it ran there.
    expect(host!.output()).toContain('Running the doctor on Home.');
  });

  it('logs reads the Gateway’s log through the app’s link, opening no SSH session of its own', async () => {
    const before = sshSessions(sshd);
    const logs = await cli(['logs', 'Home', '--lines', '5']);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stderr).toContain(`Home's Gateway log ${THROUGH_APP}`);
    expect(logs.stdout.trim()).not.toBe('');
    expect(sshSessions(sshd)).toBe(before);
  });

  it('a second host on the same data folder leaves the live socket alone', async () => {
    const second = await startHost();
    try {
      expect(second.output()).toContain('Another OpenClaw Remote answers on');
      const status = await cli(['status', '--json']);
      expect(JSON.parse(status.stdout)).toMatchObject({ ok: true, answeredBy: 'app' });
    } finally {
      await second.stop();
    }
    // The second one's stop did not take the first one's socket with it.
    expect(existsSync(socketPath)).toBe(true);
  });

  it('without the app, status works in-process again; a socket file a killed app left is replaced', async () => {
    await host!.stop();
    host = undefined;
    expect(existsSync(socketPath)).toBe(false);
    const before = sshSessions(sshd);
    const alone = await cli(['status', '--json']);
    expect(alone.code, alone.stderr).toBe(0);
    expect(JSON.parse(alone.stdout)).toMatchObject({ ok: true, answeredBy: 'cli' });
    expect(sshSessions(sshd)).toBeGreaterThan(before);
    const disconnect = await cli(['disconnect']);
    expect(disconnect.stdout).toContain('No OpenClaw Remote app is running');

    // Killed: its socket file stays behind, and nobody answers on it.
    const killed = await startHost();
    await killed.kill();
    expect(statSync(socketPath).isSocket()).toBe(true);
    const stale = await cli(['status', '--json']);
    expect(JSON.parse(stale.stdout)).toMatchObject({ answeredBy: 'cli' });

    host = await startHost();
    expect(host.output()).toContain('left behind by an app that ended without closing it');
    const through = await cli(['disconnect']);
    expect(through.stdout).toContain(THROUGH_APP);
  });
});

describe('a data folder too deep for a socket path', () => {
  const dir = makeTempDir('ocr-deep-socket-');
  // Past the 107 bytes a Unix socket's path may have on Linux (103 on macOS).
  const dataDir = path.join(dir, 'd'.repeat(110));
  afterAll(() => removeTempDir(dir));

  it('the app says so in one log line and goes on; the CLI works in its own process and says why', async () => {
    const host = await startWebHostProcess(dataDir, { HOME: dir }, CLI_TEST_WEB_HOST);
    try {
      expect(host.output().match(/No socket for the command line/gu)).toHaveLength(1);
      const alone = await runCli(['disconnect'], { env: { ...process.env, HOME: dir, OPENCLAW_REMOTE_HOME: dataDir } });
      expect(alone.code, alone.stderr).toBe(0);
      expect(alone.stderr).toContain("more than the 107 a Unix socket's path may have here");
      expect(alone.stderr).toContain('working in this process');
    } finally {
      await host.stop();
    }
  });
});

describe.skipIf(!isRoot)('a socket that is not this user’s', () => {
  const dir = makeTempDir('ocr-foreign-socket-');
  const dataDir = path.join(dir, 'data');
  afterAll(() => removeTempDir(dir));

  it('is refused with a sentence saying whose it is, and never spoken to', async () => {
    mkdirSync(dataDir, { mode: 0o700 });
    const socketPath = path.join(dataDir, 'app.sock');
    let accepted = 0;
    const server = net.createServer((socket) => {
      accepted += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    chownSync(socketPath, NOBODY, NOBODY);
    try {
      const refused = await runCli(['--data-dir', dataDir, 'status', '--json'], {
        env: { ...process.env, HOME: dir, OPENCLAW_REMOTE_HOME: dataDir },
      });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`The app socket ${socketPath} belongs to another user (uid ${NOBODY}`);
      expect(refused.stderr).toContain('will not talk to it');
      expect(accepted).toBe(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
