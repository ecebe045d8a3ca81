/**
 * Exact rational numbers over BigInt, for the disclosure audit: a rank decision made in floating
 * point is wrong exactly at the boundary cases an attacker exploits (a combination that is in the
 * span of the published figures up to 1e-17 is not in it at all).
 */

export const abs = (a: bigint): bigint => (a < 0n ? -a : a);

export function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export const lcm = (a: bigint, b: bigint): bigint =>
  a === 0n || b === 0n ? 0n : abs((a / gcd(a, b)) * b);

/** A fraction in lowest terms with a positive denominator. */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  constructor(num: bigint, den = 1n) {
    if (den === 0n) throw new RangeError('zero denominator');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num, den);
    this.num = g > 1n ? num / g : num;
    this.den = g > 1n ? den / g : den;
  }

  static readonly ZERO = new Rational(0n);
  static readonly ONE = new Rational(1n);

  static of(value: Rational | bigint | number | string): Rational {
    if (value instanceof Rational) return value;
    if (typeof value === 'bigint') return new Rational(value);
    if (typeof value === 'number') return Rational.fromNumber(value);
    return Rational.parse(value);
  }

  /** The exact value of a double (every finite double is a dyadic rational). */
  static fromNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    if (Number.isInteger(x)) return new Rational(BigInt(x));
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const bits = view.getBigUint64(0);
    const sign = bits >> 63n ? -1n : 1n;
    const exponent = Number((bits >> 52n) & 0x7ffn);
    const fraction = bits & ((1n << 52n) - 1n);
    const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
    const shift = (exponent === 0 ? 1 : exponent) - 1075;
    return shift >= 0
      ? new Rational(sign * (mantissa << BigInt(shift)))
      : new Rational(sign * mantissa, 1n << BigInt(-shift));
  }

  /** "3", "-2/7", "0.125", "1e-30" written exactly. */
  static parse(text: string): Rational {
    const t = text.trim();
    const slash = /^([+-]?\d+)\s*\/\s*(\d+)$/.exec(t);
    if (slash) return new Rational(BigInt(slash[1]!), BigInt(slash[2]!));
    const dec = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(t);
    if (!dec || (dec[2] === '' && (dec[3] ?? '') === ''))
      throw new RangeError(`not a number: ${text}`);
    const digits = `${dec[2]}${dec[3] ?? ''}` || '0';
    const exp = Number(dec[4] ?? 0) - (dec[3] ?? '').length;
    const sign = dec[1] === '-' ? -1n : 1n;
    const n = sign * BigInt(digits);
    return exp >= 0 ? new Rational(n * 10n ** BigInt(exp)) : new Rational(n, 10n ** BigInt(-exp));
  }

  add(o: Rational): Rational {
    return new Rational(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return new Rational(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    return new Rational(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('division by zero');
    return new Rational(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  compare(o: Rational): number {
    const d = this.num * o.den - o.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  /** The nearest double (to within an ulp; subnormals may lose a bit). */
  toNumber(): number {
    if (this.num === 0n) return 0;
    const bits = (v: bigint) => abs(v).toString(2).length;
    const shift = bits(this.den) - bits(this.num) + 64;
    if (shift <= 0) return Number(this.num / this.den);
    let x = Number((this.num << BigInt(shift)) / this.den);
    for (let left = shift; left > 0; left -= 1000) x /= 2 ** Math.min(left, 1000);
    return x;
  }
  toString(): string {
    return this.den === 1n ? `${this.num}` : `${this.num}/${this.den}`;
  }
}

export type RationalLike = Rational | bigint | number | string;

/**
 * A row of rationals scaled to integers with the same direction: multiplied by the lcm of its
 * denominators and divided by the gcd of the results (its content). Row spaces are unchanged.
 */
export function integerRow(row: readonly RationalLike[]): bigint[] {
  const values = row.map(Rational.of);
  let den = 1n;
  for (const v of values) den = lcm(den, v.den);
  return primitive(values.map((v) => v.num * (den / v.den)));
}

/** Divides an integer row by the gcd of its entries (a zero row stays zero). */
export function primitive(row: bigint[]): bigint[] {
  let g = 0n;
  for (const v of row) {
    g = gcd(g, v);
    if (g === 1n) return row;
  }
  return g > 1n ? row.map((v) => v / g) : row;
}
