// The tunnel benchmark inside the packaged app's runtime (the macOS workflow, `npm run test:mac`): the app's own
// SshTunnel, bundled beside the ssh2 extracted from the app's app.asar, run by the app's executable as Node
// (ELECTRON_RUN_AS_NODE=1, so Electron's Node and its BoringSSL ciphers), side by side with the same ssh2 under Node,
// ssh2 with its native binding under Node (what the CLI and the browser host run), and OpenSSH's `ssh -N -L`, all to
// one private sshd, rounds interleaved. It prints the table (and writes it to test-artifacts/ and the workflow's
// summary) and asserts only what runs where and that the bytes arrive, never a speed: why the JavaScript path is
// enough for the app is in docs/ARCHITECTURE.md, "Packaging". BENCH_BULK_MIB and BENCH_ROUND_TRIPS scale it.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { extractAll } from '@electron/asar';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { median } from '../bench/bench-report';
import { startTrafficWorker } from '../bench/traffic-worker-client';
import { freePort } from '../fixtures/free-port';
import { startOpensshForward } from '../fixtures/openssh-forward';
import { peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';
import { packagedApp, packagedAppMissing } from './packaged-app';
import type { TunnelProcessReady, TunnelProcessRequest } from './tunnel-process';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BULK_BYTES = Number(process.env.BENCH_BULK_MIB ?? 128) * 1024 * 1024;
const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 500);
const BULK_ROUNDS = 3;
const ROUND_TRIP_ROUNDS = 5;
const READY_TIMEOUT_MS = 60_000;
const REPORT = path.join(ROOT, 'test-artifacts', 'mac', 'packaged-tunnel-bench.md');
/** Where the bundle that finds the repository's ssh2 goes: under out/, beside its node_modules, never shipped. */
const REPOSITORY_BUNDLE_DIR = path.join(ROOT, 'out', 'mac-bench');

const usable =
  peerAvailable('The packaged app', packagedAppMissing(), 'See above.') &&
  peerAvailable('OpenSSH sshd', sshdMissing(), 'macOS ships /usr/sbin/sshd.');

/** Bundles tunnel-process.ts into `outDir`, every import inlined but ssh2, which it finds beside the folder. */
async function bundleTunnelProcess(outDir: string): Promise<string> {
  const external = ['ssh2', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
  await build({
    configFile: false,
    logLevel: 'warn',
    ssr: { noExternal: true },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      rolldownOptions: {
        input: { 'tunnel-process': path.join(import.meta.dirname, 'tunnel-process.ts') },
        external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  });
  return path.join(outDir, 'tunnel-process.mjs');
}

interface Path {
  name: string;
  ports: { bulk: number; echo: number };
  ready?: TunnelProcessReady;
}

describe.skipIf(!usable)('the tunnel inside the packaged app', () => {
  let scratch: string;
  let sshd: Sshd;
  const traffic = startTrafficWorker();
  const children: ChildProcess[] = [];
  const paths: Path[] = [];

  /** Runs the bundled tunnel process with `command` and resolves with its ports once both tunnels are up. */
  function startTunnelProcess(
    command: string,
    script: string,
    request: TunnelProcessRequest,
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<TunnelProcessReady> {
    const child = spawn(command, [script, JSON.stringify(request)], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    let errors = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (errors = (errors + chunk).slice(-4_000)));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${command} ${script}: no tunnels in time\n${errors}`)),
        READY_TIMEOUT_MS,
      );
      createInterface({ input: child.stdout }).once('line', (line) => {
        clearTimeout(timer);
        resolve(JSON.parse(line) as TunnelProcessReady);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${command} ${script} ended (exit code ${code}):\n${errors}`));
      });
    });
  }

  beforeAll(async () => {
    scratch = makeTempDir('openclaw-packaged-tunnel-');
    sshd = await startSshd();
    const far = await traffic.start();
    const request: TunnelProcessRequest = {
      sshd: {
        port: sshd.port,
        user: sshd.user,
        clientKeyPath: sshd.clientKeyPath,
        hostPublicKey: sshd.hostPublicKey,
      },
      remotePorts: { bulk: far.sink, echo: far.echo },
    };
    const app = packagedApp();
    // The app's own packages, ssh2 and its dependencies as shipped (no native binding), out of the archive.
    const shipped = path.join(scratch, 'app');
    extractAll(app.archive, shipped);
    const besideShipped = await bundleTunnelProcess(path.join(shipped, 'bench'));
    // The repository's ssh2, whose binding npm built for this Node.
    const besideRepository = await bundleTunnelProcess(REPOSITORY_BUNDLE_DIR);

    const inApp = await startTunnelProcess(app.executable, besideShipped, request, {
      ...process.env,
      ELECTRON_RUN_AS_NODE: '1',
    });
    paths.push({ name: 'packaged app', ports: inApp, ready: inApp });
    const shippedUnderNode = await startTunnelProcess(process.execPath, besideShipped, request);
    paths.push({ name: 'Node, ssh2 as shipped', ports: shippedUnderNode, ready: shippedUnderNode });
    const native = await startTunnelProcess(process.execPath, besideRepository, request);
    paths.push({ name: 'Node, ssh2 native', ports: native, ready: native });
    const openssh = { bulk: await freePort(), echo: await freePort() };
    children.push(
      await startOpensshForward(sshd, openssh.bulk, far.sink),
      await startOpensshForward(sshd, openssh.echo, far.echo),
    );
    paths.push({ name: 'ssh -N -L (OpenSSH)', ports: openssh });
  }, 240_000);

  afterAll(async () => {
    for (const child of children) {
      child.stdin?.end();
      child.kill();
    }
    await Promise.all([traffic.stop(), sshd?.stop()]);
    rmSync(REPOSITORY_BUNDLE_DIR, { recursive: true, force: true });
    if (scratch) removeTempDir(scratch);
  });

  it('runs ssh2 JavaScript crypto in the app, native under Node, and carries the bytes', () => {
    const [inApp, shippedUnderNode, native] = paths;
    expect(inApp?.ready?.runtime).toMatch(/^Electron /);
    expect(inApp?.ready?.sshCrypto).toBe('javascript');
    expect(shippedUnderNode?.ready?.sshCrypto).toBe('javascript');
    expect(native?.ready?.sshCrypto).toBe('native');
  });

  it('measures each path against OpenSSH, rounds interleaved', { timeout: 900_000 }, async () => {
    for (const { ports } of paths) await traffic.bulk(ports.bulk, 16 * 1024 * 1024); // warm-up
    const throughput = new Map(paths.map(({ name }) => [name, [] as number[]]));
    const latency = new Map(paths.map(({ name }) => [name, [] as number[]]));
    for (let round = 0; round < Math.max(BULK_ROUNDS, ROUND_TRIP_ROUNDS); round += 1) {
      const order = paths.map((_, i) => paths[(i + round) % paths.length]!);
      for (const { name, ports } of order) {
        if (round < BULK_ROUNDS) throughput.get(name)!.push(await traffic.bulk(ports.bulk, BULK_BYTES));
        if (round < ROUND_TRIP_ROUNDS) latency.get(name)!.push(await traffic.roundTrips(ports.echo, ROUND_TRIPS));
      }
    }
    const reference = 'ssh -N -L (OpenSSH)';
    const rows = paths.map(({ name, ready }) => {
      const mibs = median(throughput.get(name)!);
      const micros = median(latency.get(name)!);
      expect(mibs, `${name} moved no bytes`).toBeGreaterThan(0);
      return (
        `| ${name} | ${ready ? `${ready.runtime}, ${ready.sshCrypto}` : 'OpenSSH'} | ${mibs.toFixed(0)} MiB/s | ` +
        `${(mibs / median(throughput.get(reference)!)).toFixed(2)}× | ${micros.toFixed(1)} µs | ` +
        `${(micros / median(latency.get(reference)!)).toFixed(2)}× |`
      );
    });
    const report = [
      `### Tunnel in the packaged app: ${BULK_BYTES / 1024 / 1024} MiB bulk (median of ${BULK_ROUNDS}), ` +
        `${ROUND_TRIPS} round trips of 64 B (median of ${ROUND_TRIP_ROUNDS})`,
      '',
      '| path | runtime, ssh2 crypto | throughput | vs ssh | round trip | vs ssh |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n');
    console.log(`\n${report}`);
    mkdirSync(path.dirname(REPORT), { recursive: true });
    writeFileSync(REPORT, report);
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${report}\n`);
  });
});
