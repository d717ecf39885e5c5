// Logs: two tabs, the connected Gateway's own log followed live through `gateway-log:tail` (level colours, pause,
// filter, copy, older lines), and the app's own redacted log through `log:recent` and the `log:entry` event.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { GatewayLogLevel, GatewayLogLine } from '../../electron/shared/gateway-log';
import { GATEWAY_LOG_MAX_LINES, GATEWAY_LOG_MAX_WINDOW_BYTES } from '../../electron/shared/gateway-log';
import type { AppError } from '../../electron/shared/errors';
import type { LogEntry } from '../../electron/shared/log-entry';
import { api } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { useConnectionStatus } from '../components/use-event';
import { useRequest } from '../components/use-request';

type TabId = 'gateway' | 'app';
const TABS: { id: TabId; label: string }[] = [
  { id: 'gateway', label: 'Gateway log' },
  { id: 'app', label: 'App log' },
];

export function LogsPage() {
  const [tab, setTab] = useState<TabId>('gateway');
  const tabRefs = useRef<Partial<Record<TabId, HTMLButtonElement | null>>>({});
  // Arrow keys move between tabs, as in any tab list.
  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const next = TABS[(TABS.findIndex((t) => t.id === tab) + 1) % TABS.length]!.id;
    setTab(next);
    tabRefs.current[next]?.focus();
  }
  return (
    <section aria-labelledby="logs-title">
      <h2 id="logs-title">Logs</h2>
      <div className="tabs" role="tablist" aria-label="Which log" onKeyDown={onKeyDown}>
        {TABS.map(({ id, label }) => (
          <button
            key={id}
            ref={(element) => {
              tabRefs.current[id] = element;
            }}
            type="button"
            role="tab"
            id={`logs-tab-${id}`}
            aria-controls={`logs-panel-${id}`}
            aria-selected={tab === id}
            tabIndex={tab === id ? 0 : -1}
            className={tab === id ? 'tab selected' : 'tab'}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`logs-panel-${tab}`} aria-labelledby={`logs-tab-${tab}`}>
        {tab === 'gateway' ? <GatewayLogPane /> : <AppLogPane />}
      </div>
    </section>
  );
}

/** How often the page asks for what the Gateway wrote since, while it follows. */
const FOLLOW_INTERVAL_MS = 1000;
/** The first read's window; "Load older lines" widens it fourfold each time, up to what one read allows. */
const FIRST_WINDOW_BYTES = 64 * 1024;

const LEVEL_FILTERS: { value: string; label: string; shows: readonly GatewayLogLevel[] | undefined }[] = [
  { value: 'all', label: 'All levels', shows: undefined },
  { value: 'info', label: 'Info and above', shows: ['info', 'warn', 'error', 'fatal'] },
  { value: 'warn', label: 'Warnings and errors', shows: ['warn', 'error', 'fatal'] },
  { value: 'error', label: 'Errors only', shows: ['error', 'fatal'] },
];

interface ShownLine extends GatewayLogLine {
  id: number;
}

interface Follow {
  lines: ShownLine[];
  cursor: number;
  file: string;
  windowBytes: number;
  olderAvailable: boolean;
}

function GatewayLogPane() {
  const live = useConnectionStatus();
  const status = live.status;
  const profileId =
    status && (status.state === 'connected' || status.state === 'degraded') ? status.profileId : undefined;
  const [connectError, setConnectError] = useState<AppError | undefined>(undefined);
  const [connecting, setConnecting] = useState(false);

  if (!status) return live.error ? <ErrorNotice error={live.error} /> : <p className="muted">Loading…</p>;
  if (!profileId) {
    const under = status.state === 'connecting' || status.state === 'reconnecting';
    return (
      <div className="logs-offline">
        <p>
          {under
            ? `The Gateway’s log is read through the connection, which is still coming up${status.profileName ? ` to ${status.profileName}` : ''}.`
            : 'The Gateway’s log is read through the connection: connect a profile to follow it here.'}
        </p>
        {under ? null : (
          <button
            type="button"
            className="primary"
            disabled={connecting}
            onClick={() => {
              setConnecting(true);
              setConnectError(undefined);
              void api.invoke('connection:connect', {}).then((result) => {
                setConnecting(false);
                if (result.ok) live.accept(result.value);
                else setConnectError(result.error);
              });
            }}
          >
            Connect
          </button>
        )}
        {connectError ? <ErrorNotice error={connectError} /> : null}
      </div>
    );
  }
  return <GatewayLogFollow key={profileId} profileId={profileId} />;
}

function GatewayLogFollow({ profileId }: { profileId: string }) {
  const [follow, setFollow] = useState<Follow | undefined>(undefined);
  const [error, setError] = useState<AppError | undefined>(undefined);
  const [paused, setPaused] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [text, setText] = useState('');
  const [levelFilter, setLevelFilter] = useState('all');
  const [copied, setCopied] = useState<string | undefined>(undefined);
  /** Bumped by a read that failed, so the next one is still scheduled (a timeout need not end the follow). */
  const [failures, setFailures] = useState(0);
  const nextId = useRef(0);
  const listRef = useRef<HTMLOListElement>(null);
  const stickToEnd = useRef(true);

  const numbered = (lines: GatewayLogLine[]): ShownLine[] => lines.map((line) => ({ ...line, id: nextId.current++ }));

  // The first page, and again with a wider window when older lines are asked for.
  async function readWindow(windowBytes: number): Promise<boolean> {
    const result = await api.invoke('gateway-log:tail', { profileId, windowBytes, limit: GATEWAY_LOG_MAX_LINES });
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    const page = result.value;
    setError(undefined);
    setFollow({
      lines: numbered(page.lines),
      cursor: page.cursor,
      file: page.file,
      windowBytes,
      olderAvailable: page.olderAvailable,
    });
    return true;
  }

  useEffect(() => {
    // Read once per profile; the follow below takes it from there.
    void readWindow(FIRST_WINDOW_BYTES);
  }, [profileId]);

  // While following: what was written since the cursor, once a second, one request at a time.
  const cursor = follow?.cursor;
  const stopped = error?.kind === 'gateway-missing-scope';
  useEffect(() => {
    if (paused || cursor === undefined || stopped || loadingOlder) return;
    let current = true;
    const timer = setTimeout(() => {
      void api.invoke('gateway-log:tail', { profileId, cursor }).then((result) => {
        if (!current) return;
        if (!result.ok) {
          setError(result.error);
          setFailures((count) => count + 1);
          return;
        }
        const page = result.value;
        setError(undefined);
        setFollow((last) => {
          if (!last) return last;
          if (page.reset) {
            return { ...last, lines: numbered(page.lines), cursor: page.cursor, olderAvailable: page.olderAvailable };
          }
          const lines = [...last.lines, ...numbered(page.lines)];
          const dropped = Math.max(0, lines.length - GATEWAY_LOG_MAX_LINES);
          return {
            ...last,
            lines: lines.slice(dropped),
            cursor: page.cursor,
            olderAvailable: last.olderAvailable || dropped > 0,
          };
        });
      });
    }, FOLLOW_INTERVAL_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // Each read's answer is a new `follow` (or a failure counted), which schedules the next read.
  }, [cursor, follow, failures, paused, stopped, loadingOlder, profileId]);

  // New lines keep the view at the end, unless the person scrolled up to read.
  useEffect(() => {
    const list = listRef.current;
    if (list && stickToEnd.current) list.scrollTop = list.scrollHeight;
  }, [follow?.lines]);

  const shows = LEVEL_FILTERS.find((filter) => filter.value === levelFilter)?.shows;
  const needle = text.trim().toLowerCase();
  const visible = (follow?.lines ?? []).filter(
    (line) =>
      (shows === undefined || (line.level !== undefined && shows.includes(line.level))) &&
      (needle === '' || line.text.toLowerCase().includes(needle)),
  );

  async function copyVisible() {
    const count = visible.length;
    await navigator.clipboard.writeText(visible.map((line) => line.text).join('\n')).then(
      () => setCopied(`Copied ${count} line${count === 1 ? '' : 's'}.`),
      () => setCopied('Could not reach the clipboard: select the lines and copy them by hand.'),
    );
  }

  async function loadOlder() {
    if (!follow) return;
    setLoadingOlder(true);
    await readWindow(Math.min(GATEWAY_LOG_MAX_WINDOW_BYTES, follow.windowBytes * 4));
    setLoadingOlder(false);
  }

  if (!follow) {
    return error ? <GatewayLogError error={error} /> : <p className="muted">Reading the Gateway’s log…</p>;
  }
  return (
    <div className="gateway-log">
      <div className="log-toolbar">
        <label className="log-filter">
          Filter
          <input
            type="search"
            value={text}
            placeholder="Text in the line"
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <label className="log-filter">
          Level
          <select value={levelFilter} onChange={(event) => setLevelFilter(event.target.value)}>
            {LEVEL_FILTERS.map((filter) => (
              <option key={filter.value} value={filter.value}>
                {filter.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-pressed={paused} onClick={() => setPaused((was) => !was)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" disabled={visible.length === 0} onClick={() => void copyVisible()}>
          Copy
        </button>
      </div>
      <p className="muted log-state" role="status" data-testid="gateway-log-state">
        {paused ? 'Paused: new lines wait until you resume.' : `Following ${follow.file}.`}{' '}
        {visible.length === follow.lines.length
          ? `${follow.lines.length} lines.`
          : `${visible.length} of ${follow.lines.length} lines match.`}
        {copied ? ` ${copied}` : ''}
      </p>
      {error ? <GatewayLogError error={error} /> : null}
      {follow.olderAvailable ? (
        <button type="button" disabled={loadingOlder} onClick={() => void loadOlder()}>
          {loadingOlder ? 'Loading older lines…' : 'Load older lines'}
        </button>
      ) : (
        <p className="muted">
          From the start of the log file{follow.lines.length === 0 ? ': nothing written yet.' : '.'}
        </p>
      )}
      <ol
        ref={listRef}
        className="log-list gateway-log-lines"
        aria-label="Gateway log lines"
        tabIndex={0}
        onScroll={(event) => {
          const list = event.currentTarget;
          stickToEnd.current = list.scrollHeight - list.scrollTop - list.clientHeight < 24;
        }}
      >
        {visible.map((line) => (
          <li key={line.id} className={`log-${line.level ?? 'plain'}`} data-level={line.level ?? 'none'}>
            {line.text}
          </li>
        ))}
      </ol>
      {visible.length === 0 && follow.lines.length > 0 ? (
        <p className="muted">No line matches the filter: clear it or choose All levels.</p>
      ) : null}
    </div>
  );
}

function GatewayLogError({ error }: { error: AppError }) {
  if (error.kind === 'gateway-missing-scope') {
    return (
      <ErrorNotice
        error={{
          ...error,
          message: `${error.message} Reading the log needs operator.read, which the Gateway has not granted this Mac.`,
        }}
      />
    );
  }
  return <ErrorNotice error={error} />;
}

const APP_LOG_SHOWN = 500;

function AppLogPane() {
  const initial = useRequest('log:recent', { limit: APP_LOG_SHOWN });
  const [live, setLive] = useState<LogEntry[]>([]);
  useEffect(() => api.on('log:entry', (entry) => setLive((seen) => [...seen, entry].slice(-APP_LOG_SHOWN))), []);

  if (!initial) return <p className="muted">Loading…</p>;
  if (!initial.ok) return <ErrorNotice error={initial.error} />;
  const newestInitial = initial.value.at(-1)?.seq ?? -1;
  const entries = [...initial.value, ...live.filter((entry) => entry.seq > newestInitial)].slice(-APP_LOG_SHOWN);
  return (
    <>
      <p className="muted">What OpenClaw Remote itself did, with every secret it knows replaced by [redacted].</p>
      <ol className="log-list" aria-label="App log lines">
        {entries.map((entry) => (
          <li key={entry.seq} className={`log-${entry.level}`}>
            <time>{entry.time.slice(11, 19)}</time> <span className="log-source">{entry.source}</span> {entry.message}
          </li>
        ))}
      </ol>
    </>
  );
}
