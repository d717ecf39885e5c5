// Types of open-in-browser.mjs for the TypeScript side (the demo).
/** Whether an opener was started. */
export function openInBrowser(url: string): boolean;
