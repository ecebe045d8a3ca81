import type { Experiment, ExperimentType, Idea } from '@leeway/contracts';
import { IDEA_TEXT_MAX } from '@leeway/contracts/limits';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { teamIdeas, useProposeIdea, useVoteForIdea } from '../../../api/ideas.queries.ts';
import { Field } from '../../../components/Field.tsx';
import { focusFirstInvalid, serverFieldError } from '../../../components/forms.ts';
import {
  EmptyState,
  ErrorState,
  FormError,
  Loading,
  messageOf,
} from '../../../components/States.tsx';
import { experimentTypeOrder, experimentTypeText } from '../../../lib/experiments.ts';
import { formatCount, formatWeek } from '../../../lib/format.ts';

const shortText = (text: string, max = 60) => {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
};

function ProposeIdeaForm({ teamId }: { teamId: string }) {
  const propose = useProposeIdea(teamId);
  const formRef = useRef<HTMLFormElement>(null);
  const [type, setType] = useState<ExperimentType>('decision_rights');
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!text.trim()) {
      setError('Describe the idea in a sentence or two.');
      return focusFirstInvalid(formRef.current);
    }
    setError(undefined);
    propose.mutate(
      { type, text: text.trim(), anonymous },
      {
        onSuccess: () => {
          setText('');
          setAnonymous(false);
        },
      },
    );
  };

  return (
    <form ref={formRef} className="stack idea-form" noValidate onSubmit={submit}>
      <FormError error={serverFieldError(propose.error, 'text') ? null : (propose.error ?? null)} />
      <Field
        label="Kind of idea"
        hint={experimentTypeText[type].explanation}
        error={serverFieldError(propose.error, 'type')}
      >
        {(control) => (
          <select
            {...control}
            name="type"
            value={type}
            onChange={(e) => setType(e.target.value as ExperimentType)}
          >
            {experimentTypeOrder.map((t) => (
              <option key={t} value={t}>
                {experimentTypeText[t].name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Your idea"
        hint="What could the team own for a week? Your lead can launch it as an experiment."
        error={error ?? serverFieldError(propose.error, 'text')}
      >
        {(control) => (
          <textarea
            {...control}
            name="text"
            rows={3}
            maxLength={IDEA_TEXT_MAX}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              propose.reset();
            }}
          />
        )}
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
        />
        Propose without my name
      </label>
      <div className="form-actions">
        <button type="submit" className="button" disabled={propose.isPending}>
          {propose.isPending ? 'Proposing…' : 'Propose idea'}
        </button>
        <p className="form-status" role="status">
          {propose.isSuccess ? 'Thanks — your idea is on the list.' : ''}
        </p>
      </div>
    </form>
  );
}

interface IdeasPanelProps {
  teamId: string;
  experiments: Experiment[];
  /** Members and the team's lead propose and vote; HR reads. */
  canTakePart: boolean;
  canLaunch: boolean;
  onLaunch: (idea: Idea) => void;
}

export function IdeasPanel({
  teamId,
  experiments,
  canTakePart,
  canLaunch,
  onLaunch,
}: IdeasPanelProps) {
  const ideas = useQuery(teamIdeas(teamId));
  const vote = useVoteForIdea(teamId);

  return (
    <section aria-labelledby="ideas-title" className="subsection">
      <h3 id="ideas-title">Ideas from the team</h3>
      <p className="hint">
        {canTakePart
          ? 'Propose what the team could own next and vote for the ideas you like.'
          : 'Members and the lead propose and vote; HR can read along.'}
      </p>
      {ideas.isPending ? (
        <Loading label="Loading ideas…" />
      ) : ideas.isError ? (
        <ErrorState error={ideas.error} onRetry={() => ideas.refetch()} />
      ) : ideas.data.length === 0 ? (
        <EmptyState>
          <p>No ideas yet.{canTakePart ? ' Be the first to propose one.' : ''}</p>
        </EmptyState>
      ) : (
        <>
          {vote.isError ? (
            <p className="alert alert-error" role="alert">
              {messageOf(vote.error)}
            </p>
          ) : null}
          <ul className="idea-list" aria-label="Ideas">
            {ideas.data.map((idea) => {
              const launched = idea.experimentId
                ? experiments.find((e) => e.id === idea.experimentId)
                : undefined;
              const pending = vote.isPending && vote.variables?.ideaId === idea.id;
              return (
                <li key={idea.id} className="idea-item">
                  <p className="idea-text">{idea.text}</p>
                  <p className="idea-meta">
                    {experimentTypeText[idea.type].name} ·{' '}
                    {idea.author ? idea.author.name : 'proposed without a name'} ·{' '}
                    {formatWeek(idea.week)}
                  </p>
                  <div className="idea-actions">
                    <span className="idea-votes">
                      {formatCount(idea.votes)} {idea.votes === 1 ? 'vote' : 'votes'}
                    </span>
                    {canTakePart && !idea.experimentId ? (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-pressed={idea.votedByMe}
                        disabled={pending}
                        onClick={() => vote.mutate({ ideaId: idea.id, vote: !idea.votedByMe })}
                      >
                        {idea.votedByMe ? <span aria-hidden="true">✓ </span> : null}
                        Vote
                        <span className="visually-hidden"> for “{shortText(idea.text)}”</span>
                      </button>
                    ) : null}
                    {idea.experimentId ? (
                      <span>
                        Launched as{' '}
                        <Link to={`/experiments/${idea.experimentId}`}>
                          {launched ? launched.title : 'an experiment'}
                        </Link>
                      </span>
                    ) : canLaunch ? (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => onLaunch(idea)}
                      >
                        Launch from this idea
                        <span className="visually-hidden"> “{shortText(idea.text)}”</span>
                      </button>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {canTakePart ? (
        <>
          <h4>Propose an idea</h4>
          <ProposeIdeaForm teamId={teamId} />
        </>
      ) : null}
    </section>
  );
}
