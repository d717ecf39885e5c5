// Gateway discovery with a scripted probe: which URLs are probed for which devices, the concurrency limit, the
// deadline that holds even when probes hang (the test fires it; no time is measured), the brief memory of answers,
// and the service marking the devices that answered. Devices come from the fake CLI's status.
import { describe, expect, it, vi } from 'vitest';
import type { ProbeResult } from '../../electron/main/services/gateway/probe';
import { createGatewayDiscovery } from '../../electron/main/services/tailscale/discovery';
import type { TailnetDevice } from '../../electron/main/services/tailscale/status';
import { createTailscaleService } from '../../electron/main/services/tailscale/tailscale-service';
import { FAKE_TAILSCALE, fakeEnv, type Scenario } from '../fixtures/fake-tailscale';
import { ManualClock } from '../fixtures/manual-clock';
import { testSystem } from '../fixtures/system';

const system = testSystem();
const GATEWAY: ProbeResult = { gateway: true };
const REFUSED: ProbeResult = { gateway: false, reason: 'refused', detail: 'nothing is listening' };
const SILENT: ProbeResult = { gateway: false, reason: 'timeout', detail: 'no answer within 1.6 s' };

async function devicesOf(scenario: Scenario): Promise<TailnetDevice[]> {
  const service = createTailscaleService({
    system,
    homeDir: '/nonexistent',
    cliPath: () => FAKE_TAILSCALE,
    env: fakeEnv(scenario),
  });
  const status = await service.status();
  if (!status.ok) throw new Error(status.error.message);
  return status.value.devices;
}

/** A probe that answers from `answers` by URL (refused otherwise) on the next turn of the event loop. */
function scriptedProbe(answers: Record<string, ProbeResult> = {}) {
  let inFlight = 0;
  let maxInFlight = 0;
  const probe = vi.fn(async (url: string, _timeoutMs: number) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight -= 1;
    return answers[url] ?? REFUSED;
  });
  return { probe, maxInFlight: () => maxInFlight, urls: () => probe.mock.calls.map(([url]) => url) };
}

const hanging = () => new Promise<ProbeResult>(() => {});

describe('gateway discovery', () => {
  it('probes each online device at its Serve name and its tailnet IPv4 on 18789, and skips offline ones', async () => {
    const { probe, urls } = scriptedProbe();
    const clock = new ManualClock();
    const report = await createGatewayDiscovery({ probeGateway: probe, clock }).discover(await devicesOf('running'));
    expect(urls()).toEqual(['wss://gateway-box.tail1a2b3c.ts.net', 'ws://100.101.102.104:18789']);
    expect(probe.mock.calls.every(([, timeoutMs]) => timeoutMs === 1_600)).toBe(true);
    expect(report).toEqual({ gateways: {}, unanswered: [], complete: true });
    // Everything answered before the deadline, whose timer is gone with it.
    expect(clock.pending).toEqual([]);
  });

  it('marks the URL that answered, preferring Tailscale Serve when both do', async () => {
    const devices = await devicesOf('running');
    const viaBind = scriptedProbe({ 'ws://100.101.102.104:18789': GATEWAY });
    const bind = await createGatewayDiscovery({ probeGateway: viaBind.probe, clock: system.clock }).discover(devices);
    expect(bind.gateways).toEqual({ nBCqx71UC621CNTRL: { url: 'ws://100.101.102.104:18789' } });

    const viaBoth = scriptedProbe({
      'ws://100.101.102.104:18789': GATEWAY,
      'wss://gateway-box.tail1a2b3c.ts.net': GATEWAY,
    });
    const both = await createGatewayDiscovery({ probeGateway: viaBoth.probe, clock: system.clock }).discover(devices);
    expect(both.gateways).toEqual({ nBCqx71UC621CNTRL: { url: 'wss://gateway-box.tail1a2b3c.ts.net' } });
  });

  it('keeps at most `concurrency` probes in flight', async () => {
    const devices = await devicesOf('large');
    const eight = scriptedProbe();
    const report = await createGatewayDiscovery({
      probeGateway: eight.probe,
      clock: system.clock,
      deadlineMs: 60_000,
    }).discover(devices);
    expect(eight.probe).toHaveBeenCalledTimes(500);
    expect(eight.maxInFlight()).toBe(8);
    expect(report.complete).toBe(true);

    const three = scriptedProbe();
    await createGatewayDiscovery({ probeGateway: three.probe, clock: system.clock, concurrency: 3 }).discover(
      devices.slice(0, 20),
    );
    expect(three.maxInFlight()).toBe(3);
  });

  it('comes back at the deadline when probes hang, with the devices it could not tell about', async () => {
    const clock = new ManualClock();
    const probe = vi.fn((url: string) => (url.includes('host-000') ? Promise.resolve(GATEWAY) : hanging()));
    const discovery = createGatewayDiscovery({ probeGateway: probe, clock, deadlineMs: 2_500 });
    const devices = (await devicesOf('large')).slice(0, 10);
    let report: Awaited<ReturnType<typeof discovery.discover>> | undefined;
    const running = discovery.discover(devices).then((value) => (report = value));

    await vi.waitFor(() => expect(probe).toHaveBeenCalledTimes(9));
    expect(report).toBeUndefined();
    expect(clock.pending).toEqual([{ ms: 2_500 }]);
    clock.fireAll();
    await running;

    const online = devices.filter((device) => device.online).map((device) => device.id);
    expect(report?.gateways).toEqual({ nGen0000CNTRL: { url: 'wss://host-000.tail1a2b3c.ts.net' } });
    expect(report?.unanswered).toEqual(online.filter((id) => id !== 'nGen0000CNTRL'));
    expect(report?.complete).toBe(false);
    expect(clock.pending).toEqual([]);
  });

  it('counts a probe that heard nothing as unanswered, not as "no Gateway"', async () => {
    const devices = await devicesOf('running');
    const { probe } = scriptedProbe({ 'ws://100.101.102.104:18789': SILENT });
    const report = await createGatewayDiscovery({ probeGateway: probe, clock: system.clock }).discover(devices);
    expect(report).toEqual({ gateways: {}, unanswered: ['nBCqx71UC621CNTRL'], complete: false });
  });

  it('remembers answers for a while, but asks again about devices that gave none', async () => {
    const clock = new ManualClock(1_000_000);
    const devices = (await devicesOf('large')).slice(0, 4);
    const answers: Record<string, ProbeResult> = { 'wss://host-000.tail1a2b3c.ts.net': GATEWAY };
    const { probe, urls } = scriptedProbe(answers);
    answers['ws://100.64.0.3:18789'] = SILENT;
    const discovery = createGatewayDiscovery({ probeGateway: probe, clock, cacheTtlMs: 30_000 });

    const first = await discovery.discover(devices);
    expect(urls()).toHaveLength(4);
    expect(first.unanswered).toEqual(['nGen0002CNTRL']);

    clock.time += 29_000;
    probe.mockClear();
    const second = await discovery.discover(devices);
    expect(urls()).toEqual(['wss://host-002.tail1a2b3c.ts.net', 'ws://100.64.0.3:18789']);
    expect(second.gateways).toEqual(first.gateways);

    clock.time += 2_000;
    probe.mockClear();
    await discovery.discover(devices);
    expect(urls()).toHaveLength(4);
  });

  it('marks the devices that answered in the service’s result, and serializes the mark', async () => {
    const service = createTailscaleService({
      system,
      homeDir: '/nonexistent',
      cliPath: () => FAKE_TAILSCALE,
      env: fakeEnv('running'),
      discovery: { probeGateway: scriptedProbe({ 'wss://gateway-box.tail1a2b3c.ts.net': GATEWAY }).probe },
    });
    const scan = await service.discoverGateways();
    expect(scan.ok).toBe(true);
    if (!scan.ok) return;
    const json = JSON.parse(JSON.stringify(scan.value.status.devices)) as Record<string, unknown>[];
    expect(json.map(({ name, gateway }) => ({ name, gateway }))).toEqual([
      { name: 'gateway-box', gateway: { url: 'wss://gateway-box.tail1a2b3c.ts.net' } },
      { name: 'pi-home', gateway: undefined },
    ]);
    expect(scan.value.complete).toBe(true);
  });

  it('probes nothing while Tailscale is not running', async () => {
    const { probe } = scriptedProbe();
    const service = createTailscaleService({
      system,
      homeDir: '/nonexistent',
      cliPath: () => FAKE_TAILSCALE,
      env: fakeEnv('logged-out'),
      discovery: { probeGateway: probe },
    });
    expect(await service.discoverGateways()).toMatchObject({
      ok: true,
      value: { status: { state: 'needs-login' }, unanswered: [], complete: true },
    });
    expect(probe).not.toHaveBeenCalled();
  });
});
