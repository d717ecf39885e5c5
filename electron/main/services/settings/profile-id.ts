// Profile IDs: a slug of the name plus a short random suffix, so an ID still says which profile it was made for in
// the settings file or a secret's name, yet never repeats when a name comes back after a rename or a removal.
// Here with the settings file, which keys profiles by ID and whose migration makes the first one; profiles/ uses it.
import { randomBytes } from 'node:crypto';

const SLUG_LENGTH = 40;

/** Matches PROFILE_ID_PATTERN: at most 40 + 1 + 8 characters of [a-z0-9-], starting with a letter or digit. */
export function newProfileId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .slice(0, SLUG_LENGTH)
    .replace(/^-+|-+$/gu, '');
  return `${slug || 'profile'}-${randomBytes(4).toString('hex')}`;
}
