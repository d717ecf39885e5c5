// Incoming-frame validation: garbage, wrong shapes and unknown frame types come back as reasons, never throw;
// the challenge, hello-ok and shutdown payloads are checked field by field; unknown fields pass through.
import { describe, expect, it } from 'vitest';
import {
  challengeSchema,
  helloOkSchema,
  parseFrame,
  shutdownSchema,
} from '../../electron/main/services/gateway/frames';
import { helloOk } from '../fixtures/gateway-fake';

describe('parseFrame', () => {
  it.each([
    ['an empty string', ''],
    ['half a JSON object', '{"type":"res",'],
    ['an SSH banner', 'SSH-2.0-OpenSSH_9.6\r\n'],
    ['bytes that are not UTF-8 text', '\u0000\u0001\uFFFD'],
  ])('refuses %s as not JSON', (_what, text) => {
    expect(parseFrame(text)).toEqual({ ok: false, reason: 'not JSON' });
  });

  it.each([
    ['a number', '42'],
    ['null', 'null'],
    ['an array', '[{"type":"res"}]'],
    ['an unknown type', '{"type":"mystery"}'],
    ['a request (only clients send those)', '{"type":"req","id":"1","method":"health"}'],
    ['a reply without an id', '{"type":"res","ok":true}'],
    ['a reply with an empty id', '{"type":"res","id":"","ok":true}'],
    ['a reply whose ok is not a boolean', '{"type":"res","id":"1","ok":"yes"}'],
    ['an error without a code', '{"type":"res","id":"1","ok":false,"error":{"message":"x"}}'],
    ['an event without a name', '{"type":"event","payload":{}}'],
    ['an event with a negative seq', '{"type":"event","event":"tick","seq":-1}'],
  ])('refuses %s as not a Gateway frame', (_what, text) => {
    const parsed = parseFrame(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(/^not a Gateway frame \(.+\)$/);
  });

  it('reads replies and keeps fields it does not know', () => {
    const parsed = parseFrame('{"type":"res","id":"r1","ok":true,"payload":{"ok":true},"later":1}');
    expect(parsed).toEqual({ ok: true, frame: { type: 'res', id: 'r1', ok: true, payload: { ok: true }, later: 1 } });
  });

  it('reads error replies with the retry fields', () => {
    const parsed = parseFrame(
      JSON.stringify({
        type: 'res',
        id: 'c1',
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          message: 'starting',
          retryable: true,
          retryAfterMs: 500,
          details: { reason: 'x' },
        },
      }),
    );
    expect(parsed).toMatchObject({ ok: true, frame: { error: { code: 'UNAVAILABLE', retryAfterMs: 500 } } });
  });

  it('reads events it has never heard of', () => {
    expect(parseFrame('{"type":"event","event":"plugins.changed","seq":3}')).toEqual({
      ok: true,
      frame: { type: 'event', event: 'plugins.changed', seq: 3 },
    });
  });

  it('limits the reason to a few issues, however broken the frame is', () => {
    const parsed = parseFrame(JSON.stringify({ type: 'res', id: 1, ok: 2, error: 3, payload: 4 }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason.split(';').length).toBeLessThanOrEqual(3);
  });
});

describe('payload schemas', () => {
  it('accepts the challenge as the Gateway sends it, trimming the nonce', () => {
    const challenge = challengeSchema.parse({ nonce: ' abc ', ts: 1763941234567, capabilities: ['x'] });
    expect(challenge).toMatchObject({ nonce: 'abc', ts: 1763941234567 });
  });

  it.each([
    ['no nonce', { ts: 1 }],
    ['a blank nonce', { nonce: '  ', ts: 1 }],
    ['no ts', { nonce: 'n' }],
    ['a fractional ts', { nonce: 'n', ts: 1.5 }],
    ['a negative ts', { nonce: 'n', ts: -1 }],
    ['a ts given as text', { nonce: 'n', ts: '1' }],
  ])('refuses a challenge with %s', (_what, payload) => {
    expect(challengeSchema.safeParse(payload).success).toBe(false);
  });

  it('accepts a full hello-ok and keeps its other fields', () => {
    const hello = helloOkSchema.parse({ ...helloOk(30_000), controlUiUrl: 'https://gw.example/' });
    expect(hello).toMatchObject({ server: { version: '2026.9.6-fake' }, policy: { tickIntervalMs: 30_000 } });
    expect(hello.controlUiUrl).toBe('https://gw.example/');
  });

  it.each([
    ['another type', { type: 'hello' }],
    ['no server version', { server: { connId: 'c' } }],
    ['no granted scopes', { auth: { role: 'operator' } }],
    ['no tick interval', { policy: { maxPayload: 1 } }],
    ['a zero tick interval', { policy: { tickIntervalMs: 0 } }],
  ])('refuses a hello-ok with %s', (_what, change) => {
    expect(helloOkSchema.safeParse({ ...helloOk(30_000), ...change }).success).toBe(false);
  });

  it('reads the shutdown notice with and without a restart time', () => {
    expect(shutdownSchema.parse({ reason: 'update', restartExpectedMs: 1500 })).toEqual({
      reason: 'update',
      restartExpectedMs: 1500,
    });
    expect(shutdownSchema.parse({ reason: 'gateway stopping' })).toEqual({ reason: 'gateway stopping' });
    expect(shutdownSchema.safeParse({ reason: 'x', restartExpectedMs: -5 }).success).toBe(false);
  });
});
