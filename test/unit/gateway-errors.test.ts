// The error table: every Gateway failure becomes a kind, a sentence and a next step, with the right decision on
// whether the client keeps trying by itself; shapes are the ones the real Gateway sends, and a failed handshake
// carries the probe's words.
import { describe, expect, it } from 'vitest';
import {
  closedBeforeHello,
  connectionLost,
  connectRejected,
  frameRejected,
  httpInsteadOfWebSocket,
  methodFailed,
  notReached,
  PAIRING_RETRY_MAX_MS,
} from '../../electron/main/services/gateway/gateway-errors';
import { notAGatewayError, type NotGateway, type NotGatewayReason } from '../../electron/main/services/gateway/probe';

function rejected(detailCode: string, extra: Record<string, unknown> = {}) {
  return connectRejected({
    code: 'INVALID_REQUEST',
    message: `failure ${detailCode}`,
    details: { code: detailCode },
    ...extra,
  });
}

describe('connectRejected', () => {
  it.each([
    ['AUTH_TOKEN_MISMATCH', 'gateway-token-mismatch', false],
    ['AUTH_TOKEN_MISSING', 'gateway-token-missing', false],
    ['AUTH_TOKEN_NOT_CONFIGURED', 'gateway-token-not-configured', false],
    ['AUTH_PASSWORD_MISSING', 'gateway-password-auth', false],
    ['AUTH_PASSWORD_MISMATCH', 'gateway-password-auth', false],
    ['AUTH_DEVICE_TOKEN_MISMATCH', 'gateway-device-token-rejected', false],
    ['AUTH_SCOPE_MISMATCH', 'gateway-scope-mismatch', false],
    ['AUTH_TAILSCALE_IDENTITY_MISSING', 'gateway-auth-rejected', false],
    ['AUTH_UNAUTHORIZED', 'gateway-auth-rejected', false],
    ['AUTH_RATE_LIMITED', 'gateway-rate-limited', true],
    ['PAIRING_REQUIRED', 'gateway-pairing-required', true],
    ['DEVICE_AUTH_SIGNATURE_EXPIRED', 'gateway-device-proof-stale', true],
    ['DEVICE_AUTH_NONCE_MISMATCH', 'gateway-device-proof-stale', true],
    ['DEVICE_AUTH_SIGNATURE_INVALID', 'gateway-device-identity-rejected', false],
    ['DEVICE_AUTH_DEVICE_ID_MISMATCH', 'gateway-device-identity-rejected', false],
    ['DEVICE_IDENTITY_REQUIRED', 'gateway-device-identity-rejected', false],
    ['PROTOCOL_MISMATCH', 'gateway-protocol-mismatch', false],
    ['CLIENT_VERSION_MISMATCH', 'gateway-protocol-mismatch', false],
    ['CONTROL_UI_ORIGIN_NOT_ALLOWED', 'gateway-origin-rejected', false],
    ['SOMETHING_FROM_A_LATER_RELEASE', 'gateway-connect-rejected', true],
  ])('maps %s to %s (retry: %s), with a next step', (code, kind, retry) => {
    const failure = rejected(code);
    expect(failure).toMatchObject({ code, retry, error: { kind } });
    expect(failure.error.message).toMatch(/\.$/);
    expect(failure.error.hint).toEqual(expect.any(String));
  });

  it('says where the right token lives for the token errors, as the real Gateway reports them', () => {
    const failure = connectRejected({
      code: 'INVALID_REQUEST',
      message: 'unauthorized: gateway token mismatch (provide gateway auth token)',
      details: {
        code: 'AUTH_TOKEN_MISMATCH',
        authReason: 'token_mismatch',
        canRetryWithDeviceToken: true,
        recommendedNextStep: 'retry_with_device_token',
      },
    });
    for (const words of [
      '~/.openclaw/openclaw.json',
      '$OPENCLAW_STATE_DIR/openclaw.json',
      'gateway.auth.token',
      'Fetch from host',
    ]) {
      expect(failure.error.hint).toContain(words);
    }
    expect(rejected('AUTH_TOKEN_MISSING').error.hint).toContain('gateway.auth.token');
  });

  it('carries the pairing request id and the approval command', () => {
    const failure = connectRejected({
      code: 'NOT_PAIRED',
      message: 'pairing required: device is not approved yet',
      details: { code: 'PAIRING_REQUIRED', reason: 'not-paired', requestId: '065f2258-1623', deviceId: 'abc' },
    });
    expect(failure).toMatchObject({
      retry: true,
      // Retried every few seconds while the approval is pending, so the app follows it at once.
      maxDelayMs: PAIRING_RETRY_MAX_MS,
      error: { kind: 'gateway-pairing-required', requestId: '065f2258-1623' },
    });
    expect(PAIRING_RETRY_MAX_MS).toBeLessThanOrEqual(5_000);
    expect(failure.error.message).toContain('065f2258-1623');
    expect(failure.error.hint).toContain('openclaw devices approve 065f2258-1623');
  });

  it('words a scope upgrade differently from a first pairing', () => {
    const upgrade = connectRejected({
      code: 'NOT_PAIRED',
      message: 'pairing required',
      details: { code: 'PAIRING_REQUIRED', reason: 'scope-upgrade', requestId: 'r2' },
    });
    expect(upgrade.error.message).toContain('access');
  });

  it('waits for retryAfterMs when rate-limited or starting', () => {
    expect(rejected('AUTH_RATE_LIMITED', { retryAfterMs: 60_000 })).toMatchObject({
      retry: true,
      retryAfterMs: 60_000,
    });
    expect(
      connectRejected({
        code: 'UNAVAILABLE',
        message: 'gateway starting; retry shortly',
        retryAfterMs: 500,
        details: { reason: 'startup-sidecars' },
      }),
    ).toMatchObject({ retry: true, retryAfterMs: 500, error: { kind: 'gateway-starting' } });
  });

  it('names the protocol the Gateway expects', () => {
    const failure = rejected('PROTOCOL_MISMATCH', { details: { code: 'PROTOCOL_MISMATCH', expectedProtocol: 5 } });
    expect(failure.error.message).toContain('protocol 5');
  });
});

describe('closedBeforeHello', () => {
  it('reads the pairing request id from the close reason when no reply came', () => {
    const failure = closedBeforeHello(1008, 'pairing required: device is not approved yet (requestId: abc-123)');
    expect(failure).toMatchObject({ retry: true, error: { kind: 'gateway-pairing-required', requestId: 'abc-123' } });
  });

  it.each([
    [1002, 'protocol mismatch', 'gateway-protocol-mismatch', false],
    [1013, 'gateway starting', 'gateway-starting', true],
    [1008, 'unauthorized: gateway token mismatch', 'gateway-auth-rejected', false],
    [1006, '', 'gateway-connection-dropped', true],
  ])('maps close %i %j to %s', (code, reason, kind, retry) => {
    expect(closedBeforeHello(code, reason)).toMatchObject({ retry, error: { kind } });
  });
});

describe('connectionLost', () => {
  it('reconnects after restartExpectedMs when the Gateway announced a restart', () => {
    expect(connectionLost(1012, 'service restart', { reason: 'update', restartExpectedMs: 2_000 })).toMatchObject({
      retry: true,
      retryAfterMs: 2_000,
      error: { kind: 'gateway-restarting', message: expect.stringContaining('update') },
    });
  });

  it.each([
    [1012, undefined, 'gateway-restarting'],
    [1012, { reason: 'gateway stopping' }, 'gateway-stopped'],
    [4001, undefined, 'gateway-auth-changed'],
    [1006, undefined, 'gateway-connection-lost'],
  ])('maps close %i (notice %j) to %s and keeps trying', (code, shutdown, kind) => {
    expect(connectionLost(code, '', shutdown)).toMatchObject({ retry: true, error: { kind } });
  });
});

describe('notReached, httpInsteadOfWebSocket and frameRejected', () => {
  const url = 'ws://127.0.0.1:18789';
  const found = (reason: NotGatewayReason, detail = 'detail', status?: number): NotGateway => ({
    gateway: false,
    reason,
    detail,
    ...(status === undefined ? {} : { status }),
  });

  it.each<NotGatewayReason>(['ssh', 'not-websocket', 'garbage', 'other-websocket'])(
    'stops at %s: something else answers, and only a person changing the URL helps',
    (reason) => {
      const failure = notReached(url, found(reason));
      expect(failure).toEqual({ retry: false, error: notAGatewayError(url, found(reason)) });
    },
  );

  it.each<NotGatewayReason>(['refused', 'closed', 'timeout', 'silent-websocket', 'tls', 'unknown-host', 'unreachable'])(
    'keeps trying after %s, with the probe’s words and a note that it reconnects by itself',
    (reason) => {
      const failure = notReached(url, found(reason));
      const worded = notAGatewayError(url, found(reason));
      expect(failure).toMatchObject({ retry: true, error: { kind: worded.kind, message: worded.message } });
      expect(failure.error.hint).toBe(
        `${worded.hint} OpenClaw Remote keeps trying and connects by itself once it can.`,
      );
    },
  );

  it('treats a web page as not a Gateway, but 429 and 503 as a Gateway asking to wait', () => {
    expect(httpInsteadOfWebSocket(url, found('not-websocket', 'HTTP 200 OK', 200), undefined)).toMatchObject({
      retry: false,
      error: { kind: 'not-a-gateway' },
    });
    expect(
      httpInsteadOfWebSocket(url, found('not-websocket', 'HTTP 404 Not Found', 404), undefined).error.message,
    ).toContain('HTTP 404');
    expect(httpInsteadOfWebSocket(url, found('not-websocket', 'HTTP 429', 429), 7)).toMatchObject({
      retry: true,
      retryAfterMs: 7_000,
      error: { kind: 'gateway-rate-limited' },
    });
    expect(httpInsteadOfWebSocket(url, found('not-websocket', 'HTTP 503', 503), undefined)).toMatchObject({
      retry: true,
      error: { kind: 'gateway-starting' },
    });
  });

  it('drops an open link that breaks a frame rule, and keeps trying', () => {
    const frame = (code: string, message: string) => Object.assign(new Error(message), { code });
    expect(frameRejected(frame('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', 'Max payload size exceeded'), url)).toMatchObject({
      retry: true,
      error: { kind: 'gateway-frame-too-large' },
    });
    expect(
      frameRejected(frame('WS_ERR_INVALID_OPCODE', 'Invalid WebSocket frame: invalid opcode 5'), url),
    ).toMatchObject({
      retry: true,
      error: { kind: 'gateway-bad-reply', message: expect.stringContaining('invalid opcode 5') },
    });
  });
});

describe('methodFailed', () => {
  it('names the missing scope', () => {
    const error = methodFailed('config.patch', {
      code: 'FORBIDDEN',
      message: 'missing scope: operator.admin',
      details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin', requiredScopes: ['operator.admin'] },
    });
    expect(error).toMatchObject({ kind: 'gateway-missing-scope', message: expect.stringContaining('operator.admin') });
  });

  it('passes the Gateway’s own words on for other refusals', () => {
    expect(methodFailed('logs.tail', { code: 'INVALID_REQUEST', message: 'invalid logs.tail params' })).toMatchObject({
      kind: 'gateway-request-failed',
      message: 'The Gateway refused logs.tail: invalid logs.tail params.',
    });
  });
});
