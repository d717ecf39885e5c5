// Reading JSON that a person may have edited by hand: a byte order mark is skipped, as editors add one, and text that
// is not JSON is described by where it breaks (line and column), never by quoting it, since a file such as the
// secrets file may hold a token right next to the mistake.
import JSON5 from 'json5';

export type JsonText = { ok: true; value: unknown } | { ok: false; reason: string };

export function parseJsonText(text: string): JsonText {
  const json = text.replace(/^\uFEFF/u, '');
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch (error) {
    return { ok: false, reason: invalidJsonReason(json, error) };
  }
}

function invalidJsonReason(json: string, error: unknown): string {
  if (json.trim() === '') return 'the file is empty';
  // V8 names the line and column for some mistakes; for the others (an unexpected character) json5's parser does.
  const v8 = /\(line (\d+) column (\d+)\)/u.exec(error instanceof Error ? error.message : '');
  if (v8) return `not valid JSON at line ${v8[1]}, column ${v8[2]}`;
  try {
    JSON5.parse(json);
  } catch (json5Error) {
    const { lineNumber, columnNumber } = json5Error as { lineNumber?: unknown; columnNumber?: unknown };
    if (typeof lineNumber === 'number' && typeof columnNumber === 'number') {
      return `not valid JSON at line ${lineNumber}, column ${columnNumber}`;
    }
  }
  return 'not valid JSON (it holds a comment or other syntax JSON does not allow)';
}
