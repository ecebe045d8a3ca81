import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indicator, inRowSpace, RowSpace, rank, unit } from './rank.ts';
import { gcd, integerRow, lcm, Rational } from './rational.ts';

describe('Rational', () => {
  it('keeps lowest terms with a positive denominator', () => {
    const r = new Rational(6n, -4n);
    expect([r.num, r.den]).toEqual([-3n, 2n]);
    expect(new Rational(0n, -7n).toString()).toBe('0');
    expect(() => new Rational(1n, 0n)).toThrow(RangeError);
  });

  it('does exact arithmetic', () => {
    const third = new Rational(1n, 3n);
    expect(third.add(third).add(third).equals(Rational.ONE)).toBe(true);
    expect(Rational.parse('0.1').add(Rational.parse('0.2')).equals(Rational.parse('0.3'))).toBe(
      true,
    );
    expect(Rational.parse('2/7').mul(Rational.parse('7/2')).equals(Rational.ONE)).toBe(true);
    expect(Rational.parse('1e-30').toString()).toBe(`1/1${'0'.repeat(30)}`);
    expect(Rational.parse('-1.25').compare(Rational.parse('-5/4'))).toBe(0);
    expect(() => Rational.parse('abc')).toThrow(RangeError);
  });

  it('converts doubles exactly', () => {
    expect(Rational.fromNumber(0.5).toString()).toBe('1/2');
    expect(Rational.fromNumber(-3).toString()).toBe('-3');
    // 0.1 is not 1/10 in binary: the exact dyadic value.
    expect(Rational.fromNumber(0.1).equals(Rational.parse('0.1'))).toBe(false);
    expect(Rational.fromNumber(0.1).den).toBe(2n ** 55n);
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Rational.fromNumber(x).toNumber()).toBe(x === 0 ? 0 : x);
      }),
    );
    expect(Rational.fromNumber(5e-324).den).toBe(2n ** 1074n);
  });

  it('gcd, lcm and integer rows', () => {
    expect(gcd(12n, -18n)).toBe(6n);
    expect(gcd(0n, 0n)).toBe(0n);
    expect(lcm(4n, 6n)).toBe(12n);
    expect(integerRow(['1/2', '1/3', 0])).toEqual([3n, 2n, 0n]);
    expect(integerRow([4, 6, -8])).toEqual([2n, 3n, -4n]);
    expect(integerRow([0, 0])).toEqual([0n, 0n]);
  });
});

describe('rank and row-space membership (exact)', () => {
  it('an empty system has rank 0 and holds only the zero vector', () => {
    expect(rank([])).toBe(0);
    expect(rank([], 3)).toBe(0);
    expect(inRowSpace([], [0, 0, 0])).toBe(true);
    expect(inRowSpace([], [0, 1, 0])).toBe(false);
    const space = new RowSpace(0);
    expect(space.contains([])).toBe(true);
  });

  it('zero rows add nothing', () => {
    expect(
      rank([
        [0, 0],
        [0, 0],
      ]),
    ).toBe(0);
    expect(new RowSpace(2).add([0, 0])).toBe(false);
  });

  it('duplicates and multiples do not raise the rank', () => {
    const rows = [
      [1, 1, 0, 0],
      [1, 1, 0, 0],
      [2, 2, 0, 0],
      ['-1/3', '-1/3', 0, 0],
    ];
    expect(rank(rows)).toBe(1);
    const space = new RowSpace(4);
    expect(space.add(rows[0]!)).toBe(true);
    expect(space.add(rows[1]!)).toBe(false);
    expect(space.add(rows[3]!)).toBe(false);
  });

  it('a vector in the span of others is determined; one just outside is not', () => {
    const rows = [
      [1, 2, 3, 0],
      [0, 1, 4, 1],
      [5, 6, 0, 2],
    ];
    // 2·r1 − 3·r2 + (1/7)·r3
    const inside = [2 + 5 / 7, 4 - 3 + 6 / 7, 6 - 12, -3 + 2 / 7].map((x) => Rational.of(x));
    const exactInside = [
      new Rational(19n, 7n),
      new Rational(13n, 7n),
      new Rational(-6n),
      new Rational(-19n, 7n),
    ];
    expect(inRowSpace(rows, exactInside)).toBe(true);
    // The doubles above are 19/7 etc. rounded: not exactly in the span, and the test says so.
    expect(inRowSpace(rows, inside)).toBe(false);
    // Off by 10^-30 in one coordinate: outside. Floating point could not tell.
    const outside = [...exactInside];
    outside[3] = outside[3]!.add(Rational.parse('1e-30'));
    expect(inRowSpace(rows, outside)).toBe(false);
    expect(rank([...rows, exactInside])).toBe(3);
    expect(rank([...rows, outside])).toBe(4);
  });

  it('unit vectors and sums over cells: the differencing attack', () => {
    // Cells a, b, c; published: a + b + c (an org total) and a + b (a pooled window).
    const rows = [indicator(3, [0, 1, 2]), indicator(3, [0, 1])];
    expect(inRowSpace(rows, unit(3, 2))).toBe(true); // c = total − window
    expect(inRowSpace(rows, unit(3, 0))).toBe(false);
    expect(inRowSpace(rows, indicator(3, [0, 1]))).toBe(true);
    expect(inRowSpace(rows, indicator(3, [1, 2]))).toBe(false);
  });

  it('the rank of a product of random integer factors is their inner dimension', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.infiniteStream(fc.integer({ min: -9, max: 9 })),
        (r, m, n, stream) => {
          const it = stream[Symbol.iterator]();
          const next = () => it.next().value as number;
          const inner = Math.min(r, m, n);
          // Identity blocks in the factors make the rank exactly `inner`.
          const left = Array.from({ length: m }, (_, i) =>
            Array.from({ length: inner }, (_, j) => (i === j ? 1 : i < inner ? 0 : next())),
          );
          const right = Array.from({ length: inner }, (_, i) =>
            Array.from({ length: n }, (_, j) => (i === j ? 1 : j < inner ? 0 : next())),
          );
          const product = left.map((row) =>
            Array.from({ length: n }, (_, j) => row.reduce((s, v, k) => s + v * right[k]![j]!, 0)),
          );
          expect(rank(product, n)).toBe(inner);
          // Every row of the product and any combination of them is in its row space.
          const combo = product.reduce(
            (acc, row, i) => acc.map((v, j) => v + (i + 1) * row[j]!),
            new Array<number>(n).fill(0),
          );
          expect(inRowSpace(product, combo)).toBe(true);
          // rank([A; c]) = rank(A) agrees with the incremental test.
          const c = Array.from({ length: n }, () => next());
          expect(inRowSpace(product, c)).toBe(rank([...product, c], n) === rank(product, n));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays exact on an ill-conditioned (Hilbert) system', () => {
    const n = 8;
    const hilbert = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => new Rational(1n, BigInt(i + j + 1))),
    );
    expect(rank(hilbert)).toBe(n);
    // Its first n − 1 rows do not span e_n, however close floating point would call it.
    expect(inRowSpace(hilbert.slice(0, n - 1), unit(n, n - 1))).toBe(false);
    expect(inRowSpace(hilbert, unit(n, n - 1))).toBe(true);
  });

  it('refuses a row of the wrong length', () => {
    expect(() => new RowSpace(3).add([1, 2])).toThrow(RangeError);
  });
});
