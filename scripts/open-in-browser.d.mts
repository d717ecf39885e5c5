// Types of open-in-browser.mjs for the TypeScript side (the demo).
export function openInBrowser(url: string): void;
