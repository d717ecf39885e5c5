// OPENCLAW_REMOTE_HOME moves all data; otherwise the platform's usual folder.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../electron/main/services/app/data-dir';

describe('data directory', () => {
  it('follows OPENCLAW_REMOTE_HOME over everything else, made absolute', () => {
    const dir = resolveDataDir({
      env: { OPENCLAW_REMOTE_HOME: 'relative/data' },
      platform: 'darwin',
      homeDir: '/Users/ann',
      runtimeDefault: '/Users/ann/Library/Application Support/OpenClaw Remote',
    });
    expect(dir).toBe(path.resolve('relative/data'));
  });

  it('uses the runtime default (Electron userData) when no override is set', () => {
    expect(resolveDataDir({ env: {}, platform: 'darwin', homeDir: '/Users/ann', runtimeDefault: '/x' })).toBe('/x');
  });

  it('ignores a blank override', () => {
    expect(resolveDataDir({ env: { OPENCLAW_REMOTE_HOME: '  ' }, platform: 'linux', homeDir: '/home/ann' })).toBe(
      '/home/ann/.config/OpenClaw Remote',
    );
  });

  it('uses Application Support on macOS and XDG_CONFIG_HOME on Linux', () => {
    expect(resolveDataDir({ env: {}, platform: 'darwin', homeDir: '/Users/ann' })).toBe(
      '/Users/ann/Library/Application Support/OpenClaw Remote',
    );
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/cfg' }, platform: 'linux', homeDir: '/home/ann' })).toBe(
      '/cfg/OpenClaw Remote',
    );
  });
});
