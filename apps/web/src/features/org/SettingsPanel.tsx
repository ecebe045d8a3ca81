import type { OrgSettings } from '@leeway/contracts';
import {
  BASELINE_WEEKS_MAX,
  BASELINE_WEEKS_MIN,
  MAX_MIN_GROUP_SIZE,
  MIN_MIN_GROUP_SIZE,
} from '@leeway/contracts/limits';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { orgSettings, useUpdateOrgSettings } from '../../api/settings.queries.ts';
import { Field } from '../../components/Field.tsx';
import {
  type FieldErrors,
  focusFirstInvalid,
  serverFieldError,
  wholeNumberIn,
  wholeNumbers,
} from '../../components/forms.ts';
import { ErrorState, FormError, Loading } from '../../components/States.tsx';

type SettingsField = 'minGroupSize' | 'timezone' | 'baselineWeeks';

/**
 * The server's refusal of one field in words for people: the API's own messages ("must be >= 3")
 * are written for programs.
 */
function refusalOf(error: unknown, field: SettingsField): string | undefined {
  const raw = serverFieldError(error, field);
  if (!raw) return undefined;
  if (field === 'minGroupSize') {
    return `Enter a whole number from ${MIN_MIN_GROUP_SIZE} to ${MAX_MIN_GROUP_SIZE}.`;
  }
  if (field === 'timezone') return 'Choose a time zone from the list.';
  return `Choose ${BASELINE_WEEKS_MIN} to ${BASELINE_WEEKS_MAX} weeks.`;
}

function SettingsForm({ settings }: { settings: OrgSettings }) {
  const update = useUpdateOrgSettings();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors<SettingsField>>({});
  const [form, setForm] = useState({
    minGroupSize: String(settings.minGroupSize),
    timezone: settings.timezone,
    baselineWeeks: String(settings.baselineWeeks),
  });
  const zones =
    typeof Intl.supportedValuesOf === 'function'
      ? Array.from(
          new Set(['UTC', settings.timezone, ...Intl.supportedValuesOf('timeZone')]),
        ).sort()
      : [settings.timezone];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const k = wholeNumberIn(form.minGroupSize, MIN_MIN_GROUP_SIZE, MAX_MIN_GROUP_SIZE);
    const found: FieldErrors<SettingsField> = k.problem ? { minGroupSize: k.problem } : {};
    setErrors(found);
    if (k.value === undefined) return focusFirstInvalid(formRef.current);
    update.mutate({
      minGroupSize: k.value,
      timezone: form.timezone,
      baselineWeeks: Number(form.baselineWeeks),
    });
  };

  return (
    <form ref={formRef} className="form-grid" noValidate onSubmit={submit}>
      <FormError
        error={
          update.error instanceof ApiError && update.error.errors.length > 0 ? null : update.error
        }
      />
      <Field
        label="Minimum group size (k)"
        hint={`k protects anonymity: any average, eNPS or comment from fewer than k people is hidden — in the dashboard, the heatmap and the export — so nobody's answers can be singled out. At least ${MIN_MIN_GROUP_SIZE}; a higher k hides more small groups.`}
        error={errors.minGroupSize ?? refusalOf(update.error, 'minGroupSize')}
      >
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={MIN_MIN_GROUP_SIZE}
            max={MAX_MIN_GROUP_SIZE}
            value={form.minGroupSize}
            onChange={(e) => {
              setForm((f) => ({ ...f, minGroupSize: e.target.value }));
              setErrors({});
            }}
          />
        )}
      </Field>
      <Field
        label="Time zone"
        hint="Weekly pulses open Monday 00:00 and close Sunday 23:59 in this time zone."
        error={refusalOf(update.error, 'timezone')}
      >
        {(control) => (
          <select
            {...control}
            value={form.timezone}
            onChange={(e) => setForm((f) => ({ ...f, timezone: e.target.value }))}
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Default baseline weeks"
        hint={`How many weeks before an experiment its results are compared with, unless the lead picks another number (${BASELINE_WEEKS_MIN}–${BASELINE_WEEKS_MAX}).`}
        error={refusalOf(update.error, 'baselineWeeks')}
      >
        {(control) => (
          <select
            {...control}
            value={form.baselineWeeks}
            onChange={(e) => setForm((f) => ({ ...f, baselineWeeks: e.target.value }))}
          >
            {wholeNumbers(BASELINE_WEEKS_MIN, BASELINE_WEEKS_MAX).map((n) => (
              <option key={n} value={n}>
                {n === 1 ? '1 week' : `${n} weeks`}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save settings'}
        </button>
        <p className="form-status" role="status">
          {update.isSuccess ? 'Settings saved.' : ''}
        </p>
      </div>
    </form>
  );
}

export function SettingsPanel() {
  const settings = useQuery(orgSettings());
  if (settings.isPending) return <Loading label="Loading settings…" />;
  if (settings.isError) {
    return <ErrorState error={settings.error} onRetry={() => settings.refetch()} />;
  }
  return <SettingsForm settings={settings.data} />;
}
