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
  const json5 = parseJson5Text(json);
  if (!json5.ok) return `not valid JSON at ${json5.where}`;
  return 'not valid JSON (it holds a comment or other syntax JSON does not allow)';
}

/** JSON5 (OpenClaw's config format), or where it breaks: "line L, column C", never the text around it. */
export function parseJson5Text(text: string): { ok: true; value: unknown } | { ok: false; where: string } {
  try {
    return { ok: true, value: JSON5.parse(text) };
  } catch (error) {
    // json5 quotes the offending character, which could be part of a token: only the position is passed on.
    const { lineNumber, columnNumber } = error as { lineNumber?: unknown; columnNumber?: unknown };
    return {
      ok: false,
      where:
        typeof lineNumber === 'number' && typeof columnNumber === 'number'
          ? `line ${lineNumber}, column ${columnNumber}`
          : 'an unknown position',
    };
  }
}
