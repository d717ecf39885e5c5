// The doctor's checks of the Gateway itself, over whatever stream reaches it (a channel of the SSH connection, or
// a TCP connection for a URL): its HTTP health endpoints, and one sign-in with the app's own Gateway client, read
// for what a person can act on (a stale token, a token the Gateway refuses, a device waiting to be approved).
import http from 'node:http';
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import type { FixAction } from '../../../shared/error-actions';
import { fixActionOf } from '../../../shared/error-kinds';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { certificateFingerprint } from '../gateway/certificate-pin';
import { PROTOCOL_VERSION } from '../gateway/connect-params';
import { GatewayClient, type GatewayState } from '../gateway/gateway-client';
import { certificateMismatch, type GatewayError } from '../gateway/gateway-errors';
import { notAGatewayError } from '../gateway/probe';
import { streamConnection } from '../gateway/stream-connection';
import type { Logger } from '../log/app-log';
import type { SecretStore } from '../secrets/secret-store';
import type { Clock } from '../system/clock';
import type { CheckOutcome } from './step-runner';

/** Enough of a health answer to show; a Gateway's is a short JSON object. */
const MAX_BODY_CHARS = 200;

export interface HttpHealthCheck {
  openStream: () => Promise<Duplex>;
  /** How the Gateway is named in sentences (`127.0.0.1:18789 on the host`). */
  where: string;
  clock: Clock;
  timeoutMs: number;
}

/** GET /healthz (liveness) and /readyz (readiness, 503 while starting or draining), each on its own stream. */
export async function checkHttpHealth(check: HttpHealthCheck): Promise<CheckOutcome> {
  const live = await httpGet(check, '/healthz');
  if (live.status !== 200) {
    throw new AppFailure(
      appError(
        'gateway-unhealthy',
        `GET /healthz at ${check.where} answered ${live.status} (${live.body}), not 200: the Gateway is not live.`,
        'Look at the Gateway on the host: "openclaw gateway status", and its log.',
      ),
    );
  }
  const ready = await httpGet(check, '/readyz');
  if (ready.status !== 200) {
    return {
      status: 'warn',
      detail: `/healthz answered 200 (${live.body}), but /readyz answered ${ready.status} (${ready.body}): the Gateway is starting or draining.`,
      fix: { text: 'Wait a moment and run the doctor again; if it stays so, restart the Gateway on the host.' },
    };
  }
  return { status: 'pass', detail: `/healthz answered 200 (${live.body}) and /readyz answered 200 at ${check.where}.` };
}

async function httpGet(check: HttpHealthCheck, path: string): Promise<{ status: number; body: string }> {
  const stream = await check.openStream();
  return new Promise((resolve, reject) => {
    const fail = (detail: string) => {
      check.clock.clearTimeout(timer);
      request.destroy();
      reject(
        new AppFailure(
          appError(
            'not-a-gateway',
            `GET ${path} at ${check.where} got no HTTP answer (${detail}): what listens there is no OpenClaw Gateway.`,
            'Check the remote port of the profile against gateway.port in the host’s openclaw.json.',
          ),
        ),
      );
    };
    const timer = check.clock.setTimeout(() => fail(`nothing within ${check.timeoutMs / 1000} s`), check.timeoutMs);
    const request = http.request({
      host: '127.0.0.1',
      path,
      method: 'GET',
      createConnection: streamConnection(stream) as unknown as http.RequestOptions['createConnection'],
    });
    request.once('error', (error) => fail(error.message));
    request.once('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body = `${body}${chunk}`.slice(0, MAX_BODY_CHARS);
      });
      response.once('end', () => {
        check.clock.clearTimeout(timer);
        stream.destroy();
        resolve({ status: response.statusCode ?? 0, body: body.trim() || 'no body' });
      });
    });
    request.end();
  });
}

export interface TlsEndpoint {
  url: string;
  host: string;
  /** The address name resolution gave, connected to instead of resolving again. */
  address: string;
  port: number;
  /** The profile's certificate pin, which replaces the certificate authorities as when connecting. */
  tlsFingerprint?: string;
}

/** A TLS stream to a wss:// Gateway, checked as connecting checks it: the pin if there is one, else the CAs. */
export function openTlsStream(endpoint: TlsEndpoint): Promise<Duplex> {
  const { url, host, address, port, tlsFingerprint } = endpoint;
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: address,
      port,
      // SNI names a host, never an address.
      ...(isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: tlsFingerprint === undefined,
    });
    socket.once('secureConnect', () => {
      const actual = certificateFingerprint(socket.getPeerCertificate().raw);
      if (tlsFingerprint !== undefined && actual !== tlsFingerprint) {
        socket.destroy();
        reject(new AppFailure(certificateMismatch(url, { expected: tlsFingerprint, actual }).error));
        return;
      }
      resolve(socket);
    });
    socket.once('error', (error: Error) =>
      reject(new AppFailure(notAGatewayError(url, { gateway: false, reason: 'tls', detail: error.message }))),
    );
  });
}

export interface HandshakeCheck {
  url: string;
  tlsFingerprint?: string;
  /** A stream to the Gateway instead of a connection to the URL (an SSH channel). */
  openStream?: () => Promise<Duplex>;
  token: string | undefined;
  /** Where the profile's device token is kept: the same as connecting uses, so the doctor sees the same one. */
  gatewayKey: string;
  /** The action that brings a right token: fetch it from the host over SSH, or enter it. */
  tokenAction: Extract<FixAction, 'fetch-token' | 'enter-token'>;
  secrets: SecretStore;
  log: Logger;
  /** Hears every secret the client handles (the token, device tokens), for the report's redaction and the log's. */
  redact: (secret: string) => void;
  appVersion: string;
  clock: Clock;
  timeoutMs: number;
  /** Takes the client once signed in, instead of it being closed at once; the taker closes it. */
  keepSignedIn?: (client: GatewayClient) => void;
}

/** One sign-in as connecting does it, closed again at once unless the caller keeps it for later steps. */
export async function checkHandshake(check: HandshakeCheck): Promise<CheckOutcome> {
  const client = new GatewayClient({
    url: check.url,
    ...(check.tlsFingerprint ? { tlsFingerprint: check.tlsFingerprint } : {}),
    ...(check.openStream ? { openStream: check.openStream } : {}),
    ...(check.token === undefined ? {} : { token: check.token }),
    gatewayKey: check.gatewayKey,
    secrets: check.secrets,
    log: check.log,
    redact: check.redact,
    appVersion: check.appVersion,
    clock: check.clock,
  });
  let kept = false;
  try {
    const settled = await firstVerdict(client, check);
    if (settled.phase === 'up' && check.keepSignedIn) {
      check.keepSignedIn(client);
      kept = true;
    }
    return outcomeOf(settled, check);
  } finally {
    if (!kept) await client.close();
  }
}

type Verdict = Extract<GatewayState, { phase: 'up' }> | { phase: 'error'; error: GatewayError };

function firstVerdict(client: GatewayClient, check: HandshakeCheck): Promise<Verdict> {
  return new Promise((resolve) => {
    /** What the Gateway said last while the sign-in went on (still starting, say), for a deadline that passes. */
    let lastSaid: GatewayError | undefined;
    const timer = check.clock.setTimeout(
      () =>
        resolve({
          phase: 'error',
          error:
            lastSaid ??
            appError(
              'gateway-no-answer',
              `The Gateway did not finish the sign-in within ${check.timeoutMs / 1000} s.`,
              'Look at the Gateway on the host: "openclaw gateway status", and its log.',
            ),
        }),
      check.timeoutMs,
    );
    const settle = (verdict: Verdict) => {
      check.clock.clearTimeout(timer);
      resolve(verdict);
    };
    client.on('state', (state) => {
      if (state.phase === 'up') settle(state);
      else if (state.phase === 'failed') settle({ phase: 'error', error: state.error });
      else if (state.phase === 'retrying') {
        lastSaid = state.lastError;
        if (!partOfSignIn(state)) settle({ phase: 'error', error: state.lastError });
      }
    });
    client.start();
  });
}

/**
 * Retries that belong to one sign-in: the protocol's one recovery from a refused token (the device token, at once),
 * and a Gateway that says it is still starting and when to come back (within the check's own deadline).
 */
function partOfSignIn(state: Extract<GatewayState, { phase: 'retrying' }>): boolean {
  const { kind } = state.lastError;
  return (state.delayMs === 0 && kind === 'gateway-token-mismatch') || kind === 'gateway-starting';
}

function outcomeOf(verdict: Verdict, check: HandshakeCheck): CheckOutcome {
  if (verdict.phase === 'up') {
    const signedIn = `Gateway ${verdict.serverVersion}, protocol ${PROTOCOL_VERSION}, signed in with ${verdict.authMethod ?? 'no authentication'} (scopes: ${verdict.scopes.join(', ') || 'none'})`;
    if (check.token !== undefined && verdict.authMethod === 'device-token') {
      return {
        status: 'warn',
        detail:
          `${signedIn}. The Gateway rejected the saved token and accepted the device token it issued earlier: the ` +
          'saved token is stale.',
        fix: { text: 'Store the Gateway’s current token in the profile.', action: check.tokenAction },
      };
    }
    return { status: 'pass', detail: `${signedIn}.` };
  }
  const { error } = verdict;
  if (error.kind === 'gateway-pairing-required') {
    const { requestId } = error;
    return {
      status: 'fail',
      detail: error.message,
      fix: requestId
        ? {
            text: 'Approve this device on the Gateway host, then run the doctor again.',
            action: 'approve-device',
            command: `openclaw devices approve ${requestId}`,
          }
        : {
            text: 'On the Gateway host, "openclaw devices list" shows the request; approve it with its id.',
            action: 'approve-device',
            command: 'openclaw devices list',
          },
    };
  }
  const tokenKind = error.kind === 'gateway-token-mismatch' || error.kind === 'gateway-token-missing';
  const action = tokenKind ? check.tokenAction : (error.action ?? fixActionOf(error.kind));
  return {
    status: 'fail',
    detail: error.message,
    ...(error.hint || action ? { fix: { text: error.hint ?? '', ...(action ? { action } : {}) } } : {}),
  };
}
