// The errors a failed Gateway probe turns into: every reason gets a kind, a sentence naming the port and host, and
// a next step; URLs without a port, with wss:// and with IPv6 hosts are named as a person would write them.
import { describe, expect, it } from 'vitest';
import { notAGatewayError, type NotGateway, type NotGatewayReason } from '../../electron/main/services/gateway/probe';

const failed = (reason: NotGatewayReason, detail = 'detail'): NotGateway => ({ gateway: false, reason, detail });

describe('notAGatewayError', () => {
  it.each<[NotGatewayReason, string]>([
    ['ssh', 'not-a-gateway'],
    ['not-websocket', 'not-a-gateway'],
    ['garbage', 'not-a-gateway'],
    ['other-websocket', 'not-a-gateway'],
    ['closed', 'gateway-closed'],
    ['tls', 'gateway-tls-failed'],
    ['refused', 'gateway-refused'],
    ['timeout', 'gateway-timeout'],
    ['unreachable', 'gateway-unreachable'],
  ])('%s becomes %s, with a next step', (reason, kind) => {
    const error = notAGatewayError('ws://studio.local:2222', failed(reason));
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(reason === 'unreachable' ? 'studio.local' : 'port 2222 of studio.local');
    expect(error.hint).toBeTruthy();
  });

  it('tells someone who pointed the app at the SSH port where the Gateway is', () => {
    const error = notAGatewayError('ws://127.0.0.1:22', failed('ssh', 'SSH-2.0-OpenSSH_9.6'));
    expect(error.message).toBe(
      'An SSH server answers on port 22 of 127.0.0.1 (SSH-2.0-OpenSSH_9.6), not an OpenClaw Gateway.',
    );
    expect(error.hint).toContain('SSH port');
    expect(error.hint).toContain('18789');
  });

  it('names the default port of a URL without one, and an IPv6 host without brackets', () => {
    expect(notAGatewayError('wss://gw.example.ts.net', failed('refused')).message).toContain(
      'port 443 of gw.example.ts.net',
    );
    expect(notAGatewayError('ws://[::1]:18789', failed('refused')).message).toContain('port 18789 of ::1');
  });
});
