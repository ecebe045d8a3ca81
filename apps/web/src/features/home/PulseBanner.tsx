import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { currentPulse } from '../../api/pulse.queries.ts';
import { useSession } from '../../app/session.ts';
import { formatClosingIn } from '../../lib/time.ts';

/** Shown on the home page while this week's pulse is unanswered. Quiet in every other case. */
export function PulseBanner() {
  const session = useSession();
  const { data: pulse } = useQuery(currentPulse());
  if (!pulse) return null;
  if (pulse.answered) {
    return (
      <p className="note">You have answered this week's pulse for {pulse.teamName}. Thank you.</p>
    );
  }
  return (
    <section className="banner" aria-labelledby="pulse-banner-title">
      <div>
        <h2 id="pulse-banner-title">This week's pulse is open</h2>
        <p>
          Six quick questions for {pulse.teamName}, under a minute. Open until{' '}
          {formatClosingIn(pulse.closesAt, session.org.timezone)}.
        </p>
      </div>
      <Link className="button" to="/pulse">
        Answer this week's pulse
      </Link>
    </section>
  );
}
