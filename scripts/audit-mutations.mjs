#!/usr/bin/env node
// Mutation check of the disclosure audit (apps/api/test/audit): each patch in
// apps/api/test/audit/mutations switches off one anonymity rule of docs/product.md §4; the audit
// must fail for every one of them. A test that stays green with a rule removed does not guard it.
//
// The patches are applied to a private copy of the working tree (the repository's own files are
// never touched, so people working in it meanwhile see nothing), one at a time, each reverted
// in a `finally`. The copy shares the installed node_modules. First the unmutated audit must pass.
//
//   node scripts/audit-mutations.mjs [patch-name-substring ...]
//   AUDIT_RUNS=12 AUDIT_SEED=20261125 node scripts/audit-mutations.mjs   (the defaults)
//
// Prints PASS (exit 0) when the audit fails for every mutation, FAIL (exit 1) otherwise.
import { spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MUTATIONS = 'apps/api/test/audit/mutations';
const AUDIT = 'apps/api/test/audit/disclosure.test.ts';
const env = {
  ...process.env,
  AUDIT_RUNS: process.env.AUDIT_RUNS ?? '12',
  AUDIT_SEED: process.env.AUDIT_SEED ?? '20261125',
  FORCE_COLOR: '0',
  NO_COLOR: '1',
};
delete env.DATABASE_URL; // the embedded database: each run is self-contained

const only = process.argv.slice(2);
const patches = readdirSync(join(ROOT, MUTATIONS))
  .filter((f) => f.endsWith('.patch'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (patches.length === 0) {
  console.error(`no patches in ${MUTATIONS}`);
  process.exit(2);
}

// A copy of the working tree as it is now (uncommitted changes included), without .git and the
// root node_modules, which is linked: the workspace packages' own links then resolve inside the
// copy, so a patched package is the one the copy's tests import.
const copy = mkdtempSync(join(tmpdir(), 'leeway-mutations-'));
const tar = spawnSync(
  'sh',
  [
    '-c',
    `tar -C "${ROOT}" --exclude=./node_modules --exclude=./.git --exclude=./apps/api/.leeway-data --exclude=./apps/web/dist -cf - . | tar -C "${copy}" -xf -`,
  ],
  { stdio: 'inherit' },
);
if (tar.status !== 0) {
  console.error('could not copy the working tree');
  process.exit(2);
}
symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));

const cleanup = () => rmSync(copy, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}

const git = (args) => spawnSync('git', args, { cwd: copy, encoding: 'utf8' });

/** Source files of the copy (apps and packages, no node_modules), relative to it. */
function sourceFiles(dir = '') {
  const out = [];
  for (const name of readdirSync(join(copy, dir))) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const rel = dir ? `${dir}/${name}` : name;
    if (statSync(join(copy, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx|mjs|js)$/.test(name)) out.push(rel);
  }
  return out;
}

/**
 * The code a patch switches off may have moved to another file since the patch was written: each
 * file section is pointed at the one source file that holds all of its hunks' old lines, if there
 * is exactly one. Returns the relocated patch and where it went, or null.
 */
function relocate(patchText) {
  const files = [...sourceFiles('apps'), ...sourceFiles('packages')];
  const moves = [];
  const sections = patchText.split(/^(?=diff --git )/m).filter((x) => x.trim());
  const out = sections.map((section) => {
    const path = /^diff --git a\/(\S+) b\//.exec(section)?.[1];
    if (!path) return null;
    const blocks = section
      .split(/^(?=@@ )/m)
      .slice(1)
      .map((hunk) =>
        hunk
          .split('\n')
          .slice(1)
          .filter((l) => l.startsWith(' ') || l.startsWith('-'))
          .map((l) => l.slice(1))
          .join('\n'),
      );
    const holders = files.filter((f) => {
      const text = readFileSync(join(copy, f), 'utf8');
      return blocks.every((b) => text.includes(b));
    });
    if (holders.length !== 1) return null;
    if (holders[0] !== path) moves.push(`${path} → ${holders[0]}`);
    return section
      .replaceAll(`a/${path}`, `a/${holders[0]}`)
      .replaceAll(`b/${path}`, `b/${holders[0]}`);
  });
  if (out.some((x) => x === null) || moves.length === 0) return null;
  return { text: out.join(''), moves };
}

/** Runs the audit in the copy: whether it passed, how long it took, which checks failed. */
function runAudit() {
  const started = Date.now();
  const res = spawnSync(
    'npx',
    ['--yes', 'pnpm@10.34.9', 'vitest', 'run', '--project', 'api', AUDIT],
    { cwd: copy, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const output = `${res.stdout ?? ''}\n${res.stderr ?? ''}`;
  const kinds = new Map();
  for (const m of output.matchAll(/^\s{2}([a-z-]+) \((\d+)\):$/gm)) {
    if (!kinds.has(m[1])) kinds.set(m[1], Number(m[2]));
  }
  const first = /^\s{4}- (.*)$/m.exec(output)?.[1];
  return {
    passed: res.status === 0,
    // The audit's own verdict (describeFailures), not a crash or a syntax error.
    audited: output.includes('audit failed for '),
    seconds: ((Date.now() - started) / 1000).toFixed(1),
    kinds,
    first,
    tail: output.split('\n').slice(-40).join('\n'),
  };
}

const summary = (kinds) =>
  [...kinds].map(([kind, n]) => `${kind} ×${n}`).join(', ') || 'see the vitest output';

let ok = true;
try {
  console.log(`audit: ${AUDIT}, AUDIT_RUNS=${env.AUDIT_RUNS}, AUDIT_SEED=${env.AUDIT_SEED}`);
  console.log(`copy of the working tree: ${copy}\n`);
  const baseline = process.env.AUDIT_SKIP_BASELINE ? { passed: true, seconds: '-' } : runAudit();
  if (!baseline.passed) {
    console.log(`baseline (no mutation): the audit FAILS (${baseline.seconds} s) — fix that first`);
    console.log(baseline.tail);
    process.exitCode = 1;
    ok = false;
  } else {
    console.log(`baseline (no mutation): the audit passes (${baseline.seconds} s)`);
    for (const patch of patches) {
      let file = join(copy, MUTATIONS, patch);
      const name = patch.replace(/\.patch$/, '');
      const check = git(['apply', '--check', file]);
      if (check.status !== 0) {
        const moved = relocate(readFileSync(file, 'utf8'));
        const relocated = join(copy, `${name}.relocated.patch`);
        if (moved) writeFileSync(relocated, moved.text);
        if (!moved || git(['apply', '--check', relocated]).status !== 0) {
          console.log(`${name}: STALE — the patch no longer applies: ${check.stderr.trim()}`);
          ok = false;
          continue;
        }
        console.log(`${name}: the code moved (${moved.moves.join(', ')}); applying it there`);
        file = relocated;
      }
      let applied = false;
      try {
        const apply = git(['apply', file]);
        if (apply.status !== 0) throw new Error(apply.stderr);
        applied = true;
        const result = runAudit();
        if (!result.passed && !result.audited) {
          console.log(
            `${name}: BROKEN — the audit did not run to its verdict (${result.seconds} s)`,
          );
          console.log(result.tail);
          ok = false;
        } else if (result.passed) {
          console.log(
            `${name}: SURVIVED — the audit passes with this rule switched off (${result.seconds} s)`,
          );
          ok = false;
        } else {
          console.log(`${name}: caught (${result.seconds} s): ${summary(result.kinds)}`);
          if (result.first) console.log(`    e.g. ${result.first.slice(0, 400)}`);
        }
      } finally {
        if (applied) {
          const revert = git(['apply', '-R', file]);
          if (revert.status !== 0) {
            console.error(`could not revert ${name} in the copy: ${revert.stderr}`);
            process.exit(2);
          }
        }
      }
    }
  }
} finally {
  cleanup();
}
console.log(
  ok ? `\nPASS: the audit fails for every one of ${patches.length} mutations` : '\nFAIL: see above',
);
process.exitCode = ok ? 0 : 1;
