// What went wrong between the app and a Gateway, as errors a person can act on: each failure becomes an
// AppError (kind, sentence, next step) plus the decision the connection loop acts on, which is whether to keep
// trying by itself (and after how long) or to wait until a person has fixed something.
import type { GatewayErrorKind } from '../../../shared/error-kinds/gateway-errors';
import { appError, type AppError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import type { GatewayErrorShape } from './frames';
import { notAGatewayError, type NotGateway, type NotGatewayReason } from './probe';

/** An AppError that may name a pending pairing request, so the view can show the approval command. */
export type GatewayError = AppError & { requestId?: string };

export interface GatewayFailure {
  error: GatewayError;
  /** True: the client tries again by itself. False: nothing changes until a person acts. */
  retry: boolean;
  /** The Gateway said how long to wait before the next attempt. */
  retryAfterMs?: number;
  /** The backoff's cap while this failure lasts (see LinkFailure). */
  maxDelayMs?: number;
  /** The Gateway's `details.code` (or top-level code), for decisions such as the one device-token retry. */
  code?: string;
}

/** Carries a GatewayFailure through a rejected promise. */
export class GatewayConnectFailure extends AppFailure {
  readonly failure: GatewayFailure;

  constructor(failure: GatewayFailure) {
    super(failure.error);
    this.name = 'GatewayConnectFailure';
    this.failure = failure;
  }
}

const TOKEN_WHERE =
  'The right token is in the Gateway host’s ~/.openclaw/openclaw.json (or $OPENCLAW_STATE_DIR/openclaw.json) ' +
  'under gateway.auth.token; “Fetch from host” can read it for you over SSH.';
const RECONNECTS = 'OpenClaw Remote keeps trying and connects by itself once it can.';
/**
 * Answers that are certainly something else, which only a person changing the URL fixes. Nothing listening, a
 * hang-up, silence or a failed TLS handshake may still be a Gateway that is starting or a tunnel coming up.
 */
const SOMETHING_ELSE = new Set<NotGatewayReason>(['ssh', 'not-websocket', 'garbage', 'other-websocket']);

/** The Gateway answered `connect` with an error (it closes the socket right after). */
export function connectRejected(shape: GatewayErrorShape): GatewayFailure {
  const details = isRecord(shape.details) ? shape.details : {};
  const code = typeof details.code === 'string' ? details.code : shape.code;
  const said = shape.message;
  switch (code) {
    case 'AUTH_TOKEN_MISMATCH':
      return stop(
        code,
        'gateway-token-mismatch',
        'The Gateway rejected the token: it is not this Gateway’s token.',
        TOKEN_WHERE,
      );
    case 'AUTH_TOKEN_MISSING':
      return stop(code, 'gateway-token-missing', 'The Gateway needs a token and none is set for it.', TOKEN_WHERE);
    case 'AUTH_TOKEN_NOT_CONFIGURED':
      return stop(
        code,
        'gateway-token-not-configured',
        'The Gateway uses token sign-in but has no token configured.',
        'On the Gateway host run `openclaw doctor --generate-gateway-token`, restart the Gateway, ' +
          'then fetch the new token.',
      );
    case 'AUTH_PASSWORD_MISSING':
    case 'AUTH_PASSWORD_MISMATCH':
    case 'AUTH_PASSWORD_NOT_CONFIGURED':
      return stop(
        code,
        'gateway-password-auth',
        'The Gateway asks for a password (gateway.auth.mode is "password"), and OpenClaw Remote signs in with a token.',
        'Set gateway.auth.mode to "token" with a gateway.auth.token on the host, ' +
          'restart the Gateway and fetch the token.',
      );
    case 'AUTH_DEVICE_TOKEN_MISMATCH':
      return stop(
        code,
        'gateway-device-token-rejected',
        'The Gateway no longer accepts this Mac’s device token (it was rotated, revoked or the pairing was removed).',
        `Enter the Gateway token to pair again. ${TOKEN_WHERE}`,
      );
    case 'AUTH_SCOPE_MISMATCH':
      return stop(
        code,
        'gateway-scope-mismatch',
        'This Mac’s device token does not cover the access OpenClaw Remote asks for.',
        'Connect once with the Gateway token so the Gateway can approve the new access, or re-pair with ' +
          '`openclaw devices remove <deviceId>` on the host.',
      );
    case 'AUTH_RATE_LIMITED':
      return {
        code,
        retry: true,
        retryAfterMs: shape.retryAfterMs,
        error: appError(
          'gateway-rate-limited',
          'The Gateway is refusing sign-ins for a while after too many failed attempts.',
          `OpenClaw Remote tries again ${inTime(shape.retryAfterMs)}. ` +
            `If the token is wrong, fix it first: ${TOKEN_WHERE}`,
        ),
      };
    case 'PAIRING_REQUIRED':
    case 'NOT_PAIRED':
      return pairingRequired(
        code,
        typeof details.requestId === 'string' ? details.requestId : undefined,
        typeof details.reason === 'string' ? details.reason : undefined,
      );
    case 'DEVICE_AUTH_SIGNATURE_EXPIRED':
    case 'DEVICE_AUTH_NONCE_MISMATCH':
      return {
        code,
        retry: true,
        error: appError(
          'gateway-device-proof-stale',
          `The Gateway did not accept this Mac’s signed sign-in in time (${said}).`,
          RECONNECTS,
        ),
      };
    case 'PROTOCOL_MISMATCH':
    case 'CLIENT_VERSION_MISMATCH':
      return stop(
        code,
        'gateway-protocol-mismatch',
        `The Gateway speaks ${describeProtocol(details.expectedProtocol)}, and OpenClaw Remote speaks protocol 4.`,
        'Update OpenClaw on the Gateway host (`openclaw update`), or update OpenClaw Remote.',
      );
    case 'UNAVAILABLE':
      return {
        code,
        retry: true,
        retryAfterMs: shape.retryAfterMs,
        error: appError('gateway-starting', 'The Gateway is still starting.', RECONNECTS),
      };
    case 'CONTROL_UI_ORIGIN_NOT_ALLOWED':
      return stop(
        code,
        'gateway-origin-rejected',
        `The Gateway refused the connection’s origin: ${said}.`,
        'Report this: OpenClaw Remote sends no origin.',
      );
  }
  if (code.startsWith('DEVICE_') || code.endsWith('DEVICE_IDENTITY_REQUIRED')) {
    return stop(
      code,
      'gateway-device-identity-rejected',
      `The Gateway did not accept this Mac’s device identity: ${said}.`,
      'Report this with the app log.',
    );
  }
  if (code.startsWith('AUTH_')) {
    return stop(code, 'gateway-auth-rejected', `The Gateway refused the sign-in: ${said}.`, TOKEN_WHERE);
  }
  return {
    code,
    retry: true,
    error: appError('gateway-connect-rejected', `The Gateway refused the connection: ${said}.`, RECONNECTS),
  };
}

/**
 * While pairing waits for approval, how long at most between attempts: the person approving on the host expects the
 * app to follow within moments, and one signed sign-in every few seconds costs the Gateway nothing.
 */
export const PAIRING_RETRY_MAX_MS = 3_000;

/**
 * Pairing needs a person on the Gateway host; the client keeps retrying (at most PAIRING_RETRY_MAX_MS apart, however
 * long the approval takes) so it connects once they approve. Retries present the same device: the request stays one.
 */
export function pairingRequired(
  code: string,
  requestId: string | undefined,
  reason: string | undefined,
): GatewayFailure {
  const request = requestId ? ` (request ${requestId})` : '';
  const message =
    reason === 'scope-upgrade' || reason === 'role-upgrade'
      ? `The Gateway must approve the access OpenClaw Remote asks for${request}.`
      : reason === 'metadata-upgrade'
        ? `The Gateway must approve this Mac again because its details changed${request}.`
        : `The Gateway has not approved this Mac yet${request}.`;
  const command = requestId
    ? `openclaw devices approve ${requestId}`
    : '`openclaw devices list`, then `openclaw devices approve <request id>`';
  const error: GatewayError = appError(
    'gateway-pairing-required',
    message,
    `On the Gateway host run: ${command}. OpenClaw Remote connects by itself once it is approved.`,
  );
  if (requestId) error.requestId = requestId;
  return { code, retry: true, maxDelayMs: PAIRING_RETRY_MAX_MS, error };
}

/**
 * Not a failure: signed in, but with the device token the Gateway issued earlier, because it refused the saved token.
 * Shown as a warning until the saved token is replaced; the device token alone can be revoked on the host any day.
 */
export function savedTokenRejected(): AppError {
  return appError(
    'gateway-token-rejected',
    'Connected with this Mac’s device token; the saved Gateway token was rejected.',
    `Replace the saved token with the Gateway’s current one. ${TOKEN_WHERE}`,
  );
}

/** The socket closed before hello-ok without an error reply (or before the reply could be read). */
export function closedBeforeHello(code: number, reason: string): GatewayFailure {
  const pairing = /pairing required.*?\(requestId: ([^)\s]+)\)/i.exec(reason);
  if (pairing || /pairing required/i.test(reason)) return pairingRequired('NOT_PAIRED', pairing?.[1], undefined);
  if (code === 1002) return connectRejected({ code: 'PROTOCOL_MISMATCH', message: reason });
  if (code === 1013) return connectRejected({ code: 'UNAVAILABLE', message: reason });
  if (code === 1008 && /unauthorized/i.test(reason)) {
    return stop(
      'AUTH_UNAUTHORIZED',
      'gateway-auth-rejected',
      `The Gateway refused the sign-in: ${reason}.`,
      TOKEN_WHERE,
    );
  }
  return {
    retry: true,
    error: appError(
      'gateway-connection-dropped',
      `The Gateway closed the connection before sign-in finished (${describeClose(code, reason)}).`,
      RECONNECTS,
    ),
  };
}

/** A connected socket closed; `shutdown` is the Gateway's notice, when one came first. */
export function connectionLost(
  code: number,
  reason: string,
  shutdown: { reason: string; restartExpectedMs?: number } | undefined,
): GatewayFailure {
  // The notice tells a restart from a stop; the close code cannot (the Gateway closes with 1012 either way).
  if (shutdown?.restartExpectedMs !== undefined || (!shutdown && code === 1012)) {
    return {
      retry: true,
      retryAfterMs: shutdown?.restartExpectedMs,
      error: appError('gateway-restarting', `The Gateway is restarting (${shutdown?.reason ?? reason}).`, RECONNECTS),
    };
  }
  if (shutdown) {
    return {
      retry: true,
      error: appError(
        'gateway-stopped',
        `The Gateway shut down (${shutdown.reason}).`,
        `Start it again on the host if nobody else will. ${RECONNECTS}`,
      ),
    };
  }
  if (code === 4001) {
    return {
      retry: true,
      error: appError(
        'gateway-auth-changed',
        'The Gateway’s token changed while connected.',
        `Reconnecting. ${TOKEN_WHERE}`,
      ),
    };
  }
  return {
    retry: true,
    error: appError(
      'gateway-connection-lost',
      `The connection to the Gateway was lost (${describeClose(code, reason)}).`,
      RECONNECTS,
    ),
  };
}

/** No Gateway answered the WebSocket handshake; the probe's reading of what did answer says why. */
export function notReached(url: string, found: NotGateway): GatewayFailure {
  const error = notAGatewayError(url, found);
  if (SOMETHING_ELSE.has(found.reason)) return { retry: false, error };
  return { retry: true, error: { ...error, hint: error.hint ? `${error.hint} ${RECONNECTS}` : RECONNECTS } };
}

/** An HTTP response came back instead of a WebSocket upgrade: a Gateway asking to wait (429, 503), or a web server. */
export function httpInsteadOfWebSocket(
  url: string,
  answer: NotGateway,
  retryAfterSeconds: number | undefined,
): GatewayFailure {
  if (answer.status === 429) {
    return connectRejected({
      code: 'AUTH_RATE_LIMITED',
      message: 'too many requests',
      retryAfterMs: secondsToMs(retryAfterSeconds),
    });
  }
  if (answer.status === 503)
    return connectRejected({
      code: 'UNAVAILABLE',
      message: 'service unavailable',
      retryAfterMs: secondsToMs(retryAfterSeconds),
    });
  return notReached(url, answer);
}

/** The wss:// certificate is not the pinned one: someone in between, or a new certificate nobody told the app about. */
export function certificateMismatch(url: string, mismatch: { expected: string; actual: string }): GatewayFailure {
  return {
    retry: false,
    error: appError(
      'gateway-certificate-mismatch',
      `The certificate at ${url} is not the one this profile pins (it is ${mismatch.actual}; the pin is ` +
        `${mismatch.expected}). Nothing was sent, the token included.`,
      'This is what an attacker between you and the Gateway looks like. If the Gateway got a new certificate, ' +
        'check its fingerprint on the host and update the pin in the profile.',
    ),
  };
}

/** The open WebSocket broke ws's frame rules (its only errors once open); the link is dropped and tried again. */
export function frameRejected(error: NodeJS.ErrnoException, url: string): GatewayFailure {
  if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
    return {
      retry: true,
      error: appError(
        'gateway-frame-too-large',
        `The peer at ${url} sent a message larger than any Gateway sends.`,
        RECONNECTS,
      ),
    };
  }
  return badReply(`a broken WebSocket frame (${error.message})`);
}

/** The Gateway took the connect request but did not answer it in time. */
export function signInTimedOut(timeoutMs: number): GatewayFailure {
  return {
    retry: true,
    error: appError(
      'gateway-sign-in-timeout',
      `The Gateway did not answer the sign-in within ${formatSeconds(timeoutMs)}.`,
      RECONNECTS,
    ),
  };
}

/** The Gateway sent nothing (not even its periodic tick) for twice its tick interval. */
export function gatewaySilent(silentMs: number): GatewayFailure {
  return {
    retry: true,
    error: appError(
      'gateway-silent',
      `The Gateway sent nothing for ${formatSeconds(silentMs)}, although it ticks regularly.`,
      RECONNECTS,
    ),
  };
}

/** A WebSocket ping went unanswered until the next one was due: the link is gone. */
export function pingUnanswered(intervalMs: number): GatewayFailure {
  return {
    retry: true,
    error: appError(
      'gateway-link-dead',
      `The Gateway did not answer a ping within ${formatSeconds(intervalMs)}.`,
      RECONNECTS,
    ),
  };
}

/** A Gateway reply that does not have the shape the protocol promises. */
export function badReply(what: string): GatewayFailure {
  return {
    retry: true,
    error: appError(
      'gateway-bad-reply',
      `The Gateway sent an unexpected reply: ${what}.`,
      'Update OpenClaw on the host or OpenClaw Remote if this persists.',
    ),
  };
}

/** The Gateway answered a method call with an error. */
export function methodFailed(method: string, shape: GatewayErrorShape): AppError {
  const details = isRecord(shape.details) ? shape.details : {};
  if (details.code === 'MISSING_SCOPE' || /missing scope/i.test(shape.message)) {
    const scope = typeof details.missingScope === 'string' ? details.missingScope : 'more access';
    return appError(
      'gateway-missing-scope',
      `The Gateway did not let OpenClaw Remote call ${method}: it needs ${scope}.`,
      'Approve the access upgrade on the Gateway host ' +
        '(`openclaw devices list`, then `openclaw devices approve <request id>`).',
    );
  }
  if (shape.code === 'UNAVAILABLE') {
    return appError(
      'gateway-unavailable',
      `The Gateway cannot answer ${method} right now: ${shape.message}.`,
      'Try again in a moment.',
    );
  }
  return appError(
    'gateway-request-failed',
    `The Gateway refused ${method}: ${shape.message}.`,
    "The Gateway's own log on the host says more (openclaw logs).",
  );
}

function stop(code: string, kind: GatewayErrorKind, message: string, hint: string): GatewayFailure {
  return { code, retry: false, error: appError(kind, message, hint) };
}

function describeProtocol(expected: unknown): string {
  return typeof expected === 'number' ? `protocol ${expected}` : 'another protocol version';
}

function describeClose(code: number, reason: string): string {
  return reason ? `code ${code}: ${reason}` : `code ${code}`;
}

function inTime(ms: number | undefined): string {
  return ms === undefined ? 'later' : `in ${formatSeconds(ms)}`;
}

function formatSeconds(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}

function secondsToMs(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : seconds * 1000;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
