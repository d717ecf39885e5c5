// Freshness: the tailnet is polled only while someone watches, watchers hear only of changes, and the last one
// leaving stops the polling with no timer left. Time passes only when a test fires the timers, so the outcome never
// depends on the machine's speed; the service tests read the fake CLI, counting its runs from its own records.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { failure, success, type Result } from '../../electron/shared/errors';
import type { TailnetStatus } from '../../electron/main/services/tailscale/status';
import { createTailnetWatcher } from '../../electron/main/services/tailscale/tailnet-watcher';
import { createTailscaleService } from '../../electron/main/services/tailscale/tailscale-service';
import { FAKE_TAILSCALE, fakeEnv, fakeStateDir, recordedCalls } from '../fixtures/fake-tailscale';
import { ManualClock } from '../fixtures/manual-clock';
import { testSystem } from '../fixtures/system';

const INTERVAL_MS = 4_000;

function watchedService() {
  const stateDir = fakeStateDir();
  const clock = new ManualClock();
  const service = createTailscaleService({
    system: testSystem({ clock }),
    homeDir: '/nonexistent-home',
    cliPath: () => FAKE_TAILSCALE,
    env: fakeEnv('running', { stateDir }),
    pollIntervalMs: INTERVAL_MS,
  });
  const statusRuns = () => recordedCalls(stateDir).filter((call) => call.argv.join(' ') === 'status --json').length;
  /** Fires the poll timer and waits until that poll is done: the next one is then scheduled. */
  const tick = async () => {
    expect(clock.fireAll()).toBe(1);
    await vi.waitFor(() => expect(clock.pending).toEqual([{ ms: INTERVAL_MS }]));
  };
  /** What `switch` from the Tailscale menu would do behind the app's back. */
  const switchBehindTheAppsBack = (id: string) => writeFileSync(join(stateDir, 'profile'), id);
  return { service, clock, statusRuns, tick, switchBehindTheAppsBack };
}

function tailnetName(result: Result<TailnetStatus> | undefined): string | undefined {
  return result?.ok ? result.value.tailnet?.name : undefined;
}

describe('watching the tailnet through the service', () => {
  it('polls only while watched and emits only on change', async () => {
    const { service, clock, statusRuns, tick, switchBehindTheAppsBack } = watchedService();
    const seen: Result<TailnetStatus>[] = [];
    expect(statusRuns()).toBe(0);
    expect(clock.pending).toEqual([]);

    const unwatch = service.watch((status) => seen.push(status));
    await vi.waitFor(() => expect(clock.pending).toEqual([{ ms: INTERVAL_MS }]));
    expect(seen.map(tailnetName)).toEqual(['alice@example.com']);
    expect(statusRuns()).toBe(1);

    await tick();
    await tick();
    expect(statusRuns()).toBe(3);
    expect(seen).toHaveLength(1);

    switchBehindTheAppsBack('c3d4');
    await tick();
    expect(seen.map(tailnetName)).toEqual(['alice@example.com', 'corp.example']);

    unwatch();
    expect(clock.pending).toEqual([]);
    const runs = statusRuns();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statusRuns()).toBe(runs);
  });

  it('tells a new watcher the tailnet as it is, even when nothing changed since the last one left', async () => {
    const { service, clock } = watchedService();
    const first: Result<TailnetStatus>[] = [];
    const unwatchFirst = service.watch((status) => first.push(status));
    await vi.waitFor(() => expect(clock.pending).toHaveLength(1));
    expect(first).toHaveLength(1);
    unwatchFirst();
    expect(clock.pending).toEqual([]);

    const second: Result<TailnetStatus>[] = [];
    const unwatch = service.watch((status) => second.push(status));
    await vi.waitFor(() => expect(second.map(tailnetName)).toEqual(['alice@example.com']));
    unwatch();
  });

  it('keeps polling while one of two watchers remains, and gives the latecomer the known tailnet', async () => {
    const { service, clock, tick } = watchedService();
    const early: Result<TailnetStatus>[] = [];
    const late: Result<TailnetStatus>[] = [];
    const unwatchEarly = service.watch((status) => early.push(status));
    await vi.waitFor(() => expect(clock.pending).toHaveLength(1));
    const unwatchLate = service.watch((status) => late.push(status));
    await vi.waitFor(() => expect(late.map(tailnetName)).toEqual(['alice@example.com']));

    unwatchEarly();
    expect(clock.pending).toHaveLength(1);
    await tick();
    unwatchLate();
    expect(clock.pending).toEqual([]);
    expect(early).toHaveLength(1);
    expect(late).toHaveLength(1);
  });
});

describe('the watcher on its own', () => {
  const running = (name: string): Result<TailnetStatus> =>
    success({
      state: 'running',
      sentence: `Connected to the tailnet ${name}.`,
      tailnet: { name, magicDnsSuffix: 'x.ts.net', magicDnsEnabled: true },
      health: [],
      devices: [],
    });

  it('reports a change from a tailnet to an error and back', async () => {
    const answers = [
      running('a'),
      failure({ kind: 'tailscale-cli-timeout', message: 'slow' }),
      failure({ kind: 'tailscale-cli-timeout', message: 'slow' }),
      running('a'),
    ];
    const clock = new ManualClock();
    const read = vi.fn(() => Promise.resolve(answers.shift() ?? running('a')));
    const watcher = createTailnetWatcher({ read, clock, intervalMs: 10 });
    const seen: Result<TailnetStatus>[] = [];
    const unwatch = watcher.watch((status) => seen.push(status));
    for (let poll = 0; poll < 3; poll += 1) {
      await vi.waitFor(() => expect(clock.pending).toHaveLength(1));
      clock.fireAll();
    }
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(4));
    await vi.waitFor(() => expect(clock.pending).toHaveLength(1));
    expect(seen.map((status) => (status.ok ? status.value.tailnet?.name : status.error.kind))).toEqual([
      'a',
      'tailscale-cli-timeout',
      'a',
    ]);
    unwatch();
    expect(clock.pending).toEqual([]);
  });

  it('never reads without watchers, but a refresh still returns the tailnet', async () => {
    const clock = new ManualClock();
    const read = vi.fn(() => Promise.resolve(running('a')));
    const watcher = createTailnetWatcher({ read, clock });
    expect(read).not.toHaveBeenCalled();
    expect(await watcher.refresh()).toEqual(running('a'));
    expect(clock.pending).toEqual([]);
  });

  it('does not schedule another poll when the last watcher leaves during a read', async () => {
    const clock = new ManualClock();
    let finish: (value: Result<TailnetStatus>) => void = () => {};
    const read = vi
      .fn(() => Promise.resolve(running('b')))
      .mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
    const watcher = createTailnetWatcher({ read, clock });
    const listener = vi.fn();
    const unwatch = watcher.watch(listener);
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(1));
    unwatch();
    finish(running('a'));
    // Reads run one after another, so this one ends after the first.
    expect(await watcher.refresh()).toEqual(running('b'));
    expect(listener).not.toHaveBeenCalled();
    expect(clock.pending).toEqual([]);
  });
});
