import { useSession } from '../../app/session.ts';
import { HrHome } from './HrHome.tsx';
import { LeadHome } from './LeadHome.tsx';
import { MemberHome } from './MemberHome.tsx';

/** Each role's first screen answers "how are we, and what do I do next?". */
export function HomePage() {
  const session = useSession();
  return (
    <>
      <title>Home · Leeway</title>
      {session.user.role === 'admin' ? (
        <HrHome session={session} />
      ) : session.user.role === 'lead' ? (
        <LeadHome session={session} />
      ) : (
        <MemberHome session={session} />
      )}
    </>
  );
}
