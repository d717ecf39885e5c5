// The errors of the app's own plumbing: the router, the IPC and WebSocket bridges, the window's transport and the
// CLI's command line. Most are bugs or a mistyped command; the log or Diagnostics is where to look.
import type { ErrorKindEntry } from '../error-actions';

export const APP_ERRORS = {
  'bridge-closed': {},
  cancelled: {},
  internal: { action: 'open-logs' },
  'invalid-frame': {},
  'invalid-payload': {},
  'invalid-token-source': {},
  'no-host': {},
  'no-native-panel': {},
  timeout: { action: 'open-diagnostics' },
  'tray-action-failed': {},
  'token-file-unreadable': {},
  'token-file-unprotected': {},
  'unknown-channel': {},
  'untrusted-sender': {},
  usage: {},
  // The running app's socket for the CLI (issue 14): one owned by another user; the app not on the profile asked about.
  'app-socket-not-yours': {},
  'app-not-connected': {},
} as const satisfies Record<string, ErrorKindEntry>;
export type AppPlumbingErrorKind = keyof typeof APP_ERRORS;
