// What went wrong opening the settings or the secrets (a damaged file moved aside, say), shown once at the top of
// the window until the person dismisses it.
import { useState } from 'react';
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
        <button type="button" onClick={() => setDismissed(true)}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
