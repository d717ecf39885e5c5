// The errors of the Tailscale CLI, tailnet status, discovery and switching, each with the action that fixes it
// when only a person can.
import type { ErrorKindEntry } from '../error-actions';

export const TAILSCALE_ERRORS = {
  'tailscale-cli-crashed': {},
  'tailscale-cli-failed': {},
  'tailscale-cli-timeout': {},
  'tailscale-cli-unusable': {},
  'tailscale-device-not-found': { action: 'edit-profile' },
  'tailscale-device-unaddressable': {},
  'tailscale-no-gateway': {},
  'tailscale-not-installed': {},
  'tailscale-status-invalid': {},
  'tailscale-switch-failed': {},
  'tailscale-switch-list-unreadable': {},
  'tailscale-tailnet-unknown': {},
  // A tailnet that is not running, as `tailscale devices` reports it: one kind per state of tailscale status.
  'tailscale-daemon-not-running': { action: 'start-tailscale' },
  'tailscale-stopped': { action: 'start-tailscale' },
  'tailscale-needs-login': { action: 'log-in-tailscale' },
  'tailscale-needs-machine-auth': {},
  'tailscale-starting': {},
  'tailscale-in-use-other-user': {},
  'tailscale-unknown': {},
} as const satisfies Record<string, ErrorKindEntry>;
export type TailscaleErrorKind = keyof typeof TAILSCALE_ERRORS;
