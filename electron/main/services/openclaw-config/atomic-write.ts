// Replacing a config file without ever leaving half of it (files/atomic-write.ts), after keeping the previous
// content as `<file>.bak`, with older backups shifted to `.bak.1` … `.bak.4`: the same ring the OpenClaw CLI keeps.
import path from 'node:path';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { writeFileAtomically } from '../files/atomic-write';
import type { Files } from '../system/system';

const OLDER_BACKUPS = 4;

export interface AtomicReplacement {
  /** The file replaced (a real path, not a symlink); its directory exists. */
  path: string;
  text: string;
  /** Permission bits of the new file. */
  mode: number;
  /** The content being replaced, kept as the newest backup; undefined when there is no file yet. */
  previous?: string;
}

/** Writes the file; returns the backup's path when there was one. Throws an AppFailure and leaves no temp file. */
export function replaceFileAtomically(files: Files, replacement: AtomicReplacement): string | undefined {
  const { path: file, text, mode, previous } = replacement;
  try {
    let backup: string | undefined;
    if (previous !== undefined) {
      backup = `${file}.bak`;
      for (let index = OLDER_BACKUPS - 1; index >= 0; index--) {
        renameIfExists(files, index === 0 ? backup : `${backup}.${index}`, `${backup}.${index + 1}`);
      }
      // The backup holds the token the old file held, so it is the owner's alone whatever the file's mode.
      writeFileAtomically(files, backup, previous, 0o600);
    }
    writeFileAtomically(files, file, text, mode);
    return backup;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new AppFailure(
      appError(
        'openclaw-config-write-failed',
        `Could not write your OpenClaw config ${file} (${code}).`,
        `Check that you may write to ${path.dirname(file)} ("ls -ld ${path.dirname(file)}").`,
      ),
    );
  }
}

function renameIfExists(files: Files, from: string, to: string): void {
  try {
    files.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
