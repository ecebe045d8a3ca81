import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { teamWebhook, useSetTeamWebhook } from '../../api/account.queries.ts';
import { Field } from '../../components/Field.tsx';
import { serverFieldError } from '../../components/forms.ts';
import { ErrorState, FormError, Loading } from '../../components/States.tsx';

function TeamChannel({ team }: { team: { id: string; name: string } }) {
  const hook = useQuery(teamWebhook(team.id));
  const set = useSetTeamWebhook(team.id);
  const [url, setUrl] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    set.mutate(url.trim(), { onSuccess: () => setUrl('') });
  };
  if (hook.isPending) return <Loading label={`Loading ${team.name}…`} />;
  if (hook.isError) return <ErrorState error={hook.error} />;
  return (
    <form className="stack" noValidate onSubmit={submit}>
      <h3>{team.name}</h3>
      <p>
        {hook.data.service
          ? `Connected to ${hook.data.service === 'slack' ? 'Slack' : 'Microsoft Teams'} (${hook.data.host}).`
          : 'Not connected.'}
      </p>
      <FormError error={set.error} />
      <Field
        label={`Incoming-webhook URL for ${team.name}`}
        hint="A Slack (hooks.slack.com) or Microsoft Teams incoming webhook. The channel gets “the pulse is open” and each week’s published results."
        error={serverFieldError(set.error, 'url')}
      >
        {(control) => (
          <input
            {...control}
            type="url"
            inputMode="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={set.isPending}>
          Connect
        </button>
        {hook.data.service ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={set.isPending}
            onClick={() => set.mutate(null)}
          >
            Disconnect
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** The chat channels of the teams the caller leads (or, for an admin, every team they see). */
export function ChatChannels({ teams }: { teams: { id: string; name: string }[] }) {
  return (
    <div className="stack">
      {teams.map((team) => (
        <TeamChannel key={team.id} team={team} />
      ))}
    </div>
  );
}
