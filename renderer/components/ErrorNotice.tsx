// Shows an AppError the way every section does: what happened, then what to do next.
import type { AppError } from '../../electron/shared/errors';

export function ErrorNotice({ error }: { error: AppError }) {
  return (
    <div className="error-notice" role="alert" data-kind={error.kind}>
      <p className="error-message">{error.message}</p>
      {error.hint ? <p className="error-hint">{error.hint}</p> : null}
    </div>
  );
}
