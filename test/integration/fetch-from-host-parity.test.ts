// Fetch-from-host's reading of a config against the real Gateway's own functions, loaded from its installed dist:
// the same candidate files in the same order, the same port, the same auth mode and the same secret references.
// The dist's chunk names are hashed and its exports minified, so each function is found by its declared name.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/main/app-failure';
import { interpretGatewayConfig } from '../../electron/main/services/gateway/gateway-settings';
import { configCandidates } from '../../electron/main/services/gateway/host-openclaw-config';
import { gatewayInstallDir, gatewayMissing } from '../fixtures/gateway';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';

type Env = Record<string, string>;

interface GatewayFunctions {
  resolveDefaultConfigCandidates: (env: Env, homedir: () => string) => string[];
  resolveGatewayPort: (config: unknown, env: Env) => number;
  resolveGatewayAuth: (params: { authConfig: unknown; env: Env }) => { mode: string };
  coerceSecretRef: (value: unknown, defaults?: unknown) => { source: string; provider: string; id: string } | null;
}

/** The function exported from the dist chunk that declares it, under its minified export name. */
async function gatewayFunction(dist: string, files: string[], name: string): Promise<unknown> {
  for (const file of files) {
    const text = readFileSync(join(dist, file), 'utf8');
    if (!text.includes(`function ${name}(`)) continue;
    const alias = new RegExp(`\\b${name} as (\\w+)`).exec(text.slice(text.lastIndexOf('export {')))?.[1];
    if (alias) return ((await import(pathToFileURL(join(dist, file)).href)) as Record<string, unknown>)[alias];
  }
  throw new Error(`no chunk in ${dist} exports ${name}`);
}

describe.skipIf(!peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway))(
  'fetch from host agrees with the Gateway',
  () => {
    let gateway: GatewayFunctions;

    beforeAll(async () => {
      const dist = join(gatewayInstallDir(), 'node_modules', 'openclaw', 'dist');
      const files = readdirSync(dist).filter((file) => file.endsWith('.mjs'));
      const names = ['resolveDefaultConfigCandidates', 'resolveGatewayPort', 'resolveGatewayAuth', 'coerceSecretRef'];
      const loaded = await Promise.all(names.map((name) => gatewayFunction(dist, files, name)));
      gateway = Object.fromEntries(names.map((name, index) => [name, loaded[index]])) as unknown as GatewayFunctions;
    });

    const environments: Env[] = [
      { HOME: '/home/u' },
      { HOME: '/home/u', OPENCLAW_STATE_DIR: '/srv/state' },
      { HOME: '/home/u', OPENCLAW_STATE_DIR: '~/state' },
      { HOME: '/home/u', OPENCLAW_STATE_DIR: '  ' },
      { HOME: '/home/u', OPENCLAW_CONFIG_PATH: '~/conf/oc.json5', OPENCLAW_STATE_DIR: '/srv/state' },
      { HOME: '/home/u', OPENCLAW_HOME: '/opt/oc' },
      { HOME: '/home/u', OPENCLAW_HOME: '~/oc', OPENCLAW_STATE_DIR: '~/state' },
    ];

    it.each(environments)('looks for the config in the same files, in the same order: %o', (env) => {
      // The homedir callback is the OS account's home, which HOME and OPENCLAW_HOME take precedence over.
      expect(configCandidates(env)).toEqual(gateway.resolveDefaultConfigCandidates(env, () => '/not-used'));
    });

    const portCases: { config: { gateway?: Record<string, unknown> }; env: Env }[] = [
      { config: {}, env: {} },
      { config: { gateway: { port: 20001 } }, env: {} },
      { config: { gateway: { port: 20001 } }, env: { OPENCLAW_GATEWAY_PORT: '20002' } },
      { config: { gateway: { port: 20001 } }, env: { OPENCLAW_GATEWAY_PORT: '127.0.0.1:20003' } },
      { config: { gateway: { port: 20001 } }, env: { OPENCLAW_GATEWAY_PORT: '[::1]:20004' } },
      { config: { gateway: { port: 20001 } }, env: { OPENCLAW_GATEWAY_PORT: 'nonsense' } },
      { config: {}, env: { OPENCLAW_PROFILE: 'work' } },
      { config: {}, env: { OPENCLAW_PROFILE: 'Default' } },
      { config: {}, env: { OPENCLAW_PROFILE: 'bad name!' } },
    ];

    it.each(portCases)('picks the same port: %o', ({ config, env }) => {
      const settings = interpretGatewayConfig(
        { ...config, gateway: { ...config.gateway, auth: { mode: 'none' } } },
        { env, configPath: '/c', redact: () => {} },
      );
      expect(settings.port).toBe(gateway.resolveGatewayPort(config, env));
    });

    const authCases: Record<string, unknown>[] = [
      {},
      { token: 'tk' },
      { password: 'pw' },
      { mode: 'password', password: 'pw', token: 'tk' },
      { mode: 'none' },
      { token: { source: 'env', provider: 'default', id: 'GW_TOKEN' } },
    ];

    it.each(authCases)('picks the same auth mode: %o', (auth) => {
      let mode: string;
      try {
        mode = interpretGatewayConfig({ gateway: { auth } }, { env: {}, configPath: '/c', redact: () => {} }).authMode;
      } catch (error) {
        // A missing or referenced secret is explained, not returned; the mode it was about is in the kind.
        mode = /^gateway-(token|password)-/.exec((error as AppFailure).error.kind)?.[1] ?? 'error';
      }
      expect(mode).toBe(gateway.resolveGatewayAuth({ authConfig: auth, env: {} }).mode);
    });

    const refCases: { value: unknown; defaults?: Record<string, string> }[] = [
      { value: { source: 'env', provider: 'default', id: 'GW_TOKEN' } },
      { value: { source: 'exec', provider: 'vault', id: 'openclaw/gateway' } },
      { value: { source: 'file', id: '/gateway/token' }, defaults: { file: 'mainfile' } },
      { value: { source: 'store', id: 'GATEWAY_TOKEN' } },
      { value: '${GW_TOKEN}' },
      { value: '  $GW_TOKEN ' },
      { value: '${GW_TOKEN}', defaults: { env: 'shellenv' } },
    ];

    it.each(refCases)('names the same secret reference: %o', ({ value, defaults }) => {
      const ref = gateway.coerceSecretRef(value, defaults);
      if (!ref) throw new Error('the Gateway does not take this as a reference');
      let message = '';
      try {
        interpretGatewayConfig(
          { gateway: { auth: { token: value } }, secrets: { defaults } },
          { env: {}, configPath: '/c', redact: () => {} },
        );
      } catch (error) {
        message = (error as AppFailure).error.message;
      }
      expect(message).toContain(`(${ref.source}:${ref.provider}:${ref.id})`);
    });

    it.each(['plain-token', 'with ${lowercase} text', 'a$${ESCAPED}b'])(
      'takes %o as a plain token, as the Gateway does',
      (value) => {
        expect(gateway.coerceSecretRef(value)).toBeNull();
        const settings = interpretGatewayConfig(token(value), { env: {}, configPath: '/c', redact: () => {} });
        expect(settings.token).toBeDefined();
      },
    );
  },
);

function token(value: string) {
  return { gateway: { auth: { token: value } } };
}
