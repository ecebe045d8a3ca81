#!/usr/bin/env node
// Runs a command with DATABASE_URL pointing at a PostgreSQL server (default: the local one).
// Each API test file creates and drops a database of its own on that server.
import { spawn } from 'node:child_process';

const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-postgres.mjs <command> [args...]');
  process.exit(2);
}
const child = spawn(command, args, {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, DATABASE_URL: url },
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
