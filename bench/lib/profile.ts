/**
 * A V8 CPU profile (.cpuprofile, as written by `node --cpu-prof` or the inspector) reduced to
 * where the time went: self time per function and per area (a package, our source folders,
 * Node internals, GC, idle).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  areas: { area: string; ms: number; share: number }[];
  functions: { fn: string; where: string; ms: number; share: number }[];
  /** Time in a function and everything it called (each function counted once per sample). */
  inclusive: { fn: string; where: string; ms: number; share: number }[];
}

const shortUrl = (url: string) =>
  url.replace(/^.*\/(node_modules\/\.pnpm\/[^/]+\/node_modules\/|work\/main\/)/, '');
const BORING = new Set(['(root)', '(program)', '(idle)', '(garbage collector)', '']);

export function areaOf(url: string, functionName: string): string {
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(garbage collector)') return '(garbage collector)';
  if (functionName === '(program)') return '(program)';
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pnpm) return pnpm[1]!;
  const plain = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (plain) return plain[1]!;
  const ours =
    /\/(apps\/[^/]+\/src\/(?:modules\/[^/]+|[^/]+)|packages\/[^/]+\/src|bench\/[^/]+)/.exec(url);
  if (ours) return ours[1]!;
  return url.replace(/^file:\/\//, '');
}

export function summarize(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const areas = new Map<string, number>();
  const fns = new Map<string, { fn: string; where: string; us: number }>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    total += us;
    if (functionName === '(idle)') idle += us;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const short = url
      ? `${url.replace(/^.*\/(node_modules\/\.pnpm\/[^/]+\/node_modules\/|work\/main\/)/, '')}:${lineNumber + 1}`
      : '';
    const key = `${functionName}|${short}`;
    const entry = fns.get(key) ?? { fn: functionName || '(anonymous)', where: short, us: 0 };
    entry.us += us;
    fns.set(key, entry);
  }
  const busy = total - idle;
  const share = (us: number) => (busy > 0 ? us / busy : 0);

  // Inclusive time: walk each sampled node up to the root.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, { fn: string; where: string; us: number }>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
      if (BORING.has(functionName) && !url) continue;
      if (!url.includes('/work/main/') || url.includes('node_modules')) {
        // Only our own code and the libraries' entry points it calls are worth a line.
        if (!functionName) continue;
      }
      const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
      const key = `${functionName}|${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = inclusive.get(key) ?? { fn: functionName || '(anonymous)', where, us: 0 };
      entry.us += us;
      inclusive.set(key, entry);
    }
  }
  return {
    totalMs: total / 1000,
    busyMs: busy / 1000,
    areas: [...areas]
      .filter(([a]) => a !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([area, us]) => ({ area, ms: us / 1000, share: share(us) })),
    functions: [...fns.values()]
      .filter((f) => f.fn !== '(idle)')
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ fn: f.fn, where: f.where, ms: f.us / 1000, share: share(f.us) })),
    inclusive: [...inclusive.values()]
      .filter((f) => f.where.startsWith('apps/') || f.where.startsWith('packages/'))
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ fn: f.fn, where: f.where, ms: f.us / 1000, share: share(f.us) })),
  };
}

export function formatSummary(title: string, s: ProfileSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)} %`;
  const lines = [
    `${title}: ${s.busyMs.toFixed(0)} ms on CPU of ${s.totalMs.toFixed(0)} ms profiled`,
    '  by area (self time):',
    ...s.areas.map((a) => `    ${pct(a.share)}  ${a.ms.toFixed(0).padStart(7)} ms  ${a.area}`),
    '  top functions (self time):',
    ...s.functions.map(
      (f) => `    ${pct(f.share)}  ${f.ms.toFixed(0).padStart(7)} ms  ${f.fn}  ${f.where}`,
    ),
    '  our functions, inclusive (with everything they call):',
    ...s.inclusive.map(
      (f) => `    ${pct(f.share)}  ${f.ms.toFixed(0).padStart(7)} ms  ${f.fn}  ${f.where}`,
    ),
  ];
  return lines.join('\n');
}

// `tsx bench/lib/profile.ts file.cpuprofile` prints a summary.
if (process.argv[1]?.endsWith('profile.ts') && process.argv[2]) {
  const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as CpuProfile;
  console.log(formatSummary(process.argv[2], summarize(profile, Number(process.argv[3] ?? 20))));
}
