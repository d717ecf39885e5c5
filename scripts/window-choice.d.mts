// Types of window-choice.mjs for the TypeScript side (its unit test).
export type WindowChoice = { kind: 'electron'; binary: string } | { kind: 'browser'; why: string };

export function chooseWindow(facts: {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  electronRuntime: () => { binary: string } | { error: string };
}): WindowChoice;

export function firstReason(output: string): string;
