// The plain-Node runtime (the CLI's, the browser host's, and every in-process test core's) resolves SSH in the home it
// is given: a core built for another home must never read this user's ~/.ssh/config or write their known_hosts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainNodeRuntime } from '../../electron/main/host/plain-node-runtime';
import { testSystem } from '../fixtures/system';
import { makeTempDir } from '../fixtures/temp-dir';

describe('plain-Node runtime', () => {
  it('resolves SSH config and known_hosts in the home it is given, not the home the OS reports', async () => {
    const home = makeTempDir('runtime-home-');
    const runtime = await plainNodeRuntime(testSystem(), join(home, 'data'), { PATH: process.env.PATH }, home);
    expect(runtime.sshConfig.home).toBe(home);
  });
});
