// Turns what the route or the Gateway client reported into the error a person sees, with the one action most
// likely to fix it (its kind's, from the area tables in shared/error-kinds), and says what only the combination
// of both knows: an SSH link that is up while the forwarded connection is dropped means no Gateway runs on the host.
import type { ConnectionError } from '../../../shared/connection-status';
import { fixActionOf } from '../../../shared/error-kinds';
import type { AppError } from '../../../shared/errors';

/** `retrying`: the error is shown while the app keeps trying by itself, so "retry now" is the useful action. */
export function connectionError(error: AppError & { requestId?: string }, retrying: boolean): ConnectionError {
  const action = error.action ?? fixActionOf(error.kind) ?? (retrying ? 'retry-now' : 'open-logs');
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
