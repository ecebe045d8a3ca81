import type { Pulse, PulseAnswers } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { currentPulse, useSubmitPulse } from '../../api/pulse.queries.ts';
import { useSession } from '../../app/session.ts';
import { EmptyState, ErrorState, Loading, messageOf } from '../../components/States.tsx';
import { formatWeek } from '../../lib/format.ts';
import { formatClosingIn } from '../../lib/time.ts';
import { CommentField } from './CommentField.tsx';
import { LatestResults } from './LatestResults.tsx';
import { ScaleQuestion } from './ScaleQuestion.tsx';

type ScoredId = keyof PulseAnswers;
const scoredIds: ScoredId[] = ['energy', 'autonomy', 'voice', 'growth', 'trust', 'enps'];
const isScored = (id: string): id is ScoredId => (scoredIds as string[]).includes(id);

const listFormat = new Intl.ListFormat(undefined, { style: 'long', type: 'conjunction' });

function missingHint(missing: number[]): string {
  if (missing.length === 0) return 'All questions answered. Your comment is optional.';
  if (missing.length === 1) return `Answer question ${missing[0]} to submit.`;
  return `Answer questions ${listFormat.format(missing.map(String))} to submit.`;
}

function submitProblem(error: unknown): string {
  if (isApiError(error, 409)) {
    return `Your answers were not saved: ${error.detail} Answers are accepted once per person, while the week's pulse is open.`;
  }
  return `Your answers were not saved: ${messageOf(error)}`;
}

function Confirmation({
  pulse,
  justSubmitted,
  elsewhere,
}: {
  pulse: Pulse;
  justSubmitted: boolean;
  /** This tab's answers were refused because the pulse had been answered in another one. */
  elsewhere: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (justSubmitted) ref.current?.focus();
  }, [justSubmitted]);
  return (
    <>
      <div className="alert alert-success" role="status" tabIndex={-1} ref={ref}>
        <p className="state-title">
          Thanks — your answers are in. They are stored without your name.
        </p>
        {elsewhere ? (
          <p>
            You had already answered this week, in another tab or on another device; the answers in
            this tab were not sent.
          </p>
        ) : null}
        <p>The next pulse opens on Monday.</p>
      </div>
      <LatestResults teamId={pulse.teamId} teamName={pulse.teamName} />
    </>
  );
}

function PulseForm({ pulse, submit }: { pulse: Pulse; submit: ReturnType<typeof useSubmitPulse> }) {
  const session = useSession();
  const [answers, setAnswers] = useState<Partial<PulseAnswers>>({});
  const [comment, setComment] = useState('');
  const [fidelity, setFidelity] = useState<number>();
  const scored = pulse.questions.filter((q) => isScored(q.id));
  // During an experiment: its own item, optional, after the six (issue 14).
  const fidelityQuestion = pulse.questions.find((q) => q.id === 'fidelity');
  const commentQuestion = pulse.questions.find((q) => q.kind === 'text');
  const missing = scored.flatMap((q, i) =>
    answers[q.id as ScoredId] === undefined ? [i + 1] : [],
  );
  const complete = missing.length === 0;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!complete || submit.isPending) return;
    const trimmed = comment.trim();
    submit.mutate({
      pulseId: pulse.pulseId,
      answers: answers as PulseAnswers,
      ...(fidelityQuestion && fidelity !== undefined ? { fidelity } : {}),
      ...(trimmed ? { comment: trimmed } : {}),
    });
  };

  return (
    <form className="pulse-form" onSubmit={onSubmit} noValidate>
      <p className="muted">
        {pulse.teamName} · {formatWeek(pulse.week)} · open until{' '}
        {formatClosingIn(pulse.closesAt, session.org.timezone)}. Your answers are stored without
        your name; nobody can see them individually.
      </p>
      {scored.map((question, i) => (
        <ScaleQuestion
          key={question.id}
          question={question}
          number={i + 1}
          value={answers[question.id as ScoredId]}
          onChange={(value) => setAnswers((a) => ({ ...a, [question.id]: value }))}
        />
      ))}
      {fidelityQuestion ? (
        <ScaleQuestion
          question={{ ...fidelityQuestion, text: `${fidelityQuestion.text} (optional)` }}
          number={scored.length + 1}
          value={fidelity}
          onChange={setFidelity}
        />
      ) : null}
      <CommentField
        label={commentQuestion?.text ?? 'Anything your lead should know? (shown anonymously)'}
        k={session.minGroupSize}
        value={comment}
        onChange={setComment}
      />
      {submit.error ? (
        <div className="alert alert-error" role="alert">
          {submitProblem(submit.error)}
        </div>
      ) : null}
      <div className="submit-row">
        <button
          type="submit"
          className="button button-large"
          disabled={!complete || submit.isPending}
          aria-describedby="pulse-missing"
        >
          {submit.isPending ? 'Submitting…' : 'Submit answers'}
        </button>
        <p id="pulse-missing" className="hint" aria-live="polite">
          {missingHint(missing)}
        </p>
      </div>
    </form>
  );
}

export function PulsePage() {
  const session = useSession();
  // Only someone in a team has a pulse; asking for it otherwise only earns a 404.
  const pulse = useQuery({ ...currentPulse(), enabled: session.memberOf !== null });
  // Owned here, not by the form, because the form unmounts as soon as the answer is recorded.
  const submit = useSubmitPulse();

  return (
    <div className="narrow-wide">
      <title>Weekly pulse · Leeway</title>
      <h1>This week's pulse</h1>
      {session.memberOf === null || pulse.data === null ? (
        <EmptyState>
          <p>
            You are not a member of a team, so there is no pulse for you to answer. Once your HR
            team adds you to a team, its weekly pulse appears here.
          </p>
        </EmptyState>
      ) : pulse.isPending ? (
        <Loading label="Loading this week's questions…" />
      ) : pulse.isError ? (
        <ErrorState error={pulse.error} onRetry={() => pulse.refetch()} />
      ) : pulse.data.answered ? (
        <Confirmation
          pulse={pulse.data}
          justSubmitted={submit.isSuccess}
          elsewhere={isApiError(submit.error, 409)}
        />
      ) : (
        <PulseForm pulse={pulse.data} submit={submit} />
      )}
    </div>
  );
}
