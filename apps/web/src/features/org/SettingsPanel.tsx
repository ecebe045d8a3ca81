import type { OrgSettings } from '@leeway/contracts';
import {
  BASELINE_WEEKS_MAX,
  BASELINE_WEEKS_MIN,
  MAX_MIN_GROUP_SIZE,
  MIN_MIN_GROUP_SIZE,
} from '@leeway/contracts/limits';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { orgSettings, useUpdateOrgSettings } from '../../api/settings.queries.ts';
import { Field } from '../../components/Field.tsx';
import { serverFieldError, wholeNumbers } from '../../components/forms.ts';
import { ErrorState, FormError, Loading } from '../../components/States.tsx';

function SettingsForm({ settings }: { settings: OrgSettings }) {
  const update = useUpdateOrgSettings();
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
    update.mutate({
      minGroupSize: Number(form.minGroupSize),
      timezone: form.timezone,
      baselineWeeks: Number(form.baselineWeeks),
    });
  };

  return (
    <form className="form-grid" noValidate onSubmit={submit}>
      <FormError error={update.error} />
      <Field
        label="Minimum group size (k)"
        hint={`k protects anonymity: any average, eNPS or comment from fewer than k people is hidden — in the dashboard, the heatmap and the export — so nobody's answers can be singled out. At least ${MIN_MIN_GROUP_SIZE}; a higher k hides more small groups.`}
        error={serverFieldError(update.error, 'minGroupSize')}
      >
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={MIN_MIN_GROUP_SIZE}
            max={MAX_MIN_GROUP_SIZE}
            value={form.minGroupSize}
            onChange={(e) => setForm((f) => ({ ...f, minGroupSize: e.target.value }))}
          />
        )}
      </Field>
      <Field
        label="Time zone"
        hint="Weekly pulses open Monday 00:00 and close Sunday 23:59 in this time zone."
        error={serverFieldError(update.error, 'timezone')}
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
        error={serverFieldError(update.error, 'baselineWeeks')}
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
