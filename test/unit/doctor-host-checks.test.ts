// What the doctor makes of the host's `openclaw gateway status --json` (the shape captured from openclaw 2026.9.6) for
// the cases the integration tests cannot set up on one machine: a Gateway bound beyond loopback, a port that differs
// from the profile's, a Gateway that does not run; and how a record of the Gateway's JSON log reads as one line.
import { describe, expect, it } from 'vitest';
import { gatewayServiceOutcome } from '../../electron/main/services/doctor/host-checks';
import { readableLogLine } from '../../electron/main/services/gateway/gateway-log';
import {
  hostGatewayStatusSchema,
  type HostGatewayStatus,
} from '../../electron/main/services/gateway/host-gateway-status';

/** The real CLI's answer for a Gateway started by hand on port 28555, trimmed to the parts read and a few beside. */
function status(changes: { gateway?: object; port?: object; service?: object } = {}): HostGatewayStatus {
  return hostGatewayStatusSchema.parse({
    cli: { version: '2026.9.6', entrypoint: '/usr/local/bin/openclaw' },
    logFile: '/tmp/openclaw/openclaw-2026-12-02.log',
    service: {
      label: 'no supported service manager detected',
      loaded: false,
      runtime: { status: 'unknown', inspectionReason: 'service-manager-unavailable' },
      ...changes.service,
    },
    gateway: {
      bindMode: 'loopback',
      bindHost: '127.0.0.1',
      port: 28555,
      portSource: 'env/config',
      probeUrl: 'ws://127.0.0.1:28555',
      ...changes.gateway,
    },
    port: {
      port: 28555,
      status: 'busy',
      listeners: [
        { pid: 1913, command: 'openclaw-gatewa', address: '127.0.0.1:28555', commandLine: 'openclaw-gateway' },
      ],
      hints: [],
      ...changes.port,
    },
  });
}

describe('the Gateway service step', () => {
  it('passes for a Gateway on the profile’s port bound to loopback, saying how it runs', () => {
    expect(gatewayServiceOutcome(status(), 28555, true)).toEqual({
      status: 'pass',
      detail:
        "The host's OpenClaw CLI 2026.9.6 says the Gateway runs outside a service manager (pid 1913: " +
        'openclaw-gateway), on port 28555, bound to loopback (127.0.0.1).',
    });
    const service = status({ service: { label: 'systemd', loaded: true, runtime: { status: 'running' } } });
    expect(gatewayServiceOutcome(service, 28555, true).detail).toContain('runs as the installed service systemd');
  });

  it('warns with the setting to change when the Gateway is bound beyond loopback', () => {
    const wide = gatewayServiceOutcome(status({ gateway: { bindMode: 'lan', bindHost: '0.0.0.0' } }), 28555, true);
    expect(wide).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('bound to 0.0.0.0 (gateway.bind "lan")'),
      fix: { command: 'openclaw config set gateway.bind loopback' },
    });
  });

  it('fails with the port to put in the profile when the host’s Gateway uses another one', () => {
    expect(gatewayServiceOutcome(status(), 18789, false)).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('port 28555 (from env/config)'),
      fix: { text: "Set the profile's remote port to 28555.", action: 'edit-profile' },
    });
    // A Gateway answering at the profile's port was started with another: the file will win at its next start.
    expect(gatewayServiceOutcome(status(), 18789, true)).toMatchObject({
      status: 'warn',
      fix: { command: 'openclaw config set gateway.port 18789' },
    });
  });

  it('fails with how to start it when nothing listens on the port', () => {
    expect(gatewayServiceOutcome(status({ port: { status: 'free', listeners: [] } }), 28555, false)).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('finds no Gateway running'),
      fix: { command: 'openclaw gateway run' },
    });
  });
});

describe('a Gateway log line', () => {
  it('reads a JSON record as time, level, source and message, and leaves other lines as they are', () => {
    const record = JSON.stringify({
      '0': '{"subsystem":"gateway"}',
      '1': 'loading configuration…',
      _meta: { logLevelName: 'INFO', name: '{"subsystem":"gateway"}' },
      time: '2026-12-02T00:31:44.144+00:00',
      message: 'loading configuration…',
    });
    expect(readableLogLine(record)).toBe('00:31:44 INFO gateway: loading configuration…');
    const named = JSON.stringify({
      '0': '{"module":"cron"}',
      time: '2026-12-02T00:32:08.765+00:00',
      message: 'cron: started',
    });
    expect(readableLogLine(named)).toBe('00:32:08 cron: started');
    expect(readableLogLine('plain text from an older Gateway')).toBe('plain text from an older Gateway');
  });
});
