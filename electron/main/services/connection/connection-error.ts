// Turns what the route or the Gateway client reported into the error a person sees, with the one action most
// likely to fix it, and says what only the combination of both knows: an SSH link that is up while the forwarded
// connection is dropped means no Gateway runs on the host.
import type { ConnectionAction, ConnectionError } from '../../../shared/connection-status';
import type { AppError } from '../../../shared/errors';

const ACTION_BY_KIND: Record<string, ConnectionAction> = {
  'gateway-token-mismatch': 'enter-token',
  'gateway-token-missing': 'enter-token',
  'gateway-token-not-configured': 'enter-token',
  'gateway-auth-rejected': 'enter-token',
  'gateway-auth-changed': 'enter-token',
  'gateway-password-auth': 'enter-token',
  'gateway-pairing-required': 'approve-device',
  'auth-failed': 'edit-profile',
  'invalid-target': 'edit-profile',
  'local-port-in-use': 'edit-profile',
  'local-listen-failed': 'edit-profile',
  'host-key-changed': 'edit-profile',
  'host-key-refused': 'edit-profile',
  'host-key-revoked': 'edit-profile',
  'ssh-config-invalid': 'edit-profile',
  'ssh-config-unsupported': 'edit-profile',
  'proxyjump-refused': 'edit-profile',
  'not-a-gateway': 'edit-profile',
};

/** `retrying`: the error is shown while the app keeps trying by itself, so "retry now" is the useful action. */
export function connectionError(error: AppError & { requestId?: string }, retrying: boolean): ConnectionError {
  const action = ACTION_BY_KIND[error.kind] ?? (retrying ? 'retry-now' : 'open-logs');
  return {
    kind: error.kind,
    message: error.message,
    ...(error.hint ? { hint: error.hint } : {}),
    action,
    ...(error.requestId ? { requestId: error.requestId } : {}),
  };
}

/** The SSH link is up and the host hung up on the forwarded connection: nothing listens on the Gateway's port there. */
export function gatewayNotRunningOnHost(target: string, remotePort: number): AppError {
  return {
    kind: 'gateway-not-running-on-host',
    message: `The SSH link to ${target} is up, but no Gateway answers on port ${remotePort} there.`,
    hint:
      `Start the Gateway on ${target} ("openclaw gateway start", or "openclaw gateway run"), or set the profile's ` +
      `remote port to the one in gateway.port of the host's openclaw.json. OpenClaw Remote keeps trying.`,
  };
}
