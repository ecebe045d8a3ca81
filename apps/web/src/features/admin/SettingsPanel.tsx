import type { OrgSettings } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { orgSettings, useUpdateOrgSettings } from '../../api/settings.queries.ts';
import { Field } from '../../components/Field.tsx';
import { serverFieldError } from '../../components/forms.ts';
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
        hint="Figures from fewer answers than this are hidden. At least 3."
        error={serverFieldError(update.error, 'minGroupSize')}
      >
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={3}
            max={100}
            value={form.minGroupSize}
            onChange={(e) => setForm((f) => ({ ...f, minGroupSize: e.target.value }))}
          />
        )}
      </Field>
      <Field
        label="Time zone"
        hint="Weeks run Monday to Sunday in this time zone."
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
        label="Baseline weeks"
        hint="Weeks before an experiment it is compared with, 1–4."
        error={serverFieldError(update.error, 'baselineWeeks')}
      >
        {(control) => (
          <select
            {...control}
            value={form.baselineWeeks}
            onChange={(e) => setForm((f) => ({ ...f, baselineWeeks: e.target.value }))}
          >
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                {n}
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
