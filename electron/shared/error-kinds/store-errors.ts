// The errors of what the app keeps: profiles and their tokens, the settings file and the secret store, each with
// the action that fixes it when only a person can.
import type { ErrorKindEntry } from '../error-actions';

export const STORE_ERRORS = {
  'identity-file-invalid': { action: 'edit-profile' },
  'identity-file-missing': { action: 'edit-profile' },
  'identity-file-unprotected': {},
  'invalid-profile': {},
  'invalid-settings': { action: 'open-logs' },
  'invalid-token': {},
  'no-primary-profile': {},
  'no-profiles': {},
  'profile-name-taken': {},
  'profile-not-found': {},
  'secret-unreadable': {},
  'secrets-encryption-unavailable': {},
  'secrets-invalid': {},
  'secrets-unavailable': {},
  'secrets-unencrypted': {},
  'settings-invalid': {},
  'settings-newer-version': {},
  'settings-unavailable': {},
} as const satisfies Record<string, ErrorKindEntry>;
export type StoreErrorKind = keyof typeof STORE_ERRORS;
