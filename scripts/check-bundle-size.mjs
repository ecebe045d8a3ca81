#!/usr/bin/env node
// Budget for the JavaScript the sign-in page loads before anything else (run after `pnpm build`):
//
//   node scripts/check-bundle-size.mjs [--dist apps/web/dist] [--max-kb 150] [--json]
//
// "Initial" = the entry chunk(s) of dist/index.html (<script type="module" src>), its
// <link rel="modulepreload"> chunks, and every chunk those import statically (the browser fetches
// them before the app runs, preloaded or not). Chunks reached only through import() — the pages,
// the charts — are lazy and not counted. Sizes are gzip (level 6, what a server sends by default);
// 1 kB = 1000 bytes, as Vite reports them.
//
// Exit 1 when the gzipped total exceeds the budget, or when an initial chunk contains recharts
// (found by its CSS class names, "recharts-wrapper", "recharts-surface", …, which minification
// keeps). Exit 2 when there is no build to check.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i >= 0 && args[i + 1] !== undefined) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : fallback;
};
const dist = resolve(root, option('dist', 'apps/web/dist'));
const maxKb = Number(option('max-kb', process.env.BUNDLE_MAX_KB ?? '150'));
const asJson = args.includes('--json');

const indexFile = join(dist, 'index.html');
if (!existsSync(indexFile)) {
  console.error(`No build at ${indexFile}: run \`pnpm build\` first.`);
  process.exit(2);
}
const html = readFileSync(indexFile, 'utf8');

/** Attribute value of every tag matching `tag` whose attributes satisfy `want`. */
function attributes(tagName, want, attribute) {
  const out = [];
  for (const match of html.matchAll(new RegExp(`<${tagName}\\b([^>]*)>`, 'gi'))) {
    const attrs = Object.fromEntries(
      [...match[1].matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)].map((m) => [
        m[1].toLowerCase(),
        m[2] ?? m[3] ?? m[4] ?? '',
      ]),
    );
    if (want(attrs) && attrs[attribute]) out.push(attrs[attribute]);
  }
  return out;
}

const isLocal = (url) => !/^[a-z]+:\/\//i.test(url) && !url.startsWith('//');
const entries = attributes(
  'script',
  (a) => a.type === 'module' && a.src !== undefined,
  'src',
).filter(isLocal);
const preloads = attributes(
  'link',
  (a) => (a.rel ?? '').split(/\s+/).includes('modulepreload'),
  'href',
).filter(isLocal);
if (entries.length === 0) {
  console.error(`${indexFile} references no module script.`);
  process.exit(2);
}

// Static imports in Vite/Rollup output: `import{a as b}from"./x.js"`, `import"./x.js"`,
// `export{…}from"./x.js"`. import("./x.js") (lazy) has a parenthesis and does not match.
const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;

const chunks = new Map(); // url path → { file, why }
const queue = [
  ...entries.map((u) => ({ url: u, why: 'entry' })),
  ...preloads.map((u) => ({ url: u, why: 'modulepreload' })),
];
while (queue.length > 0) {
  const { url, why } = queue.shift();
  const path = posix.normalize(url.split('?')[0]);
  if (chunks.has(path)) continue;
  const file = join(dist, path.replace(/^\//, ''));
  if (!existsSync(file)) {
    console.error(`index.html references ${url}, which is not in ${dist}`);
    process.exit(2);
  }
  const code = readFileSync(file);
  chunks.set(path, { file, why, code });
  for (const m of code.toString('utf8').matchAll(STATIC_IMPORT)) {
    const target = m[1];
    if (!target.startsWith('.') && !target.startsWith('/')) continue;
    const resolved = target.startsWith('/') ? target : posix.join(posix.dirname(path), target);
    if (!chunks.has(resolved)) queue.push({ url: resolved, why: `imported by ${path}` });
  }
}

const rows = [...chunks.entries()].map(([path, c]) => ({
  chunk: path,
  why: c.why,
  bytes: c.code.length,
  gzip: gzipSync(c.code, { level: 6 }).length,
  brotli: brotliCompressSync(c.code).length,
  recharts: /recharts/i.test(c.code.toString('utf8')),
}));
const total = rows.reduce(
  (t, r) => ({ bytes: t.bytes + r.bytes, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
  { bytes: 0, gzip: 0, brotli: 0 },
);
const limit = maxKb * 1000;
const withRecharts = rows.filter((r) => r.recharts);
const failures = [];
if (total.gzip > limit) {
  failures.push(`initial JS is ${(total.gzip / 1000).toFixed(1)} kB gzipped, over ${maxKb} kB`);
}
for (const r of withRecharts) failures.push(`${r.chunk} (${r.why}) contains recharts`);

if (asJson) {
  console.log(JSON.stringify({ dist, limitKb: maxKb, chunks: rows, total, failures }, null, 2));
} else {
  const kb = (n) => `${(n / 1000).toFixed(1)} kB`.padStart(10);
  console.log(`Initial JS of the sign-in page (${dist.replace(`${root}/`, '')}/index.html):`);
  console.log(
    `  ${'chunk'.padEnd(40)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}  loaded as`,
  );
  for (const r of rows) {
    console.log(
      `  ${r.chunk.padEnd(40)} ${kb(r.bytes)} ${kb(r.gzip)} ${kb(r.brotli)}  ${r.why}${r.recharts ? '  ← contains recharts' : ''}`,
    );
  }
  console.log(`  ${'total'.padEnd(40)} ${kb(total.bytes)} ${kb(total.gzip)} ${kb(total.brotli)}`);
  console.log(
    `Budget: ${maxKb} kB gzipped → ${total.gzip <= limit ? 'PASS' : 'FAIL'} (${((total.gzip / limit) * 100).toFixed(0)} % used); recharts in initial chunks: ${withRecharts.length === 0 ? 'none (PASS)' : 'yes (FAIL)'}`,
  );
}
if (failures.length > 0) {
  for (const f of failures) console.error(`check-bundle-size: ${f}`);
  process.exit(1);
}
