// The router is the only way into main: it must validate every payload and turn every failure into the
// shared error shape, never a crash or a hang.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppFailure } from '../../electron/main/app-failure';
import type { Handlers } from '../../electron/main/actions/action-table';
import { createRouter } from '../../electron/main/router';
import type { AppInfo } from '../../electron/shared/app-info';
import { REQUEST_CHANNELS } from '../../electron/shared/channels';
import { appError } from '../../electron/shared/errors';
import { createTestLog } from '../fixtures/silent-log';

const info: AppInfo = {
  name: 'OpenClaw Remote',
  version: '1.2.3',
  host: 'browser',
  versions: { node: '24.0.0' },
  platform: 'darwin',
  arch: 'arm64',
  dataDir: '/tmp/data',
};

/** Every channel this file does not exercise: reaching one would be a routing mistake. */
const unused = Object.fromEntries(
  REQUEST_CHANNELS.map((channel) => [
    channel,
    () => {
      throw new Error(`${channel} is not part of the router tests`);
    },
  ]),
) as unknown as Handlers;

function setup(overrides: Partial<Handlers> = {}, timeoutMs?: number) {
  const log = createTestLog();
  const handlers: Handlers = { ...unused, 'app:info': () => info, 'log:recent': () => [], ...overrides };
  const router = createRouter(handlers, { log: log.logger('router'), ...(timeoutMs ? { timeoutMs } : {}) });
  return { router, log };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('router', () => {
  it('answers a valid request with the handler’s value', async () => {
    const { router } = setup();
    await expect(router.invoke('app:info', [])).resolves.toEqual({ ok: true, value: info });
  });

  it('passes validated arguments to the handler', async () => {
    const recent = vi.fn(() => []);
    const { router } = setup({ 'log:recent': recent });
    await router.invoke('log:recent', [{ limit: 10 }]);
    expect(recent).toHaveBeenCalledWith({ limit: 10 });
  });

  it.each([
    ['a name outside the contract', 'shell:exec'],
    ['a non-string channel', 42],
    ['an inherited property name', 'constructor'],
  ])('refuses %s as unknown-channel', async (_label, channel) => {
    const { router } = setup();
    const result = await router.invoke(channel, []);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('unknown-channel');
      expect(result.error).toEqual({ kind: 'unknown-channel', message: expect.any(String), hint: expect.any(String) });
    }
  });

  it.each([
    ['arguments that are not a list', { limit: 1 }],
    ['a missing argument', []],
    ['a wrong type', [{ limit: 'ten' }]],
    ['an out-of-range value', [{ limit: 0 }]],
    ['an extra argument', [{ limit: 1 }, 'more']],
  ])('refuses %s with invalid-payload before the handler runs', async (_label, args) => {
    const recent = vi.fn(() => []);
    const { router } = setup({ 'log:recent': recent });
    const result = await router.invoke('log:recent', args);
    expect(recent).not.toHaveBeenCalled();
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-payload' } });
    if (!result.ok) expect(result.error.message).toMatch(/^The request log:recent was rejected: .+\.$/);
  });

  it('names each offending field, in the message and one by one for a form to show beside each field', async () => {
    const { router } = setup();
    const result = await router.invoke('profiles:save', [
      { name: '', route: { kind: 'ssh', target: '', remotePort: 70000 } },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('name: The profile name is empty.');
    expect(result.error.fields).toEqual([
      { path: 'name', message: 'The profile name is empty.' },
      { path: 'route.target', message: 'The SSH target is empty.' },
      { path: 'route.remotePort', message: 'The remote Gateway port must be a whole number from 1 to 65535.' },
    ]);
  });

  it('returns an AppFailure thrown by a handler as its own error', async () => {
    const expected = appError('auth-failed', 'The server refused the key.', 'Add the key to authorized_keys.');
    const { router } = setup({
      'app:info': () => {
        throw new AppFailure(expected);
      },
    });
    await expect(router.invoke('app:info', [])).resolves.toEqual({ ok: false, error: expected });
  });

  it('turns any other throw into an internal error and logs the cause', async () => {
    const { router, log } = setup({
      'app:info': async () => {
        throw new TypeError('boom at line 3');
      },
    });
    const result = await router.invoke('app:info', []);
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
    if (!result.ok) expect(result.error.message).not.toContain('boom');
    expect(log.recent(10).some((entry) => entry.message.includes('boom at line 3'))).toBe(true);
  });

  it('refuses a result that breaks the contract rather than passing it on', async () => {
    const { router } = setup({ 'app:info': () => ({ ...info, version: 7 }) as unknown as AppInfo });
    await expect(router.invoke('app:info', [])).resolves.toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('strips fields the contract does not declare, so nothing extra leaks to the window', async () => {
    const { router } = setup({ 'app:info': () => ({ ...info, token: 'secret' }) as AppInfo });
    const result = await router.invoke('app:info', []);
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && Object.keys(result.value as object)).not.toContain('token');
  });

  it('answers with a timeout error when a handler never settles', async () => {
    vi.useFakeTimers();
    const { router } = setup({ 'app:info': () => new Promise<AppInfo>(() => {}) }, 5_000);
    const pending = router.invoke('app:info', []);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });
});
