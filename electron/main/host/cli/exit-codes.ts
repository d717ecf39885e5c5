// The CLI's exit codes, documented in the README and in `openclaw-remote --help`, so scripts can tell a typo from
// a refused input and from a connection that did not come up.
export const EXIT = {
  /** Done; for `status`, the Gateway answered its health check. */
  ok: 0,
  /** The connection or the check failed (the error says why). */
  failed: 1,
  /** The command line itself is wrong: unknown command or flag, missing argument. */
  usage: 2,
  /** An input was refused: a profile field, an unknown profile, a token file, a broken settings file. */
  invalid: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
