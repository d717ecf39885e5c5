// The errors only the live connection knows (health checks, prompts, the SSH link up while no Gateway answers),
// each with the action that fixes it when only a person can.
import type { ErrorKindEntry } from '../error-actions';

export const CONNECTION_ERRORS = {
  'connect-failed': {},
  'gateway-health-failed': {},
  'gateway-not-running-on-host': {},
  'gateway-unhealthy': { action: 'open-diagnostics' },
  'prompt-not-waiting': {},
  'status-timeout': {},
  'stability-settings-need-ssh': {},
  /** The Security page's install-key and who-gets-in work through the live link: the section offers Connect. */
  'needs-live-connection': {},
  'security-key-needs-ssh': {},
} as const satisfies Record<string, ErrorKindEntry>;
export type ConnectionErrorKind = keyof typeof CONNECTION_ERRORS;
