// The last hour of a profile's link as a small timeline: the keepalive round trips as a latency line, each drop and
// each recovery marked where it happened, and the same said in one sentence for VoiceOver and for a quick read.
import type { StabilityHistory } from '../../electron/shared/stability';

const WIDTH = 600;
const HEIGHT = 90;
const PAD_TOP = 12;
const PAD_BOTTOM = 16;

export function StabilityTimeline({ history }: { history: StabilityHistory }) {
  const { since, until, roundTrips, events } = history;
  const span = Math.max(until - since, 1);
  const minutes = Math.max(1, Math.round(span / 60_000));
  const x = (at: number) => ((at - since) / span) * WIDTH;
  const sorted = roundTrips.map((sample) => sample.ms).sort((a, b) => a - b);
  const median = sorted.length === 0 ? undefined : sorted[Math.floor((sorted.length - 1) / 2)];
  // The scale's top leaves room above the slowest answer; 1 ms at least, so a flat line still draws.
  const top = Math.max(1, ...sorted) * 1.15;
  const y = (ms: number) => PAD_TOP + (1 - ms / top) * (HEIGHT - PAD_TOP - PAD_BOTTOM);
  const line = roundTrips.map((sample) => `${x(sample.at).toFixed(1)},${y(sample.ms).toFixed(1)}`).join(' ');
  const drops = events.filter((event) => event.kind === 'drop').length;
  const recoveries = events.length - drops;
  const summary =
    `Last ${minutes} min: ${roundTrips.length} keepalive round trip${roundTrips.length === 1 ? '' : 's'}` +
    (median === undefined ? '' : `, median ${formatMs(median)}, slowest ${formatMs(sorted[sorted.length - 1] ?? 0)}`) +
    `; ${drops} drop${drops === 1 ? '' : 's'}, ${recoveries} recover${recoveries === 1 ? 'y' : 'ies'}.`;

  return (
    <figure className="stability-timeline">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        <line className="axis" x1={0} x2={WIDTH} y1={HEIGHT - PAD_BOTTOM} y2={HEIGHT - PAD_BOTTOM} />
        {roundTrips.length > 1 ? <polyline className="latency" points={line} /> : null}
        {roundTrips.length === 1 && roundTrips[0] ? (
          <circle className="latency-point" cx={x(roundTrips[0].at)} cy={y(roundTrips[0].ms)} r={3} />
        ) : null}
        {events.map((event) => (
          <line
            key={`${event.kind}-${event.at}`}
            className={event.kind === 'drop' ? 'drop' : 'recovered'}
            x1={x(event.at)}
            x2={x(event.at)}
            y1={PAD_TOP - 6}
            y2={HEIGHT - PAD_BOTTOM}
          >
            <title>{`${event.kind === 'drop' ? 'Dropped' : 'Recovered'} at ${new Date(event.at).toLocaleTimeString()}${event.reason ? `: ${event.reason}` : ''}`}</title>
          </line>
        ))}
        <text className="tick" x={0} y={HEIGHT - 3}>
          −{minutes} min
        </text>
        <text className="tick" x={WIDTH} y={HEIGHT - 3} textAnchor="end">
          now
        </text>
        <text className="tick" x={WIDTH} y={PAD_TOP - 2} textAnchor="end">
          {formatMs(top)}
        </text>
      </svg>
      <figcaption className="muted">
        {summary} <span className="legend-drop">│ drop</span> <span className="legend-recovered">│ recovery</span>
      </figcaption>
    </figure>
  );
}

function formatMs(ms: number): string {
  return ms >= 10 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}
