import { formatCount } from '../../lib/format.ts';

/**
 * A team with fewer members than k can never reach k answers in a week: none of its figures will
 * ever appear, and an experiment there can show no result. Said plainly, before anyone waits.
 */
export function SmallTeamWarning({
  memberCount,
  k,
  teamName,
}: {
  memberCount: number;
  k: number;
  teamName: string;
}) {
  if (memberCount >= k) return null;
  return (
    <div className="alert alert-info" role="note">
      <strong>
        {teamName} has {formatCount(memberCount)} {memberCount === 1 ? 'member' : 'members'}, fewer
        than {k}.
      </strong>{' '}
      Results appear only when at least {k} people answer in the same week, so its figures cannot
      show — and an experiment run there cannot show a result — until it has {k} members.
    </div>
  );
}
