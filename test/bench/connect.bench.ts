// Connect → a healthy Gateway (`hello-ok`, then `health` answered), three ways to the same sshd and Gateway, rounds
// interleaved: the window's path (the connect action in this process, until the status is connected with a health
// round trip), `openclaw-remote status` as a whole process (start-up included), and by hand — `ssh -N -L` until its
// port listens, then the real `openclaw gateway health` through it; and, to show where the time of `status` goes,
// the CLI's start-up alone (`profiles list`). Medians with their range; asserts nothing.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { MainServices } from '../../electron/main/main-services';
import { freePort } from '../fixtures/free-port';
import { runOpenclawCli } from '../fixtures/gateway';
import { startOpensshForward } from '../fixtures/openssh-forward';
import { atMost, countOf, median, record, recordUnmeasured, seconds, spread } from './bench-report';
import {
  isHealthy,
  peersMissing,
  PROFILE,
  startHeadlessPeers,
  whenStatus,
  windowCore,
  type HeadlessPeers,
} from './headless-setup';

const RUNS = countOf(10, 3, 'BENCH_CONNECT_RUNS');
const GROUP = 'connect';
const WINDOW_TARGET_S = 0.5;
const STATUS_TARGET_RATIO = 0.25;

const ROWS = {
  window: { name: "connect → healthy: the window's path", unit: 's', target: `≤ ${WINDOW_TARGET_S} s median` },
  status: { name: 'connect → healthy: openclaw-remote status (process)', unit: 's', target: null },
  openssh: { name: 'connect → healthy: ssh -N -L + openclaw gateway health', unit: 's', target: null },
  startup: { name: 'openclaw-remote start-up alone (profiles list)', unit: 's', target: null },
  ratio: {
    name: 'openclaw-remote status / (ssh -N -L + openclaw CLI)',
    unit: '×',
    target: `≤ ${STATUS_TARGET_RATIO}×`,
  },
};

const missing = peersMissing();
if (missing !== undefined) recordUnmeasured(GROUP, Object.values(ROWS), missing);

describe.skipIf(missing !== undefined)('connect → healthy Gateway', () => {
  let peers: HeadlessPeers;
  let core: MainServices;

  beforeAll(async () => {
    peers = await startHeadlessPeers();
    core = await windowCore(peers.user);
  });

  afterAll(async () => {
    await core?.connection.shutdown();
    await peers?.stop();
  });

  /** The window's Connect: the action through the router, until connected and `health` answered; then Disconnect. */
  async function windowPath(): Promise<number> {
    const started = seconds();
    const healthy = whenStatus(core, isHealthy, seconds);
    const asked = await core.router.invoke('connection:connect', [{ profileId: peers.profileId }]);
    if (!asked.ok) throw new Error(`connect refused: ${asked.error.message}`);
    const took = (await healthy) - started;
    await core.router.invoke('connection:disconnect', []);
    return took;
  }

  /** A person's one-shot check, as a whole process: start-up, connect, health, disconnect and exit. */
  async function statusProcess(): Promise<number> {
    const started = seconds();
    const run = await peers.cli(['status', PROFILE, '--json']);
    const took = seconds() - started;
    if (run.code !== 0) throw new Error(`openclaw-remote status failed:\n${run.stdout}\n${run.stderr}`);
    return took;
  }

  /** The CLI's start-up and exit with no connection: how much of `status` is not connecting. */
  async function startupAlone(): Promise<number> {
    const started = seconds();
    const run = await peers.cli(['profiles', 'list', '--json']);
    const took = seconds() - started;
    if (run.code !== 0) throw new Error(`openclaw-remote profiles list failed:\n${run.stderr}`);
    return took;
  }

  /** By hand: `ssh -N -L` until its port listens (looked at every 5 ms), then the OpenClaw CLI's health through it. */
  async function byHand(): Promise<number> {
    const localPort = await freePort();
    const started = seconds();
    let ssh: ChildProcess | undefined;
    try {
      ssh = await startOpensshForward(peers.sshd, localPort, peers.gateway.port, 5);
      const health = await runOpenclawCli(
        ['gateway', 'health', '--url', `ws://127.0.0.1:${localPort}`, '--token', peers.gateway.token, '--json'],
        peers.gateway.env,
      );
      const took = seconds() - started;
      if (health.code !== 0) throw new Error(`openclaw gateway health failed:\n${health.stdout}\n${health.stderr}`);
      return took;
    } finally {
      if (ssh && ssh.exitCode === null) {
        const exited = new Promise((resolve) => ssh!.once('exit', resolve));
        ssh.kill();
        await exited;
      }
    }
  }

  it(`measures ${RUNS} connects each way, interleaved`, async () => {
    const paths = { window: windowPath, status: statusProcess, openssh: byHand, startup: startupAlone };
    const names = Object.keys(paths) as Array<keyof typeof paths>;
    // Warm-up: the first of each loads files the later ones find in the page cache.
    for (const name of names) await paths[name]();
    const figures = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
      (typeof names)[number],
      number[]
    >;
    for (let round = 0; round < RUNS; round += 1) {
      // Rotated so no path always runs first (or last) on a machine whose load changes.
      for (let i = 0; i < names.length; i += 1) {
        const name = names[(i + round) % names.length]!;
        figures[name].push(await paths[name]());
      }
    }
    for (const name of names) {
      const row = ROWS[name];
      const value = median(figures[name]);
      record({
        group: GROUP,
        ...row,
        value,
        met: name === 'window' ? atMost(value, WINDOW_TARGET_S) : null,
        note: spread(figures[name], 's'),
      });
    }
    const ratios = figures.status.map((took, round) => took / figures.openssh[round]!);
    const ratio = median(ratios);
    record({
      group: GROUP,
      ...ROWS.ratio,
      value: ratio,
      met: atMost(ratio, STATUS_TARGET_RATIO),
      note:
        `per-round ratios ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}` +
        (ratio > STATUS_TARGET_RATIO
          ? `; missed by ${(ratio / STATUS_TARGET_RATIO).toFixed(1)}×: status would have to take ≤ ` +
            `${(median(figures.openssh) * STATUS_TARGET_RATIO).toFixed(2)} s; the CLI's start-up alone takes ` +
            `${median(figures.startup).toFixed(2)} s`
          : ''),
    });
  });
});
