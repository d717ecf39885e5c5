// `npm run demo`'s work, loaded by scripts/demo.mjs: a private sshd and a real OpenClaw Gateway on loopback (the test
// harness's own fixtures), a throwaway HOME and data folder, a "Demo (this machine)" SSH profile with the Gateway's
// token stored and the host key trusted, connected in the browser host; Ctrl-C stops all of it and removes the folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { BRIDGE_PATH, BRIDGE_SECRET_PARAM, type ServerFrame } from '../electron/shared/bridge-protocol';
import type { ConnectionStatus } from '../electron/shared/connection-status';
import type { Profile } from '../electron/shared/profile';
import { resolveDataDir } from '../electron/main/services/app/data-dir';
import { createKeychainSecretStore } from '../electron/main/services/secrets/keychain-secret-store';
import { keychainServiceName } from '../electron/main/services/secrets/keychain-service-name';
import { loadNapiKeyring } from '../electron/main/system/napi-keyring';
import { nodeSystem } from '../electron/main/system/node-system';
import { ensureGatewayInstalled, gatewayInstallDir, GATEWAY_VERSION, startGateway } from '../test/fixtures/gateway';
import { HOW_TO_GET } from '../test/fixtures/peers';
import { sshdMissing, startSshd } from '../test/fixtures/sshd';
import { atProcessExit } from '../test/fixtures/temp-dir';
import { openInBrowser } from './open-in-browser.mjs';

export const DEMO_PROFILE_NAME = 'Demo (this machine)';

/** The host prints its address within moments; the SSH login and Gateway sign-in that follow take a few seconds. */
const HOST_URL_TIMEOUT_MS = 30_000;
const CONNECT_TIMEOUT_MS = 90_000;
const HOST_STOP_TIMEOUT_MS = 10_000;

export interface DemoOptions {
  /** Open the address with the platform's opener (`open`, `xdg-open`) where there is one. */
  openBrowser: boolean;
}

const say = (line: string) => process.stdout.write(`demo: ${line}\n`);

export async function runDemo(options: DemoOptions): Promise<void> {
  const missing = sshdMissing();
  if (missing !== undefined) {
    say(`The demo needs OpenSSH's server, and ${missing}. ${HOW_TO_GET.sshd}, then run npm run demo again.`);
    process.exit(1);
  }
  const root = mkdtempSync(path.join(tmpdir(), 'openclaw-remote-demo-'));
  const home = path.join(root, 'home');
  const dataDir = path.join(root, 'data');
  mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
  // Every process the demo starts keeps its scratch files (the fixtures' folders, the Gateway's staging and compile
  // cache) in the demo's folder too, so removing that folder leaves nothing behind.
  process.env.TMPDIR = path.join(root, 'tmp');
  mkdirSync(process.env.TMPDIR);
  say(`Everything lives in ${root} (a throwaway HOME and data folder; your ~/.ssh and ~/.openclaw stay untouched).`);

  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    say('Stopping the browser host, the Gateway and sshd…');
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
    say(`Stopped; removed ${root}.`);
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll(0));

  try {
    say('Starting a private OpenSSH server on 127.0.0.1…');
    const sshd = await startSshd();
    stops.push(() => sshd.stop());
    writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);

    if (!existsSync(gatewayInstallDir())) {
      say(
        `Installing the OpenClaw Gateway ${GATEWAY_VERSION} into ${gatewayInstallDir()}: first run only, about 650 MB, ` +
          'a minute or more on a good connection (npm prints its progress below)…',
      );
    }
    await ensureGatewayInstalled();
    say(`Starting the OpenClaw Gateway ${GATEWAY_VERSION} on 127.0.0.1 (usually under a minute)…`);
    const gateway = await startGateway();
    stops.push(() => gateway.stop());

    say('Starting the browser host (the Settings window served on 127.0.0.1)…');
    // Pushed before the host's stop, so it runs after it: nothing writes a secret any more.
    stops.push(() => forgetKeychainItems(home, dataDir));
    const host = await startBrowserHost(home, dataDir);
    stops.push(host.stop);

    say(`Adding the profile "${DEMO_PROFILE_NAME}" (SSH to ${sshd.user}@127.0.0.1:${sshd.port}) and connecting…`);
    await saveAndConnect(host.url, {
      name: DEMO_PROFILE_NAME,
      route: {
        kind: 'ssh',
        target: `${sshd.user}@127.0.0.1`,
        sshPort: sshd.port,
        identityFile: sshd.clientKeyPath,
        // Any free port: 18789 may be a real Gateway's or another tunnel's on this machine.
        localPort: 0,
        remotePort: gateway.port,
      },
      token: gateway.token,
      primary: true,
    });

    const opening = options.openBrowser && openInBrowser(host.url);
    say(`Connected. The Settings window runs in your browser through the browser host: ${whyBrowserHost()}.`);
    say(opening ? 'Opening this address now (open it yourself if no tab appears):' : 'Open this address in a browser:');
    process.stdout.write(`\n  ${host.url}\n\n`);
    say('Ctrl-C stops the demo and removes its folder.');
  } catch (error) {
    say(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll(1);
  }
}

/**
 * The desktop app keeps secrets in the macOS Keychain, which a throwaway demo must not write to; the browser host runs
 * the same app over a file in the demo's folder.
 */
function whyBrowserHost(): string {
  if (process.platform === 'darwin') {
    return 'the demo keeps its token in its own folder rather than your Keychain, and only the browser host reads it there';
  }
  return 'the desktop app is made for macOS; the browser host runs the same app here';
}

/**
 * Where a keychain answers, the host kept the demo's secrets there, under a service name carrying the demo's data
 * folder (never the person's own items); removing the folder would leave them behind, so they go first.
 */
async function forgetKeychainItems(home: string, dataDir: string): Promise<void> {
  const keyring = await loadNapiKeyring();
  if (!keyring) return;
  const defaultDataDir = resolveDataDir({ env: {}, platform: process.platform, homeDir: home });
  const store = createKeychainSecretStore({
    service: keychainServiceName(dataDir, defaultDataDir),
    keyring,
    dataDir,
    system: nodeSystem(),
  });
  for (const name of await store.names()) await store.delete(name);
}

interface BrowserHost {
  url: string;
  stop: () => Promise<void>;
}

async function startBrowserHost(home: string, dataDir: string): Promise<BrowserHost> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, OPENCLAW_REMOTE_HOME: dataDir };
  // The person's agent holds their real keys; the demo logs in with the private sshd's own key only.
  delete env.SSH_AUTH_SOCK;
  // Where the first-run import would look: the throwaway HOME, not a config the person's environment names.
  env.OPENCLAW_CONFIG_PATH = path.join(home, '.openclaw', 'openclaw.json');
  const child = spawn(process.execPath, [path.join('out', 'main', 'web.js'), '--port', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forget = atProcessExit(() => child.kill('SIGKILL'));
  child.once('exit', forget);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  // The host mirrors its log (secrets redacted) to standard error; it is shown only when something fails.
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-8_000)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the browser host printed no address:\n${output}`)),
      HOST_URL_TIMEOUT_MS,
    );
    const look = () => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/#secret=[\w-]+/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[0]);
    };
    child.stdout.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the browser host ended (exit code ${code}):\n${output}`));
    });
  });
  return { url, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), HOST_STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Saves the profile and connects it through the browser host's bridge, the contract the window itself speaks. */
async function saveAndConnect(pageUrl: string, profile: Record<string, unknown>): Promise<void> {
  const page = new URL(pageUrl);
  const secret = new URLSearchParams(page.hash.slice(1)).get(BRIDGE_SECRET_PARAM) ?? '';
  const socketUrl = `ws://${page.host}${BRIDGE_PATH}?${new URLSearchParams({ [BRIDGE_SECRET_PARAM]: secret }).toString()}`;
  const socket = new WebSocket(socketUrl, { origin: page.origin });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const bridge = bridgeOver(socket);
    const saved = (await bridge.invoke('profiles:save', profile)) as Profile;
    const connected = bridge.statusWhere((status) => status.profileId === saved.id && status.state === 'connected');
    const first = (await bridge.invoke('connection:connect', { profileId: saved.id })) as ConnectionStatus;
    if (first.state !== 'connected') await connected;
  } finally {
    socket.close();
  }
}

function bridgeOver(socket: WebSocket) {
  let nextId = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const statusWatchers = new Set<(status: ConnectionStatus) => void>();
  socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
    if (isBinary) return;
    const frame = JSON.parse((data as Buffer).toString('utf8')) as ServerFrame;
    if (frame.type === 'event' && frame.name === 'connection:status') {
      statusWatchers.forEach((watch) => watch(frame.payload as ConnectionStatus));
    } else if (frame.type === 'result') {
      const waiter = pending.get(frame.id);
      pending.delete(frame.id);
      if (frame.result.ok) waiter?.resolve(frame.result.value);
      else waiter?.reject(new Error(`${frame.result.error.message} ${frame.result.error.hint ?? ''}`.trim()));
    }
  });
  return {
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ type: 'invoke', id, channel, args }));
      });
    },
    /** Resolves with the first status event that passes `wanted`; rejects on an error state or after the timeout. */
    statusWhere(wanted: (status: ConnectionStatus) => boolean): Promise<ConnectionStatus> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          statusWatchers.delete(watch);
          reject(new Error(`the demo profile did not connect within ${CONNECT_TIMEOUT_MS / 1000} s.`));
        }, CONNECT_TIMEOUT_MS);
        const watch = (status: ConnectionStatus) => {
          if (!wanted(status) && status.state !== 'error') return;
          clearTimeout(timer);
          statusWatchers.delete(watch);
          if (status.state === 'error') reject(new Error(status.lastError?.message ?? 'the connection failed.'));
          else resolve(status);
        };
        statusWatchers.add(watch);
      });
    },
  };
}
