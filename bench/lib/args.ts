/** `--name value`, `--name=value` and bare `--flag` (true); `--no-flag` is false. */
export function parseArgs(argv: string[]): Map<string, string | boolean> {
  const out = new Map<string, string | boolean>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    if (!arg.startsWith('--'))
      throw new Error(`Unexpected argument "${arg}" (flags start with --)`);
    const body = arg.slice(2);
    const eq = body.indexOf('=');
    if (eq >= 0) {
      out.set(body.slice(0, eq), body.slice(eq + 1));
    } else if (body.startsWith('no-')) {
      out.set(body.slice(3), false);
    } else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        out.set(body, next);
        i++;
      } else {
        out.set(body, true);
      }
    }
  }
  return out;
}

export class Flags {
  private readonly used = new Set<string>();
  constructor(private readonly values: Map<string, string | boolean>) {}

  string(name: string, fallback: string): string {
    this.used.add(name);
    const v = this.values.get(name);
    if (v === undefined) return fallback;
    if (typeof v !== 'string') throw new Error(`--${name} needs a value`);
    return v;
  }

  optionalString(name: string): string | undefined {
    this.used.add(name);
    const v = this.values.get(name);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new Error(`--${name} needs a value`);
    return v;
  }

  int(name: string, fallback: number, min = 0): number {
    const raw = this.string(name, String(fallback));
    if (!/^\d+$/.test(raw) || Number(raw) < min) {
      throw new Error(`--${name} must be an integer ≥ ${min} (got "${raw}")`);
    }
    return Number(raw);
  }

  number(name: string, fallback: number): number {
    const raw = this.string(name, String(fallback));
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number ≥ 0`);
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    this.used.add(name);
    const v = this.values.get(name);
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    throw new Error(`--${name} is true or false (got "${v}")`);
  }

  /** Call after reading every flag: an unknown one is a typo, not something to ignore. */
  done(): void {
    const unknown = [...this.values.keys()].filter((k) => !this.used.has(k));
    if (unknown.length > 0)
      throw new Error(`Unknown flag(s): ${unknown.map((k) => `--${k}`).join(' ')}`);
  }
}

export const flagsOf = (argv = process.argv.slice(2)) => new Flags(parseArgs(argv));
