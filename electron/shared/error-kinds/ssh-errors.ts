// The errors of the SSH layer (config, host keys, login, tunnel, commands on the host), each with the action that
// fixes it when only a person can. The kinds are the keys: a kind not listed here does not compile.
import type { ErrorKindEntry } from '../error-actions';

export const SSH_ERRORS = {
  'auth-failed': { action: 'edit-profile' },
  'connection-failed': {},
  'connection-lost': {},
  'dns-failed': {},
  'forward-failed': {},
  'forward-timeout': {},
  'forwarding-prohibited': {},
  'handshake-failed': {},
  'handshake-timeout': {},
  'host-key-changed': { action: 'open-security' },
  'host-key-check-failed': { action: 'open-logs' },
  /** Forgetting a host key found other known_hosts lines than the ones the person confirmed. */
  'host-key-list-changed': { action: 'open-security' },
  'host-key-malformed': {},
  /** Forgetting a host key of a profile that reaches its Gateway at a URL. */
  'host-key-needs-ssh': {},
  'host-key-prompt-failed': {},
  'host-key-unasked': { action: 'trust-host-key' },
  'host-key-refused': { action: 'edit-profile' },
  'host-key-revoked': { action: 'edit-profile' },
  'host-key-unknown': { action: 'trust-host-key' },
  'host-unreachable': {},
  'invalid-argument': {},
  'invalid-target': { action: 'edit-profile' },
  'known-hosts-unreadable': {},
  'known-hosts-write-failed': {},
  'local-listen-failed': { action: 'edit-profile' },
  'local-port-in-use': { action: 'edit-profile' },
  /** Freeing the port found no earlier tunnel of ours holding it (any more). */
  'port-not-ours': { action: 'open-diagnostics' },
  /** The earlier tunnel was asked to end and did not let go of the port. */
  'port-not-freed': { action: 'edit-profile' },
  'prompt-unanswered': {},
  'proxyjump-refused': { action: 'edit-profile' },
  'remote-command-failed': {},
  'remote-command-timeout': {},
  'remote-file-too-large': {},
  'remote-not-a-file': {},
  'remote-output-too-large': { action: 'open-logs' },
  'remote-permission-denied': {},
  'remote-read-failed': {},
  'remote-read-timeout': {},
  'sftp-unavailable': {},
  'ssh-config-invalid': { action: 'edit-profile' },
  'ssh-config-timeout': {},
  'ssh-config-unreadable': {},
  'ssh-config-unsupported': { action: 'edit-profile' },
  'ssh-link-down': {},
  'ssh-unavailable': {},
  // The Security page's SSH key (issue 13): writing a new key here, and installing it on the host.
  'remote-write-failed': {},
  'ssh-key-write-failed': {},
  /** Installing a key needs one: the section's "Generate a new Ed25519 key" makes it. */
  'ssh-key-missing': {},
} as const satisfies Record<string, ErrorKindEntry>;
export type SshErrorKind = keyof typeof SSH_ERRORS;
