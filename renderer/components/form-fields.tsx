// The rows of a settings form, as a Mac settings sheet lays them out: a labelled field with its help and the
// sentences saying what is wrong with it, a checkbox row, and a segmented control (radios underneath, so the arrow
// keys and screen readers work as for any radio group). Any sheet or page's form builds on these.
import { cloneElement, type ReactElement, type ReactNode } from 'react';

export interface FieldProps {
  label: string;
  id: string;
  help?: string;
  /** This field's own sentences (what is wrong with it now). */
  problems?: string[];
  /** Marked invalid even without a sentence of its own (one shown elsewhere, named by `describedBy`). */
  invalid?: boolean;
  describedBy?: string;
  /** Shown under the input (a button that fills the field). */
  after?: ReactNode;
  /** The person left the field (focus moved out of it): from then on its problems show as they type. */
  onLeave?: () => void;
  /** The person changed the field's value. */
  onEdit?: () => void;
  children: ReactElement<{ 'aria-describedby'?: string; 'aria-invalid'?: boolean }>;
}

export function Field(props: FieldProps) {
  const { label, id, help, problems = [], describedBy, after, onLeave, onEdit, children } = props;
  const invalid = props.invalid ?? problems.length > 0;
  // The sentence saying what is wrong is read first, then the help and what else explains it.
  const describers = [problems.length > 0 ? `${id}-problems` : '', help ? `${id}-help` : '', describedBy ?? '']
    .filter((describer) => describer !== '')
    .join(' ');
  return (
    <div className="field" onBlur={onLeave} onInput={onEdit}>
      <label htmlFor={id}>{label}</label>
      <div className="field-input">
        {cloneElement(children, {
          ...(describers === '' ? {} : { 'aria-describedby': describers }),
          ...(invalid ? { 'aria-invalid': true } : {}),
        })}
        {problems.length > 0 ? (
          // Polite: read out as the person types, without cutting into what they are doing.
          <div className="field-problems" id={`${id}-problems`} data-testid="field-problems" aria-live="polite">
            {problems.map((sentence) => (
              <p key={sentence}>{sentence}</p>
            ))}
          </div>
        ) : null}
        {help ? (
          <p className="help" id={`${id}-help`}>
            {help}
          </p>
        ) : null}
        {after}
      </div>
    </div>
  );
}

export function Check(props: { label: string; help?: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="field check">
      <label>
        <input type="checkbox" checked={props.checked} onChange={(event) => props.onChange(event.target.checked)} />
        {props.label}
      </label>
      {props.help ? <p className="help">{props.help}</p> : null}
    </div>
  );
}

export interface SegmentedProps<T extends string> {
  /** The group's name, read out (not shown). */
  legend: string;
  /** The radios' shared name: unique on the page. */
  name: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
  /** An element saying what the chosen option means. */
  describedBy?: string;
}

export function Segmented<T extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  describedBy,
}: SegmentedProps<T>) {
  return (
    <fieldset className="segmented" {...(describedBy ? { 'aria-describedby': describedBy } : {})}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className={value === option.value ? 'segment selected' : 'segment'}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
