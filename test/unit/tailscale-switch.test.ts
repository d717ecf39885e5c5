// Tailnet switching through the fake CLI: the `switch --list` table is read (a tailnet name with a space
// included), `switch` gets exactly the listed ID, the model is read again afterwards (and watchers hear of it),
// and an unknown ID never reaches the CLI.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../electron/shared/errors';
import { createCliRunner, type RunCli } from '../../electron/main/services/tailscale/cli-runner';
import type { TailnetStatus } from '../../electron/main/services/tailscale/status';
import { listTailnets, switchTailnet } from '../../electron/main/services/tailscale/switch';
import { createTailscaleService } from '../../electron/main/services/tailscale/tailscale-service';
import { FAKE_TAILSCALE, fakeEnv, fakeStateDir, recordedCalls } from '../fixtures/fake-tailscale';
import { ManualClock } from '../fixtures/manual-clock';
import { testSystem } from '../fixtures/system';

const system = testSystem();

function serviceWithState(clock = new ManualClock()) {
  const stateDir = fakeStateDir();
  const service = createTailscaleService({
    system: testSystem({ clock }),
    homeDir: '/nonexistent-home',
    cliPath: () => FAKE_TAILSCALE,
    env: fakeEnv('running', { stateDir }),
  });
  const calls = () => recordedCalls(stateDir).map((call) => call.argv.join(' '));
  return { service, calls, clock };
}

describe('tailnet switching', () => {
  it('lists the tailnets the CLI knows, with the current one marked', async () => {
    const { service } = serviceWithState();
    expect(await service.listTailnets()).toEqual({
      ok: true,
      value: [
        { id: 'a1b2', tailnet: 'alice@example.com', account: 'alice@example.com', current: true },
        { id: 'c3d4', tailnet: 'Example Corp', account: 'alice@corp.example', current: false },
      ],
    });
  });

  it('switches with `tailscale switch <id>` and returns the tailnet as it is afterwards', async () => {
    const { service, calls } = serviceWithState();
    const before = await service.status();
    expect(before.ok && before.value.tailnet?.name).toBe('alice@example.com');

    const after = await service.switchTailnet('c3d4');
    expect(after).toMatchObject({ ok: true, value: { state: 'running', tailnet: { name: 'corp.example' } } });
    expect(after.ok && after.value.devices).toEqual([]);
    const recorded = calls();
    const switchAt = recorded.indexOf('switch c3d4');
    expect(recorded.filter((call) => call.startsWith('switch ') && call !== 'switch --list')).toEqual(['switch c3d4']);
    expect(recorded.slice(switchAt + 1)).toContain('status --json');

    const listed = await service.listTailnets();
    expect(listed.ok && listed.value.find((profile) => profile.current)?.id).toBe('c3d4');
  });

  it('tells watchers about the switch at once', async () => {
    const { service, clock } = serviceWithState();
    const seen: Result<TailnetStatus>[] = [];
    const unwatch = service.watch((status) => seen.push(status));
    await expect.poll(() => seen.length).toBe(1);
    await service.switchTailnet('c3d4');
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({ ok: true, value: { tailnet: { name: 'corp.example' } } });
    unwatch();
    expect(clock.pending).toEqual([]);
  });

  it('does not run `switch` for an ID the CLI did not list', async () => {
    const { service, calls } = serviceWithState();
    const result = await service.switchTailnet('--help');
    expect(result).toMatchObject({ ok: false, error: { kind: 'tailscale-tailnet-unknown' } });
    if (result.ok) return;
    expect(result.error.message).toContain('a1b2 (alice@example.com), c3d4 (Example Corp)');
    expect(calls()).not.toContain('switch --help');
    expect(calls().filter((call) => call.startsWith('switch') && call !== 'switch --list')).toEqual([]);
  });

  it('does nothing but report the tailnet when asked for the current one', async () => {
    const { service, calls } = serviceWithState();
    const result = await service.switchTailnet('a1b2');
    expect(result).toMatchObject({ ok: true, value: { tailnet: { name: 'alice@example.com' } } });
    expect(calls()).not.toContain('switch a1b2');
  });

  it('passes on what the CLI said when the switch fails', async () => {
    const real = createCliRunner({
      processes: system.processes,
      env: fakeEnv('running', { stateDir: fakeStateDir() }),
    });
    const failing: RunCli = (file, args, options) =>
      args[0] === 'switch' && args[1] !== '--list'
        ? Promise.resolve({
            kind: 'exited',
            code: 1,
            stdout: 'Switching to account "c3d4"\n',
            stderr: 'Failed to switch to account: profile not found\n',
          })
        : real(file, args, options);
    const result = await switchTailnet(FAKE_TAILSCALE, failing, 'c3d4');
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'tailscale-switch-failed',
        message:
          'Tailscale could not switch to the tailnet Example Corp (alice@corp.example): Failed to switch to ' +
          'account: profile not found',
        hint: 'Try the switch from the Tailscale menu; if that fails too, log in to that tailnet again.',
      },
    });
  });

  it('calls an error-3 answer to `switch --list` an unusable CLI', async () => {
    const result = await listTailnets(
      FAKE_TAILSCALE,
      createCliRunner({ processes: system.processes, env: fakeEnv('gui-error-3') }),
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'tailscale-cli-unusable' } });
  });
});
