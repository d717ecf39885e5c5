// What a port's answer means and the errors it turns into: every reason gets a kind, a sentence naming the port and
// host, and a next step (URLs without a port, with wss:// and with IPv6 hosts named as a person would write them), and
// the errors Node and ws report for a failed handshake are read as the reason they stand for.
import { describe, expect, it } from 'vitest';
import {
  explainHandshakeFailure,
  notAGatewayError,
  silence,
  type NotGateway,
  type NotGatewayReason,
} from '../../electron/main/services/gateway/probe';
import { testSystem } from '../fixtures/system';

const failed = (reason: NotGatewayReason, detail = 'detail'): NotGateway => ({ gateway: false, reason, detail });

describe('notAGatewayError', () => {
  it.each<[NotGatewayReason, string]>([
    ['ssh', 'not-a-gateway'],
    ['not-websocket', 'not-a-gateway'],
    ['garbage', 'not-a-gateway'],
    ['other-websocket', 'not-a-gateway'],
    ['silent-websocket', 'not-a-gateway'],
    ['closed', 'gateway-connection-dropped'],
    ['tls', 'gateway-tls-failed'],
    ['refused', 'gateway-not-running'],
    ['timeout', 'gateway-no-answer'],
    ['unknown-host', 'gateway-host-unknown'],
    ['unreachable', 'gateway-unreachable'],
  ])('%s becomes %s, with a next step', (reason, kind) => {
    const error = notAGatewayError('ws://studio.local:2222', failed(reason));
    expect(error.kind).toBe(kind);
    const hostOnly = reason === 'unreachable' || reason === 'unknown-host';
    expect(error.message).toContain(hostOnly ? 'studio.local' : 'port 2222 of studio.local');
    expect(error.hint).toBeTruthy();
  });

  it('tells someone who pointed the app at the SSH port where the Gateway is', () => {
    const error = notAGatewayError('ws://127.0.0.1:22', failed('ssh', 'SSH-2.0-OpenSSH_9.6'));
    expect(error.message).toBe(
      'An SSH server answers on port 22 of 127.0.0.1 (SSH-2.0-OpenSSH_9.6), not an OpenClaw Gateway.',
    );
    expect(error.hint).toContain('SSH port');
    expect(error.hint).toContain('18789');
    expect(error.hint).toContain('Fetch from host');
  });

  it('says how to start the Gateway when nothing listens, and what that means at a tunnel', () => {
    const error = notAGatewayError('ws://127.0.0.1:18789', failed('refused'));
    expect(error.hint).toContain('openclaw gateway start');
    expect(error.hint).toContain('SSH tunnel');
  });

  it('sends someone whose tunnel hangs up to start the Gateway on the host', () => {
    expect(notAGatewayError('ws://127.0.0.1:18789', failed('closed')).hint).toContain(
      'nothing listens on the host at the port the tunnel forwards to: start the Gateway there',
    );
  });

  it('names the default port of a URL without one, and an IPv6 host without brackets', () => {
    expect(notAGatewayError('wss://gw.example.ts.net', failed('refused')).message).toContain(
      'port 443 of gw.example.ts.net',
    );
    expect(notAGatewayError('ws://[::1]:18789', failed('refused')).message).toContain('port 18789 of ::1');
  });
});

describe('silence', () => {
  it('tells a port that never answered from a WebSocket that never sent its challenge', () => {
    expect(silence(false, 10_000)).toEqual(failed('timeout', 'no answer within 10 s'));
    expect(silence(true, 1_500)).toEqual(
      failed('silent-websocket', 'it opened a WebSocket but sent nothing within 1.5 s'),
    );
  });
});

describe('explainHandshakeFailure', () => {
  const url = 'ws://127.0.0.1:18789';

  function errno(code: string, message = code, rawPacket?: string) {
    return Object.assign(new Error(message), { code, rawPacket: rawPacket ? Buffer.from(rawPacket) : undefined });
  }

  /** No time to look at the port again: only the error speaks. */
  const explain = (error: Error, target = url) => explainHandshakeFailure(target, error, 0, testSystem().clock);

  it.each<[string, string, NotGatewayReason]>([
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:18789', 'refused'],
    ['ECONNRESET', 'socket hang up', 'closed'],
    ['EPIPE', 'write EPIPE', 'closed'],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND studio.local', 'unknown-host'],
    ['EAI_AGAIN', 'getaddrinfo EAI_AGAIN studio.local', 'unknown-host'],
    ['EHOSTUNREACH', 'connect EHOSTUNREACH 10.0.0.5:18789', 'unreachable'],
    ['ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.5:18789', 'unreachable'],
    ['HPE_INVALID_CONSTANT', 'Parse Error: Expected HTTP/', 'garbage'],
    ['', 'Invalid Sec-WebSocket-Accept header', 'other-websocket'],
  ])('reads %s (%s) as %s', async (code, message, reason) => {
    await expect(explain(errno(code, message))).resolves.toMatchObject({ gateway: false, reason });
  });

  it('reads the bytes the HTTP parser could not: an SSH banner, a malformed HTTP answer, anything else', async () => {
    await expect(explain(errno('HPE_INVALID_CONSTANT', 'Parse Error', 'SSH-2.0-OpenSSH_9.6\r\n'))).resolves.toEqual(
      failed('ssh', 'SSH-2.0-OpenSSH_9.6'),
    );
    await expect(
      explain(errno('HPE_INVALID_HEADER_TOKEN', 'Parse Error', 'HTTP/1.1 200 OK\r\nx\r\n')),
    ).resolves.toMatchObject({ reason: 'not-websocket' });
    await expect(explain(errno('HPE_INVALID_CONSTANT', 'Parse Error', '\u0000\u0001'))).resolves.toEqual(
      failed('garbage', 'it sent 00 01'),
    );
  });

  it('puts a wss:// failure that is not the network’s down to TLS', async () => {
    const secure = 'wss://127.0.0.1:18789';
    for (const code of ['ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO', 'DEPTH_ZERO_SELF_SIGNED_CERT']) {
      await expect(explain(errno(code, `${code} failure`), secure)).resolves.toMatchObject({ reason: 'tls' });
    }
    await expect(explain(errno('ECONNREFUSED'), secure)).resolves.toMatchObject({ reason: 'refused' });
    await expect(explain(errno('EHOSTUNREACH'), secure)).resolves.toMatchObject({ reason: 'unreachable' });
  });
});
