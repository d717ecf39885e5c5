// Every fix action has a button in the window and a step in the CLI, every error kind names a real action or
// none, and no hint sends a person to a page or command that the error's action does not lead to.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX_ACTIONS, type FixAction } from '../../electron/shared/error-actions';
import { ERROR_TABLES, fixActionOf } from '../../electron/shared/error-kinds';
import { CLI_FIX_STEPS } from '../../electron/main/host/cli/fix-steps';

// The window's table lives in the renderer's TypeScript project, which this one does not compile: load it by a
// path the type checker does not follow (vitest still transforms it), typed by what the test reads.
const windowTable = '../../renderer/components/fix-actions';
const { WINDOW_FIX_ACTIONS } = (await import(windowTable)) as {
  WINDOW_FIX_ACTIONS: Record<FixAction, { label: string } | undefined>;
};

const KINDS = Object.values(ERROR_TABLES).flatMap((table) => Object.keys(table));

/** What a hint may name, and the actions that lead there (the profile editor holds Fetch from host). */
const PLACES: [RegExp, readonly FixAction[]][] = [
  [/Diagnostics/, ['open-diagnostics']],
  [/\bLogs\b/, ['open-logs']],
  [/Security/, ['open-security']],
  [/Fetch from host/, ['fetch-token', 'enter-token', 'edit-profile']],
];

describe('fix actions', () => {
  it.each(FIX_ACTIONS)('%s has a window button and a CLI step', (action) => {
    expect(WINDOW_FIX_ACTIONS[action]?.label).toBeTruthy();
    expect(CLI_FIX_STEPS[action]({ profileName: 'home', requestId: 'r1' })).not.toBe('');
  });

  it('gives every error kind a known action or none, in one area only', () => {
    expect(new Set(KINDS).size).toBe(KINDS.length);
    for (const kind of KINDS) {
      const action = fixActionOf(kind);
      if (action !== undefined) expect(FIX_ACTIONS).toContain(action);
    }
  });

  it('lets a hint name a page or Fetch from host only when its kind’s action leads there', () => {
    const wrong: string[] = [];
    for (const file of sourceFiles('electron/main')) {
      const text = readFileSync(file, 'utf8');
      for (const { kind, args } of kindedCalls(text)) {
        const said = withConstants(args, text);
        for (const [place, actions] of PLACES) {
          const action = fixActionOf(kind);
          if (place.test(said) && (action === undefined || !actions.includes(action))) {
            wrong.push(`${file}: ${kind} names ${place.source} but its action is ${action ?? 'none'}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Each quoted error kind in a call's arguments, with the rest of that call (the sentence and the hint). */
function kindedCalls(text: string): { kind: string; args: string }[] {
  const found: { kind: string; args: string }[] = [];
  for (const match of text.matchAll(/'([a-z][a-z0-9-]*)'/g)) {
    const kind = match[1]!;
    if (!KINDS.includes(kind) || !/[(,]\s*$/.test(text.slice(0, match.index))) continue;
    found.push({ kind, args: restOfCall(text, match.index + match[0].length) });
  }
  return found;
}

/** The text up to the parenthesis that closes the call, not counting parentheses inside quotes. */
function restOfCall(text: string, from: number): string {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < text.length; i += 1) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth += 1;
    else if (c === ')' && (depth -= 1) < 0) return text.slice(from, i);
  }
  return text.slice(from);
}

/** The arguments with the text of the file's constants they use, two levels deep (a hint built from parts). */
function withConstants(args: string, text: string, depth = 2): string {
  let said = args;
  for (const [, name] of args.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\b/g)) {
    const definition = new RegExp(`const ${name!} =([^;]*);`).exec(text)?.[1];
    if (definition) said += depth > 0 ? withConstants(definition, text, depth - 1) : definition;
  }
  return said;
}
