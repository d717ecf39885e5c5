// The errors of reading and writing an OpenClaw config (this Mac's CLI config and the host's), each with the action
// that fixes it when only a person can.
import type { ErrorKindEntry } from '../error-actions';

export const OPENCLAW_CONFIG_ERRORS = {
  'openclaw-config-include': {},
  'openclaw-config-invalid': {},
  'openclaw-config-missing': {},
  'openclaw-config-no-tunnel': {},
  'openclaw-config-not-importable': {},
  'openclaw-config-remote-mode': {},
  'openclaw-config-too-large': {},
  'openclaw-config-unreadable': {},
  'openclaw-config-write-failed': {},
  'openclaw-nothing-to-import': {},
} as const satisfies Record<string, ErrorKindEntry>;
export type OpenclawConfigErrorKind = keyof typeof OPENCLAW_CONFIG_ERRORS;
