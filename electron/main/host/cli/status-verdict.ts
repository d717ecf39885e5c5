// When `openclaw-remote status` stops waiting on a connection that is retrying: a Gateway that says it is starting,
// restarting or busy is waited for until the person's --timeout, since it will answer; any other failure is reported
// at its second attempt in a row rather than after more backoff (one failure can be a blip).
import type { ConnectionStatus } from '../../../shared/connection-status';
import type { GatewayErrorKind } from '../../../shared/error-kinds/gateway-errors';

// Read as text: a status's error kind arrives over the contract as a string.
const ON_ITS_WAY_KINDS: ReadonlySet<string> = new Set<GatewayErrorKind>([
  'gateway-starting',
  'gateway-restarting',
  'gateway-rate-limited',
]);

/** Whether a retrying connection's failed attempts are the verdict already. */
export function failedAttempt(status: ConnectionStatus): boolean {
  if (status.state !== 'reconnecting' || !status.lastError) return false;
  if (ON_ITS_WAY_KINDS.has(status.lastError.kind)) return false;
  return (status.retry?.attempt ?? 0) >= 2;
}
