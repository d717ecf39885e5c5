// The sidebar's icons, drawn as inline SVG in the manner of SF Symbols (no icon font, nothing fetched): one outline
// glyph per section in the text's colour, so the selected row's white and dark mode need nothing of their own.
import type { ReactNode } from 'react';

/** Each glyph on a 20×20 grid, stroked at 1.5 like SF Symbols' regular weight. */
const GLYPHS: Record<string, ReactNode> = {
  // gearshape
  general: (
    <>
      <circle cx="10" cy="10" r="2.6" />
      <path d="M10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4" />
      <circle cx="10" cy="10" r="5.4" />
    </>
  ),
  // point.3.connected.trianglepath.dotted: the tailnet's devices and the paths between them
  tailscale: (
    <>
      <circle cx="10" cy="4.5" r="2" />
      <circle cx="4.5" cy="15" r="2" />
      <circle cx="15.5" cy="15" r="2" />
      <path d="M9 6.3 5.5 13.2M11 6.3l3.5 6.9M6.5 15h7" strokeDasharray="1.6 1.6" />
    </>
  ),
  // lock.shield
  security: (
    <>
      <path d="M10 2.5 4 4.8v4.6c0 3.7 2.5 6.8 6 8.1 3.5-1.3 6-4.4 6-8.1V4.8L10 2.5Z" />
      <rect x="7.3" y="9.2" width="5.4" height="4.3" rx="0.8" />
      <path d="M8.4 9.2V8a1.6 1.6 0 0 1 3.2 0v1.2" />
    </>
  ),
  // stethoscope
  diagnostics: (
    <>
      <path d="M5 3v4.5a3.5 3.5 0 0 0 7 0V3" />
      <path d="M8.5 11v1.5a4 4 0 0 0 8 0V11" />
      <circle cx="16.5" cy="9.3" r="1.7" />
    </>
  ),
  // doc.plaintext
  logs: (
    <>
      <path d="M5.5 2.5h6.2l3.8 3.8v11.2h-10Z" />
      <path d="M11.5 2.5v4h4M7.8 9.5h4.6M7.8 12h4.6M7.8 14.5h3" />
    </>
  ),
  // info.circle
  about: (
    <>
      <circle cx="10" cy="10" r="7.5" />
      <path d="M10 9v5M8.5 14h3" />
      <circle cx="10" cy="6.3" r="0.4" fill="currentColor" />
    </>
  ),
};

/** A section with no glyph of its own (one added later) gets a plain square, so the rows stay aligned. */
const FALLBACK = <rect x="3.5" y="3.5" width="13" height="13" rx="3" />;

export function SectionIcon({ section }: { section: string }) {
  return (
    <svg
      className="section-icon"
      viewBox="0 0 20 20"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {GLYPHS[section] ?? FALLBACK}
    </svg>
  );
}
