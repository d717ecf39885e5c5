// What went wrong opening the settings or the secrets (a damaged file moved aside, say, or secrets kept unencrypted),
// shown at the top of the window until the person dismisses it; main remembers the dismissal in the settings file,
// so it lasts past a reload and a restart, and only a problem not dismissed before shows again.
import { useState } from 'react';
import { api } from '../api';
import { useRequest } from './use-request';

export function ProblemsNotice() {
  const problems = useRequest('settings:problems');
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || !problems?.ok || problems.value.length === 0) return null;
  return (
    // A region rather than an alert: it is there from the start, and a page's alerts are for what just went wrong.
    <section className="warning problems" aria-label="Problems with your settings">
      {problems.value.map((problem, index) => (
        <div key={index} className="problem" data-kind={problem.kind}>
          <p className="problem-message">{problem.message}</p>
          {problem.hint ? <p className="problem-hint">{problem.hint}</p> : null}
        </div>
      ))}
      <div className="error-actions">
        <button
          type="button"
          onClick={() => {
            setDismissed(true);
            for (const { kind, message } of problems.value)
              void api.invoke('settings:dismiss-notice', { kind, message });
          }}
        >
          Dismiss
        </button>
      </div>
    </section>
  );
}
