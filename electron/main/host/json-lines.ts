// Newline-delimited JSON on a byte stream, as the app's socket carries the contract: cuts a stream into lines of at
// most `maxBytes` each, so neither end ever holds more than that of a message that has not ended.

/** A frame a client sends, on any of the app's JSON transports: settings payloads are small; more is a bug or an attack. */
export const MAX_FRAME_BYTES = 1024 * 1024;

/**
 * Returns the function to feed each chunk to: it calls `onLine` with each whole line (empty lines skipped) and, the
 * first time a line grows past `maxBytes`, `onOversize` instead; from then on it reads nothing more.
 */
export function jsonLineReader(
  maxBytes: number,
  onLine: (text: string) => void,
  onOversize: () => void,
): (chunk: Buffer) => void {
  let parts: Buffer[] = [];
  let size = 0;
  let refused = false;
  const refuse = () => {
    refused = true;
    parts = [];
    onOversize();
  };
  return (chunk) => {
    let start = 0;
    while (!refused) {
      const end = chunk.indexOf(0x0a, start);
      const piece = chunk.subarray(start, end === -1 ? chunk.length : end);
      if (size + piece.length > maxBytes) return refuse();
      if (end === -1) {
        if (piece.length > 0) parts.push(piece);
        size += piece.length;
        return;
      }
      const line = Buffer.concat([...parts, piece]).toString('utf8');
      parts = [];
      size = 0;
      start = end + 1;
      if (line.trim() !== '') onLine(line);
    }
  };
}

export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
