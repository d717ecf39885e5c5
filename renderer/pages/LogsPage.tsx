// Logs: the app's own recent log, followed live through the `log:entry` event.
import { useEffect, useState } from 'react';
import type { LogEntry } from '../../electron/shared/log-entry';
import { api } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { useRequest } from '../components/use-request';

const SHOWN = 500;

export function LogsPage() {
  const initial = useRequest('log:recent', { limit: SHOWN });
  const [live, setLive] = useState<LogEntry[]>([]);
  useEffect(() => api.on('log:entry', (entry) => setLive((seen) => [...seen, entry].slice(-SHOWN))), []);

  if (!initial) return <p className="muted">Loading…</p>;
  if (!initial.ok) return <ErrorNotice error={initial.error} />;
  const newestInitial = initial.value.at(-1)?.seq ?? -1;
  const entries = [...initial.value, ...live.filter((entry) => entry.seq > newestInitial)].slice(-SHOWN);
  return (
    <section aria-labelledby="logs-title">
      <h2 id="logs-title">Logs</h2>
      <ol className="log-list">
        {entries.map((entry) => (
          <li key={entry.seq} className={`log-${entry.level}`}>
            <time>{entry.time.slice(11, 19)}</time> <span className="log-source">{entry.source}</span> {entry.message}
          </li>
        ))}
      </ol>
    </section>
  );
}
