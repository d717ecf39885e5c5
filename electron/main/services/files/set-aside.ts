// Moves a file the app cannot use (corrupted, hand-broken, written by a newer version) out of the way under a name
// that says when, so the app can start from defaults while the user's bytes survive untouched, to repair or restore.
import type { Files } from '../system/system';

/** Renames `file` to `<file>.broken-<time>` (never over an earlier one) and returns the new path. */
export function setAside(files: Files, file: string, now: Date): string {
  // ':' is not allowed in file names on Windows and shows as '/' in the macOS Finder.
  const stamp = now.toISOString().replaceAll(':', '-');
  let aside = `${file}.broken-${stamp}`;
  for (let attempt = 2; files.existsSync(aside); attempt += 1) aside = `${file}.broken-${stamp}-${attempt}`;
  files.renameSync(file, aside);
  return aside;
}
