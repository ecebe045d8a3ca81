export * from './auth.ts';
export * from './common.ts';
export * from './experiments.ts';
export * from './health.ts';
export * from './invitations.ts';
export * from './pulse.ts';
export * from './settings.ts';
export * from './teams.ts';
