import { Field } from './Field.tsx';

interface PeriodSelectProps {
  periods: readonly number[];
  value: number;
  defaultPeriod: number;
  /** The new period, or undefined for the default (so the address stays short). */
  onChange: (weeks: string | undefined) => void;
}

/** "Last N weeks": the period of a page's trends. */
export function PeriodSelect({ periods, value, defaultPeriod, onChange }: PeriodSelectProps) {
  return (
    <Field label="Period" className="field-inline">
      {(control) => (
        <select
          {...control}
          value={value}
          onChange={(e) =>
            onChange(Number(e.target.value) === defaultPeriod ? undefined : e.target.value)
          }
        >
          {periods.map((p) => (
            <option key={p} value={p}>
              Last {p} weeks
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
