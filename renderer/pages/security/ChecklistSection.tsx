// The practices the OpenClaw docs recommend, and whether this profile meets each: met, missed (with its fix beside
// it, as the window's fix button or a sentence), unknown until connected, or not applying to this route.
import { useState } from 'react';
import type { ChecklistItem } from '../../../electron/shared/security';
import type { AppError } from '../../../electron/shared/errors';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { reachesHostOverSsh, useFetchToken } from '../../components/FetchFromHost';
import { fixOffered, WINDOW_FIX_ACTIONS, type FixHandlers, type FixSection } from '../../components/fix-actions';
import type { SecuritySectionProps } from '../SecurityPage';

const STATUS_WORDS: Record<ChecklistItem['status'], string> = {
  met: 'Met',
  missed: 'Missed',
  unknown: 'Not checked',
  'not-applicable': 'Does not apply',
};
/** Said in a word and a shape, never by colour alone. */
const STATUS_MARKS: Record<ChecklistItem['status'], string> = {
  met: '✓',
  missed: '✕',
  unknown: '?',
  'not-applicable': '–',
};
/** The doctor's status classes, so the colours match. */
const STATUS_CLASS: Record<ChecklistItem['status'], string> = {
  met: 'status-pass',
  missed: 'status-fail',
  unknown: 'status-warn',
  'not-applicable': 'status-skip',
};

export function ChecklistSection(
  props: SecuritySectionProps & {
    onEditProfile: (profileId: string, focus: 'token' | undefined) => void;
    onOpenSection: (section: FixSection) => void;
  },
) {
  const { overview, profile, reload } = props;
  const [error, setError] = useState<AppError | undefined>(undefined);
  const fetchToken = useFetchToken(reload);
  async function connect(): Promise<void> {
    const result = await api.invoke('connection:connect', { profileId: profile.id });
    setError(result.ok ? undefined : result.error);
    reload();
  }
  const handlers: FixHandlers = {
    connect: () => void connect(),
    retryNow: () => void api.invoke('connection:retry-now'),
    editProfile: (focus) => props.onEditProfile(profile.id, focus),
    ...(reachesHostOverSsh(profile.route) ? { fetchToken: () => void fetchToken.fetchToken(profile.id) } : {}),
    toggleApproval: () => {},
    openSection: props.onOpenSection,
  };
  return (
    <section aria-labelledby="checklist-title" className="security-section">
      <h3 id="checklist-title">Recommended practices</h3>
      <ul className="doctor-steps" aria-label="Checklist">
        {overview.checklist.map((item) => {
          const action = item.fix && item.status === 'missed' ? WINDOW_FIX_ACTIONS[item.fix] : undefined;
          return (
            <li key={item.id} className="doctor-step" data-status={item.status} aria-label={item.label}>
              <div className="doctor-step-head">
                <span className={`doctor-mark ${STATUS_CLASS[item.status]}`} aria-hidden="true">
                  {STATUS_MARKS[item.status]}
                </span>
                <span className="doctor-step-title">{item.label}</span>
                <span className={`doctor-status ${STATUS_CLASS[item.status]}`} data-testid="check-status">
                  {STATUS_WORDS[item.status]}
                </span>
              </div>
              <p className="doctor-detail">{item.detail}</p>
              {item.status === 'missed' && (item.howTo || action) ? (
                <div className="doctor-fix">
                  {item.howTo ? <p>{item.howTo}</p> : null}
                  {action && fixOffered(action, handlers, true) ? (
                    <button type="button" onClick={() => action.run(handlers)}>
                      {action.label}
                    </button>
                  ) : null}
                </div>
              ) : null}
              {item.connectToCheck ? (
                <div className="doctor-fix">
                  <button type="button" onClick={() => void connect()}>
                    Connect
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
