// The doctor's Tailscale step (12) through the app's core, with the fake `tailscale` CLI standing in for a tailnet CI
// cannot have: a Tailscale profile gets the step and a URL profile does not; a direct and a relayed device pass with
// the path and the ping times the CLI reported, pinged with bounded arguments; an offline device, a logged-out Mac and
// a Tailscale that does not run fail with the fix that exists.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plainNodeRuntime } from '../../electron/main/host/plain-node-runtime';
import { createMainServices, type MainServices } from '../../electron/main/main-services';
import { nodeSystem } from '../../electron/main/system/node-system';
import type { DoctorReport, DoctorStep } from '../../electron/shared/doctor';
import type { Route } from '../../electron/shared/profile';
import { FAKE_TAILSCALE, fakeEnv, fakeStateDir, recordedCalls, type Scenario } from '../fixtures/fake-tailscale';
import { freePort } from '../fixtures/free-port';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const GATEWAY_BOX = { id: 'nBCqx71UC621CNTRL', name: 'gateway-box', ip: '100.101.102.104' };
const PI = { id: 'nQ9zLr2YtE11CNTRL', name: 'pi-home' };

const homes: string[] = [];
const cores: MainServices[] = [];

afterAll(async () => {
  await Promise.all(cores.map((core) => core.connection.shutdown()));
  for (const home of homes) removeTempDir(home);
});

/** Runs the doctor through the router, as the window does, on a profile with `route`, the fake CLI in `scenario`. */
async function doctor(route: Route, scenario: Scenario, options: { statusFile?: string; stateDir?: string } = {}) {
  const home = makeTempDir('ocr-doctor-ts-');
  homes.push(home);
  mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
  const dataDir = path.join(home, 'data');
  const env = { ...fakeEnv(scenario, options), HOME: home };
  const runtime = await plainNodeRuntime(nodeSystem(), dataDir, env, home);
  const core = createMainServices({
    ...runtime,
    appInfo: {
      name: 'OpenClaw Remote',
      version: 'test',
      host: 'browser',
      versions: { node: process.versions.node },
      platform: process.platform,
      arch: process.arch,
      dataDir,
    },
    prompts: { trustHostKey: async () => false, passphrase: async () => ({ passphrase: undefined, remember: false }) },
    remembersConnection: false,
    openclawCliReport: false,
    tailscaleCliPath: FAKE_TAILSCALE,
  });
  cores.push(core);
  const saved = await core.router.invoke('profiles:save', [{ name: 'Box', route }]);
  if (!saved.ok) throw new Error(saved.error.message);
  const report = await core.router.invoke('doctor:run', [{ profileId: 'Box' }]);
  if (!report.ok) throw new Error(report.error.message);
  return report.value as DoctorReport;
}

/** The device at a URL where nothing listens: the URL steps fail fast, the Tailscale step needs none of them. */
async function deviceRoute(device: { id: string; name: string }): Promise<Route> {
  return {
    kind: 'tailscale',
    deviceId: device.id,
    deviceName: device.name,
    via: { kind: 'url', url: `ws://127.0.0.1:${await freePort()}` },
  };
}

function tailscaleStep(report: DoctorReport): DoctorStep | undefined {
  return report.steps.find((step) => step.id === 'tailscale');
}

describe('the doctor’s Tailscale step, with the fake tailscale CLI', () => {
  it('a direct device: CLI, backend, device online, reached directly, three pings with their times', async () => {
    const stateDir = fakeStateDir();
    const report = await doctor(await deviceRoute(GATEWAY_BOX), 'running', { stateDir });
    const step = tailscaleStep(report);
    expect(step?.status, step?.detail).toBe('pass');
    expect(step?.detail).toContain(`The Tailscale CLI 1.86.2-t1a2b3c4d5-g6e7f8a9b0 at ${FAKE_TAILSCALE} answers`);
    expect(step?.detail).toContain('Tailscale runs on the tailnet alice@example.com');
    expect(step?.detail).toContain('gateway-box is online, reached directly');
    expect(step?.detail).toContain(
      `tailscale ping ${GATEWAY_BOX.ip}: 3 of 3 answered, directly (203.0.113.7:41641), in 4 ms, 5 ms, 6 ms.`,
    );
    // Bounded, by address, and not waiting for a direct path that may never come.
    expect(recordedCalls(stateDir).map((call) => call.argv)).toContainEqual([
      'ping',
      '--c',
      '3',
      '--until-direct=false',
      '--timeout',
      '2s',
      GATEWAY_BOX.ip,
    ]);
  });

  it.each([
    ['MagicDNS name', 'gateway-box.tail1a2b3c.ts.net'],
    ['tailnet IP', GATEWAY_BOX.ip],
  ])('a device typed by its %s (the window without the CLI) is found in the tailnet and pinged', async (_, typed) => {
    const route = await deviceRoute({ id: typed, name: 'gateway-box' });
    const step = tailscaleStep(await doctor(route, 'running'));
    expect(step?.status, step?.detail).toBe('pass');
    expect(step?.detail).toContain('gateway-box is online, reached directly');
  });

  it('a relayed device: the DERP region the CLI names', async () => {
    const sample = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '../fixtures/fake-tailscale/two-peers.json'), 'utf8'),
    ) as { Peer: Record<string, { ID: string; CurAddr: string }> };
    for (const peer of Object.values(sample.Peer)) if (peer.ID === GATEWAY_BOX.id) peer.CurAddr = '';
    const statusFile = path.join(makeTempDir('ocr-doctor-ts-status-'), 'status.json');
    homes.push(path.dirname(statusFile));
    writeFileSync(statusFile, JSON.stringify(sample));
    const step = tailscaleStep(await doctor(await deviceRoute(GATEWAY_BOX), 'custom', { statusFile }));
    expect(step?.status, step?.detail).toBe('pass');
    expect(step?.detail).toContain('gateway-box is online, relayed through DERP region fra');
    expect(step?.detail).toContain('3 of 3 answered, relayed through DERP region fra');
    expect(step?.detail).toContain('in 38 ms, 39 ms, 40 ms');
  });

  it('an offline device fails, saying when it was last seen', async () => {
    const step = tailscaleStep(await doctor(await deviceRoute(PI), 'running'));
    expect(step).toMatchObject({ status: 'fail', detail: expect.stringMatching(/pi-home is offline \(last seen /u) });
  });

  it('a logged-out Mac fails with the login page and the log-in button', async () => {
    const step = tailscaleStep(await doctor(await deviceRoute(GATEWAY_BOX), 'logged-out'));
    expect(step).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('Tailscale is logged out on this Mac'),
      fix: { text: expect.stringContaining('https://login.tailscale.com/a/1a2b3c4d5e6f'), action: 'log-in-tailscale' },
    });
  });

  it('Tailscale not running fails with the start button', async () => {
    for (const scenario of ['daemon-down', 'stopped'] as const) {
      const step = tailscaleStep(await doctor(await deviceRoute(GATEWAY_BOX), scenario));
      expect(step, scenario).toMatchObject({ status: 'fail', fix: { action: 'start-tailscale' } });
    }
  });

  it('a profile that is no Tailscale route has no Tailscale step', async () => {
    const report = await doctor(
      { kind: 'direct', url: `ws://127.0.0.1:${await freePort()}`, acceptInsecure: false },
      'running',
    );
    expect(tailscaleStep(report)).toBeUndefined();
    expect(report.steps.map((step) => step.id)).toContain('tcp');
  });
});
