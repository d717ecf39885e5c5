// Checks a profile's identity file the way OpenSSH will once it loads the key: `~` expanded against the user's home,
// the file present, and closed to other users, since ssh refuses a key others can read ("UNPROTECTED PRIVATE KEY
// FILE"). Failing here, with the command that fixes it, beats failing at the first connect.
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { StoreErrorKind } from '../../../shared/error-kinds/store-errors';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { expandTilde } from '../ssh/ssh-config';
import type { Files } from '../system/system';

export function checkIdentityFile(files: Files, file: string, homeDir: string): void {
  // The same expansion the SSH route applies when it connects.
  const expanded = expandTilde(file, homeDir, `The identity file ${file}`);
  if (!path.isAbsolute(expanded)) {
    refuse('identity-file-invalid', `The identity file path ${file} is not a full path.`, 'Start it with / or ~/.');
  }
  let stats: Stats;
  try {
    stats = files.statSync(expanded);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      refuse('identity-file-missing', `The identity file ${file} does not exist.`, PATH_HINT);
    }
    refuse('identity-file-invalid', `The identity file ${file} cannot be read (${code ?? String(error)}).`, PATH_HINT);
  }
  if (!stats.isFile()) refuse('identity-file-invalid', `The identity file ${file} is not a file.`, PATH_HINT);
  const mode = stats.mode;
  if ((mode & 0o077) !== 0) {
    refuse(
      'identity-file-unprotected',
      `The identity file ${file} is readable by other users (mode ${(mode & 0o777).toString(8)}); OpenSSH refuses such keys.`,
      `Run chmod 600 ${shellQuoted(expanded)}`,
    );
  }
}

const PATH_HINT = 'Check the path, or leave the identity file empty to use ssh-agent and ~/.ssh/config.';

function refuse(kind: StoreErrorKind, message: string, hint: string): never {
  throw new AppFailure(appError(kind, message, hint));
}

/** The path as it can be pasted into a shell. */
function shellQuoted(text: string): string {
  return /^[\w@%+=:,./-]+$/u.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
