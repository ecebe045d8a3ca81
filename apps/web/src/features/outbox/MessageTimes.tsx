import type { OrgSettings, Weekday } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { orgSettings, useUpdateOrgSettings } from '../../api/settings.queries.ts';
import { Field } from '../../components/Field.tsx';
import { serverFieldError } from '../../components/forms.ts';
import { ErrorState, FormError, Loading } from '../../components/States.tsx';

const DAYS: Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];
const dayName = (d: Weekday) => d[0]!.toUpperCase() + d.slice(1);

function TimesForm({ settings }: { settings: OrgSettings }) {
  const update = useUpdateOrgSettings();
  const [form, setForm] = useState({
    pulseOpensAt: settings.pulseOpensAt,
    reminderDay: settings.reminderDay,
    reminderAt: settings.reminderAt,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate(form);
  };
  return (
    <form className="form-grid" noValidate onSubmit={submit}>
      <FormError error={update.error} />
      <Field
        label="“The pulse is open” on Monday at"
        hint={`Local time in ${settings.timezone}.`}
        error={serverFieldError(update.error, 'pulseOpensAt')}
      >
        {(control) => (
          <input
            {...control}
            type="time"
            value={form.pulseOpensAt}
            onChange={(e) => setForm((f) => ({ ...f, pulseOpensAt: e.target.value }))}
          />
        )}
      </Field>
      <Field label="Reminder day" error={serverFieldError(update.error, 'reminderDay')}>
        {(control) => (
          <select
            {...control}
            value={form.reminderDay}
            onChange={(e) => setForm((f) => ({ ...f, reminderDay: e.target.value as Weekday }))}
          >
            {DAYS.map((d) => (
              <option key={d} value={d}>
                {dayName(d)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Reminder time"
        hint="One reminder, only to people who have not answered; nobody else learns who got it."
        error={serverFieldError(update.error, 'reminderAt')}
      >
        {(control) => (
          <input
            {...control}
            type="time"
            value={form.reminderAt}
            onChange={(e) => setForm((f) => ({ ...f, reminderAt: e.target.value }))}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save times'}
        </button>
        <p className="form-status" role="status">
          {update.isSuccess ? 'Times saved.' : ''}
        </p>
      </div>
    </form>
  );
}

/** When the weekly messages go out, in the org's own time zone. */
export function MessageTimes() {
  const settings = useQuery(orgSettings());
  if (settings.isPending) return <Loading label="Loading settings…" />;
  if (settings.isError) return <ErrorState error={settings.error} />;
  return <TimesForm settings={settings.data} />;
}
