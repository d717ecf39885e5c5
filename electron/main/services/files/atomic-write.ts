// Replaces a file so that a reader, or a crash at any moment, sees either the old content or the new, never a
// half-written file: the bytes go to a fresh temporary file beside the target, reach the disk, and one rename swaps
// them in. The temporary file is created with the final mode, so the content is never readable by others, not even
// for an instant. A process killed before the rename leaves its temporary file behind; the owner removes such
// leftovers when it opens the file again.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Files } from '../system/system';

/**
 * A writer's temporary file lives for one write and its fsync; one older than this was left by a process killed
 * before its rename, never one another process is still writing.
 */
export const LEFTOVER_AFTER_MS = 60_000;

export function writeFileAtomically(files: Files, file: string, data: string | Uint8Array, mode: number): void {
  // Same directory, so the rename never crosses file systems; a random name, so two writers never share one.
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx' refuses to reuse anything already at that name, a planted symlink included.
  const descriptor = files.openSync(temporary, 'wx', mode);
  try {
    try {
      files.writeFileSync(descriptor, data);
      // Explicitly, because the mode given to open() is cut by the umask (a kept 0664 would become 0644).
      files.fchmodSync(descriptor, mode);
      files.fsyncSync(descriptor);
    } finally {
      files.closeSync(descriptor);
    }
    files.renameSync(temporary, file);
    syncDirectory(files, path.dirname(file));
  } catch (error) {
    files.rmSync(temporary, { force: true });
    throw error;
  }
}

/** Makes the rename durable. Best effort: the new content is already complete on disk either way. */
function syncDirectory(files: Files, dir: string): void {
  try {
    const descriptor = files.openSync(dir, 'r');
    try {
      files.fsyncSync(descriptor);
    } finally {
      files.closeSync(descriptor);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself has happened.
  }
}

/**
 * Removes the temporary files of writes to `file` that a killed process left behind (each a whole copy of the file as
 * it was then: for the secrets file, secrets that may since have been deleted). Best effort: what cannot be listed or
 * removed stays.
 */
export function removeLeftoverTemporaries(files: Files, file: string, now: number): void {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  // The name writeFileAtomically gives: the prefix, 12 hex digits, .tmp.
  const leftover = (name: string) => name.startsWith(prefix) && /^[0-9a-f]{12}\.tmp$/u.test(name.slice(prefix.length));
  let names: string[];
  try {
    names = files.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.filter(leftover)) {
    try {
      const temporary = path.join(dir, name);
      if (now - files.statSync(temporary).mtimeMs >= LEFTOVER_AFTER_MS) files.rmSync(temporary, { force: true });
    } catch {
      // Renamed or removed meanwhile by its writer, or not ours to remove: either way, nothing to do.
    }
  }
}
