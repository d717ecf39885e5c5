// The tailnet model read from the fake `tailscale` CLI through the real execFile: each documented backend state
// gets its state, sentence and next step; the sample's devices come out keyed by stable ID with name, owner, path,
// tags and key warnings; broken, slow, noisy and large answers give a specific error or a model, never a crash.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createCliRunner } from '../../electron/main/services/tailscale/cli-runner';
import { statusFromCli, type TailnetStatus } from '../../electron/main/services/tailscale/status';
import { createTailscaleService } from '../../electron/main/services/tailscale/tailscale-service';
import {
  FAKE_TAILSCALE,
  fakeEnv,
  fakeStateDir,
  recordedCalls,
  type FakeOptions,
  type Scenario,
} from '../fixtures/fake-tailscale';
import { ManualClock } from '../fixtures/manual-clock';
import { testSystem } from '../fixtures/system';

const NOW = Date.parse('2026-08-22T12:00:00Z');
const system = testSystem();

async function statusOf(scenario: Scenario, options: FakeOptions = {}, now = NOW) {
  const service = createTailscaleService({
    system: testSystem({ clock: new ManualClock(now) }),
    homeDir: '/nonexistent-home',
    cliPath: () => FAKE_TAILSCALE,
    env: fakeEnv(scenario, options),
  });
  return service.status();
}

async function modelOf(scenario: Scenario, options: FakeOptions = {}, now = NOW): Promise<TailnetStatus> {
  const result = await statusOf(scenario, options, now);
  if (!result.ok) throw new Error(`expected a model, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('tailnet status from the CLI', () => {
  it('reads the two-peer sample: tailnet, this device and the devices by stable ID', async () => {
    const model = await modelOf('running');
    expect(model).toMatchObject({
      state: 'running',
      backendState: 'Running',
      sentence: 'Connected to the tailnet alice@example.com.',
      tailnet: { name: 'alice@example.com', magicDnsSuffix: 'tail1a2b3c.ts.net', magicDnsEnabled: true },
      health: [],
      self: { id: 'nXk3mP7aQ21CNTRL', name: 'alices-macbook-pro', os: 'macOS' },
    });
    expect(model.action).toBeUndefined();
    expect(model.devices.map((device) => device.id)).toEqual(['nBCqx71UC621CNTRL', 'nQ9zLr2YtE11CNTRL']);

    const [gatewayBox, pi] = model.devices;
    expect(gatewayBox).toEqual({
      id: 'nBCqx71UC621CNTRL',
      name: 'gateway-box',
      dnsName: 'gateway-box.tail1a2b3c.ts.net',
      hostName: 'gateway-box',
      os: 'linux',
      ips: ['100.101.102.104', 'fd7a:115c:a1e0::1d01:d316'],
      online: true,
      connection: 'direct',
      owner: 'alice@example.com',
      tags: [],
      keyExpiry: '2026-01-04T04:02:23Z',
      keyWarning: 'expired',
      sshHostKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl'],
    });
    // The name comes from the MagicDNS name (pi-home), not the OS host name (raspberrypi).
    expect(pi).toMatchObject({
      name: 'pi-home',
      hostName: 'raspberrypi',
      online: false,
      lastSeen: '2026-08-19T22:40:00Z',
      connection: 'offline',
      owner: 'tagged-devices',
      tags: ['tag:server'],
    });
    expect(pi?.keyWarning).toBeUndefined();
  });

  it('serializes devices with what the picker and the CLI command print', async () => {
    const model = await modelOf('running');
    const json = JSON.parse(JSON.stringify(model.devices[0])) as Record<string, unknown>;
    for (const key of ['id', 'name', 'dnsName', 'os', 'ips', 'online']) expect(json).toHaveProperty(key);
  });

  it('warns about a key that expires within a week', async () => {
    const model = await modelOf('running', {}, Date.parse('2026-01-01T00:00:00Z'));
    expect(model.devices[0]?.keyWarning).toBe('expiring-soon');
    const earlier = await modelOf('running', {}, Date.parse('2025-12-01T00:00:00Z'));
    expect(earlier.devices[0]?.keyWarning).toBeUndefined();
  });

  it.each([
    [
      'logged-out',
      {
        state: 'needs-login',
        sentence: 'Tailscale is logged out on this Mac.',
        action: { kind: 'log-in', label: 'Log in to Tailscale', url: 'https://login.tailscale.com/a/1a2b3c4d5e6f' },
      },
    ],
    [
      'logged-out-no-url',
      {
        state: 'needs-login',
        sentence: 'Tailscale is logged out on this Mac.',
        action: { kind: 'log-in', label: 'Log in to Tailscale' },
      },
    ],
    [
      'stopped',
      {
        state: 'stopped',
        sentence: 'Tailscale is turned off on this Mac.',
        action: { kind: 'start', label: 'Turn Tailscale on' },
      },
    ],
    [
      'needs-machine-auth',
      {
        state: 'needs-machine-auth',
        sentence: 'This Mac is waiting for an admin of the tailnet to approve it.',
        action: { kind: 'wait-for-admin', label: 'Ask a tailnet admin to approve this Mac in the admin console' },
      },
    ],
    ['starting', { state: 'starting', sentence: 'Tailscale is starting.' }],
    [
      'daemon-down',
      {
        state: 'daemon-not-running',
        sentence: 'Tailscale is not running on this Mac.',
        action: { kind: 'start-tailscale', label: 'Start Tailscale' },
        detail: 'failed to connect to local Tailscale service; is Tailscale running?',
      },
    ],
  ] satisfies [Scenario, Partial<TailnetStatus>][])('%s: state, sentence and next step', async (scenario, expected) => {
    const model = await modelOf(scenario);
    const { state, sentence, action, detail } = model;
    expect({ state, sentence, action, detail }).toEqual({
      action: undefined,
      detail: undefined,
      ...expected,
    });
    expect(model.devices).toEqual([]);
  });

  it('logged out: no tailnet and no IPs, and the model still has this device', async () => {
    const model = await modelOf('logged-out');
    expect(model.tailnet).toBeUndefined();
    expect(model.self?.ips).toEqual([]);
  });

  it('reads the JSON out of noisy output and ignores the version-skew warning on stderr', async () => {
    const model = await modelOf('noisy');
    expect(model.state).toBe('running');
    expect(model.devices.map((device) => device.name)).toEqual(['gateway-box', 'pi-home']);
  });

  it('lists a tailnet of 500 devices, sorted and with unique IDs', async () => {
    const model = await modelOf('large');
    expect(model.devices).toHaveLength(500);
    expect(new Set(model.devices.map((device) => device.id)).size).toBe(500);
    expect(model.devices[0]?.name).toBe('host-000');
    expect(model.devices.at(-1)?.name).toBe('host-499');
    expect(model.devices.filter((device) => device.online)).toHaveLength(250);
  });

  it('hides sharee nodes and unused Mullvad exit nodes as the CLI does, and shows the exit node in use', async () => {
    const model = await modelOf('hidden-peers');
    expect(model.devices.map((device) => device.hostName)).toEqual(['gateway-box', 'raspberrypi', 'se-sto-wg-002']);
  });

  it('names what is wrong when the JSON has the wrong shape', async () => {
    const result = await statusOf('malformed');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('tailscale-status-invalid');
    expect(result.error.message).toMatch(/Peer\.nodekey:66305fc09eb2….*\.ID: .*expected string, received number/);
  });

  it('calls the GUI error-3 answer an unusable CLI, never a tailnet state', async () => {
    const run = createCliRunner({ processes: system.processes, env: fakeEnv('gui-error-3') });
    const result = statusFromCli(FAKE_TAILSCALE, await run(FAKE_TAILSCALE, ['status', '--json']), NOW);
    expect(result).toMatchObject({ ok: false, error: { kind: 'tailscale-cli-unusable' } });
    if (result.ok) return;
    expect(result.error.message).toContain('Tailscale.CLIError error 3');
    expect(result.error.hint).toContain('Install CLI');
  });

  it('stops a CLI that never answers and says it timed out', async () => {
    const run = createCliRunner({ processes: system.processes, env: fakeEnv('slow'), timeoutMs: 300 });
    const result = statusFromCli(FAKE_TAILSCALE, await run(FAKE_TAILSCALE, ['status', '--json']), NOW);
    expect(result).toMatchObject({ ok: false, error: { kind: 'tailscale-cli-timeout' } });
  });

  it('says the CLI is missing when the path holds nothing', async () => {
    const run = createCliRunner({ processes: system.processes, env: process.env });
    const result = statusFromCli('/nonexistent/tailscale', await run('/nonexistent/tailscale', ['status']), NOW);
    expect(result).toMatchObject({ ok: false, error: { kind: 'tailscale-not-installed' } });
  });
});

describe('running the CLI', () => {
  it('sets TERM when the app has none, which the GUI binary needs to act as a CLI', async () => {
    const stateDir = fakeStateDir();
    const env = fakeEnv('running', { needsTerm: true, stateDir });
    delete env.TERM;
    // Control: started without TERM, the fake answers as the bundle binary does.
    const direct = await promisify(execFile)(FAKE_TAILSCALE, ['status', '--json'], { env });
    expect(direct.stdout).toContain('CLIError error 3');

    const run = createCliRunner({ processes: system.processes, env });
    const result = statusFromCli(FAKE_TAILSCALE, await run(FAKE_TAILSCALE, ['status', '--json']), NOW);
    expect(result.ok && result.value.state).toBe('running');
    expect(recordedCalls(stateDir).map((call) => call.term)).toEqual([undefined, 'dumb']);
  });

  it('keeps a TERM the app already has', async () => {
    const stateDir = fakeStateDir();
    const run = createCliRunner({
      processes: system.processes,
      env: { ...fakeEnv('running', { stateDir }), TERM: 'xterm-256color' },
    });
    await run(FAKE_TAILSCALE, ['version', '--json']);
    expect(recordedCalls(stateDir)).toEqual([{ argv: ['version', '--json'], term: 'xterm-256color' }]);
  });
});
