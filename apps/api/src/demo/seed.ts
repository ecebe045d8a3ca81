import { addWeeks, weekBounds, weekOf } from '@leeway/domain/weeks';
import type { LeewayApp } from '../app.ts';
import type { Config } from '../config.ts';
import { hashPassword } from '../lib/passwords.ts';
import { inTransaction } from '../lib/transaction.ts';
import * as authRepo from '../modules/auth/repository.ts';
import * as teamsRepo from '../modules/teams/repository.ts';
import { HISTORY_WEEKS, seedHistory } from './history.ts';
import { seedOutboxHistory } from './outbox.ts';

const DEMO_TIMEZONE = 'Europe/Berlin';

export const DEMO_PASSWORD = 'leeway-demo';

export const DEMO_SIGN_INS = [
  { email: 'hr@example.com', description: 'admin (HR)' },
  { email: 'lead@example.com', description: 'lead of the "Platform" team' },
  { email: 'member@example.com', description: 'member of "Platform"' },
];

/** Teams and head counts; "Legal" is deliberately smaller than k so it is always suppressed. */
const TEAMS = [
  { name: 'Platform', members: 9, lead: 'Lena Park' },
  { name: 'Mobile', members: 8, lead: 'Omar Haddad' },
  { name: 'Data', members: 7, lead: 'Priya Raman' },
  { name: 'Design', members: 6, lead: 'Jonas Weber' },
  { name: 'Customer Success', members: 12, lead: 'Grace Okafor' },
  { name: 'Legal', members: 3, lead: 'Henrik Lund' },
];

const FIRST = [
  'Ada',
  'Ben',
  'Chloe',
  'Dev',
  'Elif',
  'Femi',
  'Gita',
  'Hugo',
  'Ines',
  'Jack',
  'Kira',
  'Liam',
  'Maya',
  'Nils',
  'Olga',
  'Pablo',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
  'Uma',
  'Viktor',
  'Wen',
  'Xavi',
  'Yara',
  'Zane',
];
const LAST = [
  'Andersen',
  'Brooks',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'García',
  'Hughes',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Moreau',
  'Nakamura',
  'Olsen',
  'Petrov',
  'Quist',
  'Rossi',
  'Schmidt',
  'Tanaka',
];

export interface SeedResult {
  orgId: string;
  signIns: typeof DEMO_SIGN_INS;
}

export interface DemoTeam {
  id: string;
  name: string;
  leadId: string;
  members: { id: string; name: string; email: string }[];
}

function shouldSeed(config: Config): boolean {
  if (config.seedDemo !== undefined) return config.seedDemo;
  return !config.databaseUrl;
}

export async function seedDemoIfEmpty(app: LeewayApp, config: Config): Promise<SeedResult | null> {
  if (!shouldSeed(config)) return null;
  if (await authRepo.anyOrgExists(app.db)) return null;
  app.log.info('loading the demo organisation');
  return seedDemo(app);
}

export async function seedDemo(app: LeewayApp): Promise<SeedResult> {
  const { org, teams } = await seedPeople(app);
  await seedHistory(app, org, teams);
  await seedOutboxHistory(app, org.id, org.hrId);
  return { orgId: org.id, signIns: DEMO_SIGN_INS };
}

async function seedPeople(app: LeewayApp) {
  const db = app.db;
  const now = app.clock.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Everyone joined as the first week of history opened, so no week shows members without answers.
  const joinedAt = weekBounds(
    addWeeks(weekOf(now, DEMO_TIMEZONE), -HISTORY_WEEKS),
    DEMO_TIMEZONE,
  ).opensAt;

  return inTransaction(db, async (tx) => {
    const org = await authRepo.insertOrg(tx, {
      name: 'Northwind Labs',
      timezone: DEMO_TIMEZONE,
      createdAt: joinedAt,
    });
    const person = (email: string, name: string, role: 'admin' | 'lead' | 'member') =>
      authRepo.insertUser(tx, {
        orgId: org.id,
        email,
        name,
        role,
        passwordHash,
        createdAt: joinedAt,
      });

    const hr = await person('hr@example.com', 'Hannah Reyes', 'admin');
    const teams: DemoTeam[] = [];
    let n = 0;
    for (const spec of TEAMS) {
      const team = await teamsRepo.insertTeam(tx, {
        orgId: org.id,
        name: spec.name,
        createdAt: joinedAt,
      });
      const leadEmail =
        spec.name === 'Platform' ? 'lead@example.com' : `${slug(spec.lead)}@northwind.example`;
      const lead = await person(leadEmail, spec.lead, 'lead');
      await teamsRepo.addLead(tx, { orgId: org.id, userId: lead.id, teamId: team.id });
      const demoTeam: DemoTeam = { id: team.id, name: team.name, leadId: lead.id, members: [] };
      teams.push(demoTeam);
      for (let i = 0; i < spec.members; i++) {
        const isDemoMember = spec.name === 'Platform' && i === 0;
        const name = isDemoMember
          ? 'Milo Santos'
          : `${FIRST[n % FIRST.length]} ${LAST[(n * 7) % LAST.length]}`;
        const email = isDemoMember ? 'member@example.com' : `${slug(name)}.${n}@northwind.example`;
        n++;
        const member = await person(email, name, 'member');
        await teamsRepo.addMembership(tx, {
          orgId: org.id,
          userId: member.id,
          teamId: team.id,
          joinedAt,
        });
        demoTeam.members.push({ id: member.id, name, email });
      }
    }
    return {
      org: {
        id: org.id,
        name: org.name,
        timezone: org.timezone,
        hrId: hr.id,
        createdAt: org.createdAt,
      },
      teams,
    };
  });
}

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.');
