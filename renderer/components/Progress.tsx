// What every wait longer than a moment shows: a spinner with a sentence saying what is under way, read out once as a
// status. Pair it with aria-busy on the region that is waiting.
export function Progress({ label, className }: { label: string; className?: string }) {
  return (
    <p className={className ? `progress ${className}` : 'progress'} role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
