// The app's core for the security suite, composed as the browser host and the CLI compose it (createMainServices over
// plainNodeRuntime), in a HOME and data directory of its own, with the fake Tailscale CLI recording every call, and a
// snapshot of the data directory's bytes to prove that a refused request changed nothing saved.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { plainNodeRuntime } from '../../electron/main/host/plain-node-runtime';
import { createMainServices, type MainServices } from '../../electron/main/main-services';
import { FAKE_TAILSCALE, fakeStateDir } from '../fixtures/fake-tailscale';
import { testSystem } from '../fixtures/system';
import { makeTempDir } from '../fixtures/temp-dir';

export interface SecurityCore {
  services: MainServices;
  home: string;
  dataDir: string;
  /** Where the fake `tailscale` records each call's argv (argv.jsonl). */
  tailscaleState: string;
}

export async function openSecurityCore(): Promise<SecurityCore> {
  const home = makeTempDir('security-home-');
  const dataDir = join(home, 'data');
  const tailscaleState = fakeStateDir();
  // Only what the core needs: no OPENCLAW_* or SSH_AUTH_SOCK from the developer's shell.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    FAKE_TAILSCALE_SCENARIO: 'running',
    FAKE_TAILSCALE_STATE_DIR: tailscaleState,
  };
  const system = testSystem({ os: { homedir: () => home } });
  const services = createMainServices({
    appInfo: {
      name: 'OpenClaw Remote',
      version: '0.0.0-security',
      host: 'browser',
      versions: { node: process.versions.node },
      platform: process.platform,
      arch: process.arch,
      dataDir,
    },
    ...(await plainNodeRuntime(system, dataDir, env, home)),
    tailscaleCliPath: FAKE_TAILSCALE,
  });
  return { services, home, dataDir, tailscaleState };
}

/** Every file under `dir` with its bytes (as base64), so two snapshots compare with toEqual. */
export function snapshotFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) files[name] = readFileSync(path).toString('base64');
  }
  return files;
}
