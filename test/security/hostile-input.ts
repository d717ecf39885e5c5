// The inputs the security suite throws at the app: shell and option injections that would touch a marker file if
// anything ran them, text with every kind of Unicode, and fragments near a parser's grammar so that fuzzing reaches
// past the first check. The generators are fast-check arbitraries; `MARKER_PAYLOADS` are fixed strings.
import fc from 'fast-check';

/** Each one creates `marker` if a shell, or ssh reading it as an option, ever ran it. */
export function markerPayloads(marker: string): string[] {
  return [
    `-oProxyCommand=touch ${marker}`,
    `-oProxyCommand=sh -c 'touch ${marker}'`,
    `$(touch ${marker})`,
    `\`touch ${marker}\``,
    `;touch ${marker}`,
    `x;touch ${marker};`,
    `x && touch ${marker}`,
    `x | touch ${marker}`,
    `x\ntouch ${marker}`,
    `x\r\ntouch ${marker}\n`,
    `'; touch ${marker}; '`,
    `"; touch ${marker}; "`,
    `--help\ntouch ${marker}`,
    `\${IFS}touch\${IFS}${marker}`,
  ];
}

/** Pieces that mean something to one of the app's parsers or to a shell. */
const SPECIAL_PIECES = [
  '@',
  ':',
  '[',
  ']',
  '-',
  '--',
  '-o',
  '%',
  '%h',
  '%%',
  '~',
  '~root',
  '${HOME}',
  '${',
  '$(',
  '`',
  ';',
  '|',
  '&',
  '\n',
  '\r',
  '\t',
  ' ',
  '\0',
  '\u202e',
  '\u2066',
  '\ufeff',
  '\u0085',
  '\ud800',
  '"',
  "'",
  '\\',
  ',',
  '!',
  '*',
  '?',
  '#',
  '|1|',
  '=',
  '::1',
  'fe80::1%eth0',
  '127.0.0.1',
  'localhost',
  '65535',
  '65536',
  '0',
  '-1',
  '99999999999999999999',
  '__proto__',
  'constructor',
  'x'.repeat(300),
];

/** A string assembled from grammar pieces, ordinary words and arbitrary Unicode. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 4,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.constantFrom(...SPECIAL_PIECES),
          fc.stringMatching(/^[a-z0-9._-]{1,8}$/),
          fc.string({ unit: 'binary', maxLength: 3 }),
        ),
        { maxLength: 8 },
      )
      .map((pieces) => pieces.join('')),
  },
);

/** Any JSON-like value, including prototype-looking keys and numbers JSON cannot carry. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 3,
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
    withUnicodeString: true,
  }),
  hostileText,
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 2 ** 53, 1e308, -1, 0.5, 65536),
);

/** Any value JSON text can carry (for parsers that read text): JSON values, hostile strings, edge numbers. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileText,
  fc.constantFrom(-1, 0, 0.5, 65536, 2 ** 53, 1e308, null, true, [], {}),
);
