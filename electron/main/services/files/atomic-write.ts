// Replaces a file so that a reader, or a crash at any moment, sees either the old content or the new, never a
// half-written file: the bytes go to a fresh temporary file beside the target, reach the disk, and one rename swaps
// them in. The temporary file is created with the final mode, so the content is never readable by others, not even
// for an instant.
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeFileAtomically(file: string, data: string | Uint8Array, mode: number): void {
  // Same directory, so the rename never crosses file systems; a random name, so two writers never share one.
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx' refuses to reuse anything already at that name, a planted symlink included.
  const descriptor = openSync(temporary, 'wx', mode);
  try {
    try {
      writeFileSync(descriptor, data);
      // Explicitly, because the mode given to open() is cut by the umask (a kept 0664 would become 0644).
      fchmodSync(descriptor, mode);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, file);
    syncDirectory(path.dirname(file));
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Makes the rename durable. Best effort: the new content is already complete on disk either way. */
function syncDirectory(dir: string): void {
  try {
    const descriptor = openSync(dir, 'r');
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself has happened.
  }
}
