// What fetch-from-host makes of a host: where it looks for the config, and what a parsed config means (port and
// auth-mode defaults, secret references in their shapes, placeholders), on plain objects and an injected host.
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/main/app-failure';
import { readGatewaySettings } from '../../electron/main/services/gateway/fetch-from-host';
import { interpretGatewayConfig } from '../../electron/main/services/gateway/gateway-settings';
import type { HostAccess, HostEnvironment } from '../../electron/main/services/gateway/host-access';
import { configCandidates } from '../../electron/main/services/gateway/host-openclaw-config';
import { appError, type AppError } from '../../electron/shared/errors';
import { failureOf } from '../fixtures/failure-of';

const configPath = '/home/u/.openclaw/openclaw.json';

function interpret(config: unknown, env: HostEnvironment = {}) {
  const secrets: string[] = [];
  const settings = interpretGatewayConfig(config, { env, configPath, redact: (secret) => secrets.push(secret) });
  return { settings, secrets };
}

function interpretError(config: unknown, env: HostEnvironment = {}): AppError {
  try {
    interpret(config, env);
  } catch (error) {
    if (error instanceof AppFailure) return error.error;
    throw error;
  }
  throw new Error('expected an AppFailure');
}

const token = (value: unknown) => ({ gateway: { auth: { token: value } } });

describe('configCandidates', () => {
  it('looks in ~/.openclaw, then the legacy ~/.clawdbot, each with the legacy file name after openclaw.json', () => {
    expect(configCandidates({ HOME: '/home/u' })).toEqual([
      '/home/u/.openclaw/openclaw.json',
      '/home/u/.openclaw/clawdbot.json',
      '/home/u/.clawdbot/openclaw.json',
      '/home/u/.clawdbot/clawdbot.json',
    ]);
  });

  it('looks in $OPENCLAW_STATE_DIR first, with ~ expanded', () => {
    expect(configCandidates({ HOME: '/home/u', OPENCLAW_STATE_DIR: '~/state' }).slice(0, 3)).toEqual([
      '/home/u/state/openclaw.json',
      '/home/u/state/clawdbot.json',
      '/home/u/.openclaw/openclaw.json',
    ]);
  });

  it('takes OPENCLAW_CONFIG_PATH alone', () => {
    expect(
      configCandidates({ HOME: '/home/u', OPENCLAW_CONFIG_PATH: '/etc/oc.json5', OPENCLAW_STATE_DIR: '/s' }),
    ).toEqual(['/etc/oc.json5']);
  });

  it('uses OPENCLAW_HOME as the home, itself relative to HOME when it starts with ~', () => {
    expect(configCandidates({ HOME: '/home/u', OPENCLAW_HOME: '/srv/oc' })[0]).toBe('/srv/oc/.openclaw/openclaw.json');
    expect(configCandidates({ HOME: '/home/u', OPENCLAW_HOME: '~/oc' })[0]).toBe('/home/u/oc/.openclaw/openclaw.json');
  });

  it('resolves a relative path against the home, where an SSH session starts', () => {
    expect(configCandidates({ HOME: '/home/u', OPENCLAW_STATE_DIR: 'state' })[0]).toBe('/home/u/state/openclaw.json');
  });

  it('ignores blank values, as the Gateway does', () => {
    expect(configCandidates({ HOME: '/home/u', OPENCLAW_STATE_DIR: '  ', OPENCLAW_CONFIG_PATH: '' })).toHaveLength(4);
  });

  it('leaves ~ for SFTP to resolve when the home is unknown', () => {
    expect(configCandidates({})[0]).toBe('~/.openclaw/openclaw.json');
    expect(configCandidates({ OPENCLAW_STATE_DIR: '~/s' })[0]).toBe('~/s/openclaw.json');
  });
});

describe('interpretGatewayConfig: port', () => {
  const withToken = (gateway: Record<string, unknown>) => ({ gateway: { ...gateway, auth: { token: 't0ken' } } });

  it('defaults to 18789', () => {
    expect(interpret(withToken({})).settings.port).toBe(18789);
  });

  it('takes gateway.port', () => {
    expect(interpret(withToken({ port: 20000 })).settings.port).toBe(20000);
  });

  it('lets OPENCLAW_GATEWAY_PORT win, in any form the Gateway accepts, and ignores one it would ignore', () => {
    const port = (value: string) =>
      interpret(withToken({ port: 20000 }), { OPENCLAW_GATEWAY_PORT: value }).settings.port;
    expect(port('21000')).toBe(21000);
    expect(port('0.0.0.0:21001')).toBe(21001);
    expect(port('[::1]:21002')).toBe(21002);
    expect(port('not-a-port')).toBe(20000);
    expect(port('70000')).toBe(20000);
  });

  it('derives a port from a named profile when none is configured', () => {
    const port = interpret(withToken({}), { OPENCLAW_PROFILE: 'work' }).settings.port;
    expect(port).toBeGreaterThanOrEqual(20000);
    expect(port).toBeLessThan(60000);
    expect(port).not.toBe(interpret(withToken({}), { OPENCLAW_PROFILE: 'play' }).settings.port);
    expect(interpret(withToken({}), { OPENCLAW_PROFILE: 'default' }).settings.port).toBe(18789);
    expect(interpret(withToken({ port: 20000 }), { OPENCLAW_PROFILE: 'work' }).settings.port).toBe(20000);
  });

  it('rejects a port that is not one', () => {
    for (const port of ['18789', 0, 65536, 1.5]) {
      const error = interpretError(withToken({ port }));
      expect(error.kind).toBe('openclaw-config-invalid');
      expect(error.message).toContain('gateway.port');
    }
  });
});

describe('interpretGatewayConfig: auth mode', () => {
  it('is token by default and returns the token, after handing it to redact', () => {
    expect(interpret(token('  abc-123  '))).toEqual({
      settings: { port: 18789, authMode: 'token', token: 'abc-123', configPath },
      secrets: ['abc-123'],
    });
  });

  it('is password when only a password is set, and returns the password, which the Gateway accepts as a token', () => {
    expect(interpret({ gateway: { auth: { password: 'pw' } } }).settings).toMatchObject({
      authMode: 'password',
      token: 'pw',
    });
  });

  it('takes an explicit mode over the defaulting', () => {
    const config = { gateway: { auth: { mode: 'token', token: 'tk', password: 'pw' } } };
    expect(interpret(config).settings).toMatchObject({ authMode: 'token', token: 'tk' });
  });

  it('refuses a token and a password without a mode, as the Gateway does', () => {
    expect(interpretError({ gateway: { auth: { token: 'tk', password: 'pw' } } }).kind).toBe('gateway-auth-ambiguous');
  });

  it('needs no secret in mode none', () => {
    expect(interpret({ gateway: { auth: { mode: 'none' } } })).toEqual({
      settings: { port: 18789, authMode: 'none', configPath },
      secrets: [],
    });
  });

  it('explains trusted-proxy mode', () => {
    const error = interpretError({ gateway: { auth: { mode: 'trusted-proxy', trustedProxy: { userHeader: 'x' } } } });
    expect(error.kind).toBe('gateway-auth-trusted-proxy');
    expect(error.hint).toContain('gateway.auth.mode token');
  });

  it('rejects an unknown mode', () => {
    expect(interpretError({ gateway: { auth: { mode: 'magic' } } }).kind).toBe('openclaw-config-invalid');
  });

  it('says when the host is itself a client of another Gateway', () => {
    expect(interpretError({ gateway: { mode: 'remote', auth: { token: 't' } } }).kind).toBe(
      'openclaw-config-remote-mode',
    );
  });
});

describe('interpretGatewayConfig: the token', () => {
  it.each([
    ['canonical', { source: 'env', provider: 'default', id: 'GW_TOKEN' }, {}, 'env:default:GW_TOKEN'],
    ['file', { source: 'file', provider: 'vault', id: '/gateway/token' }, {}, 'file:vault:/gateway/token'],
    ['exec', { source: 'exec', provider: 'op', id: 'openclaw/token' }, {}, 'exec:op:openclaw/token'],
    ['store', { source: 'store', provider: 'default', id: 'GATEWAY_TOKEN' }, {}, 'store:default:GATEWAY_TOKEN'],
    ['without provider', { source: 'file', id: '/t' }, { file: 'mine' }, 'file:mine:/t'],
    ['${NAME} text', '${GW_TOKEN}', {}, 'env:default:GW_TOKEN'],
    ['$NAME text', '$GW_TOKEN', { env: 'shell' }, 'env:shell:GW_TOKEN'],
  ])('names a secret reference (%s) as the Gateway does', (_shape, value, defaults, label) => {
    const config = { ...token(value), secrets: { defaults } };
    const secrets: string[] = [];
    let error: AppError | undefined;
    try {
      interpretGatewayConfig(config, { env: {}, configPath, redact: (secret) => secrets.push(secret) });
    } catch (failure) {
      error = (failure as AppFailure).error;
    }
    expect(error?.kind).toBe('gateway-token-secret-ref');
    expect(error?.message).toContain(`(${label})`);
    expect(error?.hint).toContain('openclaw gateway auth-token --show');
    expect(secrets).toEqual([]);
  });

  it('explains a token built from environment variables', () => {
    const error = interpretError(token('prefix-${PART_ONE}-${PART_TWO}'));
    expect(error.kind).toBe('gateway-token-secret-ref');
    expect(error.message).toContain('PART_ONE, PART_TWO');
  });

  it('turns an escaped $${NAME} into the literal ${NAME}, as the Gateway does', () => {
    expect(interpret(token('a$${NOT_A_VAR}b')).settings.token).toBe('a${NOT_A_VAR}b');
  });

  it('says so when the token is missing or blank', () => {
    for (const config of [{}, { gateway: {} }, token(''), token('   '), token(null)]) {
      const error = interpretError(config);
      expect(error.kind).toBe('gateway-token-missing');
      expect(error.message).toContain('OPENCLAW_GATEWAY_TOKEN');
      expect(error.hint).toContain('openclaw doctor --fix --generate-gateway-token');
    }
  });

  it('refuses placeholders the Gateway refuses', () => {
    for (const value of ['undefined', ' null ', '__OPENCLAW_REDACTED__', 'change-me-now']) {
      expect(interpretError(token(value)).kind).toBe('gateway-token-invalid');
    }
    const placeholder = { gateway: { auth: { mode: 'password', password: 'change-me-to-a-strong-password' } } };
    expect(interpretError(placeholder).kind).toBe('gateway-password-invalid');
  });

  it('rejects an object that is not a reference, and a number, without showing the number', () => {
    expect(interpretError(token({ source: 'env', provider: 'default', id: 'X', extra: 1 })).kind).toBe(
      'openclaw-config-invalid',
    );
    const error = interpretError(token(987654321));
    expect(error.kind).toBe('openclaw-config-invalid');
    expect(error.message).not.toContain('987654321');
  });

  it('explains a password that is a reference or missing, in password mode', () => {
    const ref = { gateway: { auth: { mode: 'password', password: { source: 'env', provider: 'default', id: 'PW' } } } };
    expect(interpretError(ref).kind).toBe('gateway-password-secret-ref');
    expect(interpretError({ gateway: { auth: { mode: 'password' } } }).kind).toBe('gateway-password-missing');
  });

  it('rejects a config that is not an object', () => {
    expect(interpretError([]).kind).toBe('openclaw-config-invalid');
    expect(interpretError({ gateway: 'x' }).kind).toBe('openclaw-config-invalid');
  });
});

/** A host made of a map of files; `environment: undefined` is a host whose login environment could not be read. */
function fakeHost(files: Record<string, string | AppError>, environment?: HostEnvironment): HostAccess {
  return {
    environment: () => Promise.resolve(environment),
    readFile: (path) => {
      const file = files[path];
      if (file === undefined) return Promise.resolve(undefined);
      if (typeof file !== 'string') return Promise.reject(new AppFailure(file));
      return Promise.resolve(Buffer.from(file));
    },
  };
}

describe('readGatewaySettings', () => {
  it('falls back to ~/ for SFTP without the login environment, and says so when nothing is there', async () => {
    const host = fakeHost({ '~/.openclaw/openclaw.json': '{ gateway: { auth: { token: "t" } } }' });
    expect(await readGatewaySettings(host, () => {})).toMatchObject({
      token: 't',
      configPath: '~/.openclaw/openclaw.json',
    });
    const error = await failureOf(readGatewaySettings(fakeHost({}), () => {}));
    expect(error.kind).toBe('openclaw-config-missing');
    expect(error.message).toContain('could not read your login environment');
  });

  it('takes the first file that exists, legacy names included', async () => {
    const host = fakeHost(
      {
        '/s/clawdbot.json': '{ gateway: { auth: { token: "legacy" } } }',
        '/h/.openclaw/openclaw.json': '{ gateway: { auth: { token: "later" } } }',
      },
      { HOME: '/h', OPENCLAW_STATE_DIR: '/s' },
    );
    expect(await readGatewaySettings(host, () => {})).toMatchObject({
      token: 'legacy',
      configPath: '/s/clawdbot.json',
    });
  });

  it('turns a file it may not read into openclaw-config-unreadable', async () => {
    const denied = appError('remote-permission-denied', 'denied');
    const error = await failureOf(
      readGatewaySettings(fakeHost({ '/h/.openclaw/openclaw.json': denied }, { HOME: '/h' }), () => {}),
    );
    expect(error.kind).toBe('openclaw-config-unreadable');
    expect(error.message).toContain('/h/.openclaw/openclaw.json');
  });

  it('passes a lost connection on as it is', async () => {
    const lost = appError('connection-lost', 'gone');
    const error = await failureOf(
      readGatewaySettings(fakeHost({ '/h/.openclaw/openclaw.json': lost }, { HOME: '/h' }), () => {}),
    );
    expect(error.kind).toBe('connection-lost');
  });

  it('follows only the includes on the way to the Gateway settings', async () => {
    const host = fakeHost(
      {
        '/h/.openclaw/openclaw.json': '{ $include: "./base.json5", agents: { $include: "./missing.json5" } }',
        '/h/.openclaw/base.json5': '{ gateway: { port: 19000, auth: { token: "from-base" } } }',
      },
      { HOME: '/h' },
    );
    expect(await readGatewaySettings(host, () => {})).toMatchObject({ port: 19000, token: 'from-base' });
  });

  it('reports a missing, looping or too deep include as an invalid config', async () => {
    const missing = fakeHost(
      { '/h/.openclaw/openclaw.json': '{ gateway: { $include: "gone.json5" } }' },
      { HOME: '/h' },
    );
    expect((await failureOf(readGatewaySettings(missing, () => {}))).message).toContain('/h/.openclaw/gone.json5');
    const loop = fakeHost(
      {
        '/h/.openclaw/openclaw.json': '{ gateway: { $include: "a.json5" } }',
        '/h/.openclaw/a.json5': '{ $include: "openclaw.json" }',
      },
      { HOME: '/h' },
    );
    expect((await failureOf(readGatewaySettings(loop, () => {}))).message).toContain('loops back');
    const chain = Object.fromEntries(
      Array.from({ length: 12 }, (_, index) => [`/h/.openclaw/${index}.json5`, `{ $include: "${index + 1}.json5" }`]),
    );
    const deep = fakeHost({ ...chain, '/h/.openclaw/openclaw.json': '{ $include: "0.json5" }' }, { HOME: '/h' });
    expect((await failureOf(readGatewaySettings(deep, () => {}))).message).toContain('10 levels');
  });
});
