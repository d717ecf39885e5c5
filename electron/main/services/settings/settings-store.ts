// The app's settings in settings.json, through conf (plain Node) or electron-store (Electron): every change checked
// against the settings schema before anything is written, a file that cannot be used set aside with its bytes intact
// and reported while the app carries on, and a listener told of every change. A valid file at this settings version
// is read without conf, which opens at the first write: compiling its JSON Schema is much of a CLI command's start.
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { appError, type AppError } from '../../../shared/errors';
import { settingsSchema, type Settings } from '../../../shared/settings';
import { AppFailure } from '../../app-failure';
import { setAside } from '../files/set-aside';
import { describeIssues } from '../../describe-issues';
import type { Files, System } from '../system/system';
import { checkSettingsFile, type SettingsFileProblem } from './settings-file-check';
import {
  DATA_DIR_MODE,
  settingsFilePath,
  settingsStoreOptions,
  type SettingsBackend,
  type SettingsBackendFactory,
  type SettingsStoreOptions,
} from './settings-store-options';

export interface SettingsStore {
  readonly path: string;
  /** Each time the file could not be used: what was wrong and where the file went, for the app to show. */
  readonly problems: readonly AppError[];
  settings(): Settings;
  /**
   * Applies `mutate` to a copy of the settings as saved now (another process, such as the CLI, may have changed
   * them) and saves the result. A result that is not valid settings throws an AppFailure and saves nothing.
   */
  update(mutate: (draft: Settings) => Settings | void): Settings;
  /** `listener` hears the settings after every change saved here or found on disk; returns the unsubscribe. */
  onChange(listener: (settings: Settings) => void): () => void;
}

export interface SettingsStoreDeps {
  dataDir: string;
  backend: SettingsBackendFactory;
  system: System;
}

interface OpenedFile {
  /** undefined until the first write: the file was valid and current, so reading it needed no conf. */
  backend: SettingsBackend | undefined;
  settings: Settings;
  /** The file on disk was unusable and went aside; `settings` are the defaults that replaced it. */
  replaced: boolean;
}

type Attempt = { ok: true; backend: SettingsBackend; settings: Settings } | { ok: false; reason: string };

export function openSettingsStore({ dataDir, backend: openBackend, system }: SettingsStoreDeps): SettingsStore {
  const { files, clock } = system;
  // The backend's options hold its JSON Schema, made from the zod schema: made when the backend first opens.
  let options: SettingsStoreOptions | undefined;
  const openStoreBackend = () => openBackend((options ??= settingsStoreOptions(dataDir)));
  const file = settingsFilePath(dataDir);
  const problems: AppError[] = [];
  const listeners = new Set<(settings: Settings) => void>();

  /** `inUse`: while the app runs, the settings that replace the file; at launch the defaults do. */
  function setAsideAndReport(problem: SettingsFileProblem, inUse: boolean): void {
    problems.push(report(problem, setAside(files, file, new Date(clock.now())), file, inUse));
  }

  function attempt(): Attempt {
    let backend: SettingsBackend;
    try {
      ownerOnlyFolder(files, dataDir);
      backend = openStoreBackend();
    } catch (error) {
      // A file system error (permissions, a full disk) says nothing about the file's content: nothing is set aside.
      if (isSystemError(error)) throw unavailable(file, error.message);
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    const parsed = settingsSchema.safeParse(backend.store);
    return parsed.success
      ? { ok: true, backend, settings: parsed.data }
      : { ok: false, reason: describeIssues(parsed.error) };
  }

  /** The file as it is on disk now, migrated by conf if it is old. `inUse`: the app is running with settings. */
  function openFile(inUse: boolean): OpenedFile {
    const text = readIfPresent(files, file);
    const check = text === undefined ? undefined : checkSettingsFile(text);
    if (check?.ok && check.current) {
      // Nothing to migrate, and the zod schema has checked all that conf's JSON Schema (made from it) would.
      try {
        ownerOnlyFolder(files, dataDir);
      } catch (error) {
        throw unavailable(file, error instanceof Error ? error.message : String(error));
      }
      return { backend: undefined, settings: check.settings, replaced: false };
    }
    const problem = check?.ok === false ? check.problem : undefined;
    if (problem) setAsideAndReport(problem, inUse);
    const first = attempt();
    if (first.ok) return { ...first, replaced: problem !== undefined };
    // conf refused what the check accepted; the file goes aside all the same, and a fresh one holds the defaults.
    if (readIfPresent(files, file) === undefined) throw unavailable(file, first.reason);
    setAsideAndReport({ kind: 'settings-invalid', reason: first.reason }, inUse);
    const fresh = attempt();
    if (!fresh.ok) throw unavailable(file, fresh.reason);
    return { ...fresh, replaced: true };
  }

  /** Writes `settings` and returns them as the file now holds them (a key left undefined is simply absent). */
  function save(settings: Settings): Settings {
    const saved = JSON.parse(JSON.stringify(settings)) as Settings;
    try {
      backend ??= openStoreBackend();
      backend.store = saved;
    } catch (error) {
      if (isSystemError(error)) throw unavailable(file, error.message);
      // conf's own schema check, of the file as it opened or of these settings; the zod schema passed, so the two
      // disagree.
      throw new AppFailure(
        appError(
          'invalid-settings',
          `The settings were not saved: ${error instanceof Error ? error.message : String(error)}`,
          'This is a fault in OpenClaw Remote; please report it with the last lines of the Logs section.',
        ),
      );
    }
    return saved;
  }

  function notify(): void {
    for (const listener of listeners) listener(current);
  }

  let { backend, settings: current } = openFile(false);

  return {
    path: file,
    problems,
    settings: () => current,
    update(mutate) {
      const opened = openFile(true);
      backend = opened.backend;
      if (opened.replaced) {
        // The file went bad while the app ran: the settings in memory are the last good ones, so they go back on disk.
        save(current);
      } else if (!isDeepStrictEqual(opened.settings, current)) {
        current = opened.settings;
        notify();
      }
      const draft = structuredClone(current);
      const parsed = settingsSchema.safeParse(mutate(draft) ?? draft);
      if (!parsed.success) {
        throw new AppFailure(appError('invalid-settings', describeIssues(parsed.error), 'Nothing was saved.'));
      }
      current = save(parsed.data);
      notify();
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function report(problem: SettingsFileProblem, aside: string, file: string, inUse: boolean): AppError {
  const replacement = inUse ? 'the settings in use were saved in its place' : 'default settings are in use';
  if (problem.kind === 'settings-newer-version') {
    return appError(
      problem.kind,
      `The settings file was moved to ${aside} unchanged: ${problem.reason}. Meanwhile ${replacement}.`,
      `To use those settings again, run the newer OpenClaw Remote, quit it, and move the file back to ${file}.`,
    );
  }
  return appError(
    problem.kind,
    `The settings file could not be used (${problem.reason}). It was moved to ${aside} unchanged, and ${replacement}.`,
    `Quit OpenClaw Remote, fix the file and move it back to ${file}, or set up your profiles again.`,
  );
}

function unavailable(file: string, reason: string): AppFailure {
  return new AppFailure(
    appError(
      'settings-unavailable',
      `OpenClaw Remote cannot use its settings file ${file}: ${reason}`,
      `Check that ${path.dirname(file)} exists and that your user account may write to it.`,
    ),
  );
}

function readIfPresent(files: Files, file: string): string | undefined {
  try {
    return files.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unavailable(file, error instanceof Error ? error.message : String(error));
  }
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/**
 * Creates the data folder for its owner alone (mkdir's mode is only ever narrowed by the umask, so even umask 000
 * gives 0700), and narrows one an earlier version or a loose umask left open to others.
 */
function ownerOnlyFolder(files: Files, dataDir: string): void {
  files.mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  if ((files.statSync(dataDir).mode & 0o077) !== 0) files.chmodSync(dataDir, DATA_DIR_MODE);
}
