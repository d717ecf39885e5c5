// The closed list of things that fix an error: every AppError and connection error names at most one, the window
// turns each into a button and the CLI into a command or an instruction. Adding one here fails the fix-action test
// until both front ends handle it.

export const FIX_ACTIONS = [
  'retry-now',
  'edit-profile',
  'enter-token',
  'fetch-token',
  'approve-device',
  /** An unknown host key: connecting again asks the question once more. */
  'trust-host-key',
  /** A changed host key: check it out of band, then forget the stored one (the Security page, issue 13). */
  'open-security',
  'open-diagnostics',
  /** The local port is held by an earlier tunnel of this app (another window's app, a `connect` left running). */
  'free-local-port',
  'open-logs',
  'start-tailscale',
  'log-in-tailscale',
  /** A link that drops often: set the profile's keepalive to values chosen from why it dropped. */
  'apply-stability-settings',
] as const;
export type FixAction = (typeof FIX_ACTIONS)[number];

/** What an area table says about one error kind: the action that fixes it, when a person can. */
export interface ErrorKindEntry {
  action?: FixAction;
}
