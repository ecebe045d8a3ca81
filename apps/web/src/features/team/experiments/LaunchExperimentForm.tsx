import type { Experiment, ExperimentType, Idea, Outcome, TakenWeeks } from '@leeway/contracts';
import {
  BASELINE_WEEKS_MAX,
  BASELINE_WEEKS_MIN,
  DURATION_WEEKS_MAX,
  DURATION_WEEKS_MIN,
  EXPERIMENT_TITLE_MAX,
  HYPOTHESIS_MAX,
} from '@leeway/contracts/limits';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { experimentPreflight } from '../../../api/evidence.queries.ts';
import { useLaunchExperiment } from '../../../api/experiments.queries.ts';
import { orgSettings } from '../../../api/settings.queries.ts';
import { useSession } from '../../../app/session.ts';
import { Field } from '../../../components/Field.tsx';
import {
  type FieldErrors,
  focusFirstInvalid,
  lengthProblem,
  serverFieldError,
  wholeNumbers,
} from '../../../components/forms.ts';
import { FormError } from '../../../components/States.tsx';
import {
  experimentTypeOrder,
  experimentTypeText,
  HYPOTHESIS_PROMPT,
} from '../../../lib/experiments.ts';
import { formatWeek, formatWeekSpan } from '../../../lib/format.ts';
import { addWeeks, currentWeek } from '../../../lib/week.ts';
import { DesignPreflight, outcomeNames, outcomeOrder } from './DesignPreflight.tsx';
import { clashOf, firstFreeWeek, holdsOf } from './launchWeeks.ts';
import { Suggestions } from './Suggestions.tsx';

type LaunchField =
  | 'type'
  | 'title'
  | 'hypothesis'
  | 'startWeek'
  | 'durationWeeks'
  | 'baselineWeeks';
const FIELDS: LaunchField[] = [
  'type',
  'title',
  'hypothesis',
  'startWeek',
  'durationWeeks',
  'baselineWeeks',
];

/** How far ahead a start can be picked: this week and the next twelve. */
const START_WEEKS_AHEAD = 12;
const DURATIONS = wholeNumbers(DURATION_WEEKS_MIN, DURATION_WEEKS_MAX);
const BASELINES = wholeNumbers(BASELINE_WEEKS_MIN, BASELINE_WEEKS_MAX);

const weeksLabel = (n: number) => (n === 1 ? '1 week' : `${n} weeks`);

function titleFromIdea(idea: Idea): string {
  const text = idea.text.trim().replace(/\s+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 79).trimEnd()}…` : text;
}

interface LaunchExperimentFormProps {
  teamId: string;
  experiments: Experiment[];
  /** The weeks from now on that the team's experiments hold, as the server decides them. */
  takenWeeks: TakenWeeks[];
  /** Pre-fills the form from a team member's idea, and links the experiment to it. */
  idea?: Idea | undefined;
  onClearIdea: () => void;
}

export function LaunchExperimentForm({
  teamId,
  experiments,
  takenWeeks,
  idea,
  onClearIdea,
}: LaunchExperimentFormProps) {
  const session = useSession();
  const launch = useLaunchExperiment(teamId);
  const formRef = useRef<HTMLFormElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const typeGroupId = useId();
  // Only HR can read the org settings; others see "organisation default" without the number.
  const settings = useQuery({
    ...orgSettings(),
    enabled: session.user.role === 'admin',
  });

  const thisWeek = currentWeek(session.org.timezone);
  const starts = Array.from({ length: START_WEEKS_AHEAD + 1 }, (_, i) => addWeeks(thisWeek, i));
  const lastStart = starts[starts.length - 1]!;
  // Weeks held from now on, earliest first (a late start may still reach them).
  const holds = holdsOf(takenWeeks, experiments);
  const shownHolds = holds.filter((h) => h.from <= lastStart);

  const blank = {
    type: (idea?.type ?? 'decision_rights') as ExperimentType,
    title: idea ? titleFromIdea(idea) : '',
    hypothesis: '',
    startWeek: firstFreeWeek(starts, holds),
    durationWeeks: 1,
    baselineWeeks: '' as '' | `${number}`,
    primaryOutcome: 'engagement' as Outcome,
    notMeasured: false,
  };
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState<FieldErrors<LaunchField>>({});
  const [launched, setLaunched] = useState<Experiment>();

  // Launching from an idea: fill in what it says and take the lead to the form.
  useEffect(() => {
    if (!idea) return;
    setForm((f) => ({ ...f, type: idea.type, title: titleFromIdea(idea) }));
    setErrors({});
    setLaunched(undefined);
    titleRef.current?.scrollIntoView({ block: 'center' });
    titleRef.current?.focus({ preventScroll: true });
  }, [idea]);

  const set = <K extends keyof typeof form>(field: K, value: (typeof form)[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    setLaunched(undefined);
  };

  const clash = form.startWeek ? clashOf(holds, form.startWeek, form.durationWeeks) : undefined;
  const clashMessage = clash
    ? `${formatWeekSpan(form.startWeek, addWeeks(form.startWeek, form.durationWeeks - 1))} overlaps “${clash.title}” (${formatWeekSpan(clash.from, clash.to)}). Choose another start week or a shorter duration.`
    : undefined;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: FieldErrors<LaunchField> = {};
    if (!form.title.trim()) found.title = 'Give the experiment a short title.';
    else {
      const long = lengthProblem(form.title, EXPERIMENT_TITLE_MAX, 'A title');
      if (long) found.title = long;
    }
    if (!form.hypothesis.trim())
      found.hypothesis = 'Write down what you expect to change, and why.';
    else {
      const long = lengthProblem(form.hypothesis, HYPOTHESIS_MAX, 'A hypothesis');
      if (long) found.hypothesis = long;
    }
    if (!form.startWeek) found.startWeek = 'Choose a start week.';
    else if (clashMessage) found.startWeek = clashMessage;
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);
    launch.mutate(
      {
        type: form.type,
        title: form.title.trim(),
        hypothesis: form.hypothesis.trim(),
        startWeek: form.startWeek,
        durationWeeks: form.durationWeeks,
        ...(form.baselineWeeks ? { baselineWeeks: Number(form.baselineWeeks) } : {}),
        ...(idea ? { ideaId: idea.id } : {}),
        primaryOutcome: form.primaryOutcome,
        ...(form.notMeasured ? { notMeasured: true } : {}),
      },
      {
        onSuccess: (created) => {
          const taken = [
            ...holds,
            { from: created.startWeek, to: created.endWeek, title: created.title },
          ];
          setLaunched(created);
          setForm({
            ...blank,
            type: 'decision_rights',
            title: '',
            startWeek: firstFreeWeek(starts, taken),
          });
          if (idea) onClearIdea();
        },
      },
    );
  };

  const errorOf = (field: LaunchField) =>
    errors[field] ??
    (field === 'startWeek' ? clashMessage : undefined) ??
    serverFieldError(launch.error, field);
  const serverNamesField =
    launch.error instanceof ApiError &&
    launch.error.errors.some((e) => FIELDS.includes(e.field as LaunchField));
  const typeError = errorOf('type');
  const defaultBaseline = settings.data?.baselineWeeks;
  // The design the preflight judges; a lead cannot read the org default, which starts at 2.
  const design = {
    durationWeeks: form.durationWeeks,
    baselineWeeks: Number(form.baselineWeeks) || defaultBaseline || 2,
    primaryOutcome: form.primaryOutcome,
  };
  const measurable = useQuery(experimentPreflight(teamId, design)).data?.measurable ?? true;

  const applySuggestion = (s: { type: ExperimentType; title: string; hypothesis: string }) => {
    setForm((f) => ({ ...f, type: s.type, title: s.title, hypothesis: s.hypothesis }));
    setErrors({});
    setLaunched(undefined);
    titleRef.current?.focus();
  };

  return (
    <form ref={formRef} className="launch-form" noValidate onSubmit={submit}>
      {idea ? null : (
        <details className="suggested">
          <summary>Suggested for this team</summary>
          <Suggestions teamId={teamId} onUse={applySuggestion} />
        </details>
      )}
      {idea ? (
        <div className="alert alert-info">
          <p>
            From an idea {idea.author ? `by ${idea.author.name}` : 'proposed without a name'}: “
            {idea.text}”
          </p>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={onClearIdea}
          >
            Don't use this idea
          </button>
        </div>
      ) : null}

      <fieldset
        className="type-picker"
        aria-describedby={typeError ? `${typeGroupId}-error` : undefined}
      >
        <legend>Type</legend>
        <div className="type-options">
          {experimentTypeOrder.map((type) => (
            <label className="type-option" key={type}>
              <input
                type="radio"
                name={`${typeGroupId}-type`}
                value={type}
                checked={form.type === type}
                aria-describedby={`${typeGroupId}-${type}`}
                onChange={() => set('type', type)}
              />
              <span>
                <span className="type-option-name">{experimentTypeText[type].name}</span>
                {/* Read as the radio's description rather than as part of its name. */}
                <span className="type-option-text" id={`${typeGroupId}-${type}`} aria-hidden="true">
                  {experimentTypeText[type].explanation}
                </span>
              </span>
            </label>
          ))}
        </div>
        {typeError ? (
          <p className="field-error" id={`${typeGroupId}-error`}>
            {typeError}
          </p>
        ) : null}
      </fieldset>

      <Field
        label="Title"
        error={errorOf('title')}
        limit={{ value: form.title, max: EXPERIMENT_TITLE_MAX }}
      >
        {(control) => (
          <input
            {...control}
            ref={titleRef}
            name="title"
            autoComplete="off"
            required
            value={form.title}
            onChange={(e) => set('title', e.target.value)}
          />
        )}
      </Field>

      <Field
        label="Hypothesis"
        hint={`What do you expect, and why? For example: “${HYPOTHESIS_PROMPT}”`}
        error={errorOf('hypothesis')}
        limit={{ value: form.hypothesis, max: HYPOTHESIS_MAX }}
      >
        {(control) => (
          <textarea
            {...control}
            name="hypothesis"
            rows={3}
            required
            placeholder={HYPOTHESIS_PROMPT}
            value={form.hypothesis}
            onChange={(e) => set('hypothesis', e.target.value)}
          />
        )}
      </Field>

      <div className="form-grid">
        <Field
          label="Start week"
          hint={
            shownHolds.length > 0
              ? `One experiment a week. Taken: ${shownHolds.map((h) => `${formatWeekSpan(h.from, h.to)} (“${h.title}”)`).join('; ')}.`
              : 'One experiment a week; no weeks are taken yet.'
          }
          error={errorOf('startWeek')}
        >
          {(control) => (
            <select
              {...control}
              name="startWeek"
              value={form.startWeek}
              onChange={(e) => set('startWeek', e.target.value)}
            >
              <option value="" disabled>
                Choose a week
              </option>
              {starts.map((week) => {
                const holder = clashOf(holds, week, 1);
                return (
                  <option key={week} value={week} disabled={holder !== undefined}>
                    {formatWeek(week)}
                    {week === thisWeek ? ' (this week)' : ''}
                    {holder ? ` — taken by “${holder.title}”` : ''}
                  </option>
                );
              })}
            </select>
          )}
        </Field>
        <Field label="Duration" error={errorOf('durationWeeks')}>
          {(control) => (
            <select
              {...control}
              name="durationWeeks"
              value={form.durationWeeks}
              onChange={(e) => set('durationWeeks', Number(e.target.value))}
            >
              {DURATIONS.map((n) => (
                <option key={n} value={n}>
                  {weeksLabel(n)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Baseline"
          hint="Weeks before the start that the results are compared with."
          error={errorOf('baselineWeeks')}
        >
          {(control) => (
            <select
              {...control}
              name="baselineWeeks"
              value={form.baselineWeeks}
              onChange={(e) => set('baselineWeeks', e.target.value as typeof form.baselineWeeks)}
            >
              <option value="">
                Organisation default
                {defaultBaseline ? ` (${weeksLabel(defaultBaseline)})` : ''}
              </option>
              {BASELINES.map((n) => (
                <option key={n} value={n}>
                  {weeksLabel(n)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <Field
        label="Primary outcome"
        hint="Fixed at launch and shown first on the results; the other questions are exploratory."
      >
        {(control) => (
          <select
            {...control}
            name="primaryOutcome"
            value={form.primaryOutcome}
            onChange={(e) => set('primaryOutcome', e.target.value as Outcome)}
          >
            {outcomeOrder.map((o) => (
              <option key={o} value={o}>
                {outcomeNames[o]}
              </option>
            ))}
          </select>
        )}
      </Field>

      <DesignPreflight teamId={teamId} {...design} />
      {measurable ? null : (
        <label className="checkbox">
          <input
            type="checkbox"
            name="notMeasured"
            checked={form.notMeasured}
            onChange={(e) => set('notMeasured', e.target.checked)}
          />{' '}
          Launch it anyway as “not measured”: the team tries it, and no result is shown.
        </label>
      )}

      {/* Beside the button, where the lead is looking after submitting a long form. */}
      <FormError error={serverNamesField ? null : launch.error} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={launch.isPending}>
          {launch.isPending ? 'Launching…' : 'Launch experiment'}
        </button>
        <p className="form-status" role="status">
          {launched ? (
            <>
              Launched <Link to={`/experiments/${launched.id}`}>{launched.title}</Link> for{' '}
              {formatWeekSpan(launched.startWeek, launched.endWeek)}. Its weeks are shaded on the
              trends.
            </>
          ) : (
            ''
          )}
        </p>
      </div>
    </form>
  );
}
