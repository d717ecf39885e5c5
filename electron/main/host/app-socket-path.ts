// Where the running app listens for the `openclaw-remote` command line: `app.sock` in the data folder, which is the
// user's alone (0700). A Unix socket's path has to fit the kernel's sun_path (104 bytes on macOS, 108 on Linux, each
// with its closing NUL); a data folder too deep for that gets no socket, and the CLI works in its own process.
import path from 'node:path';

export const APP_SOCKET_NAME = 'app.sock';

const SUN_PATH_BYTES: Partial<Record<NodeJS.Platform, number>> = { darwin: 104, linux: 108 };
/** The smaller of the two, for a platform we do not know. */
const DEFAULT_SUN_PATH_BYTES = 104;

export type AppSocketPath = { usable: true; path: string } | { usable: false; path: string; why: string };

export function appSocketPath(dataDir: string, platform: NodeJS.Platform): AppSocketPath {
  const socketPath = path.join(dataDir, APP_SOCKET_NAME);
  const limit = (SUN_PATH_BYTES[platform] ?? DEFAULT_SUN_PATH_BYTES) - 1;
  const bytes = Buffer.byteLength(socketPath);
  if (bytes <= limit) return { usable: true, path: socketPath };
  return {
    usable: false,
    path: socketPath,
    why: `${socketPath} is ${bytes} bytes long, more than the ${limit} a Unix socket's path may have here`,
  };
}
