import { integerRow, primitive, type RationalLike } from './rational.ts';

/**
 * Exact row spaces over the rationals (docs: /work/shared/ANONYMITY-AUDIT.md, "a rank test").
 *
 * Rows are scaled to integers and kept in echelon form by fraction-free Gaussian elimination:
 * eliminating column p of v with a basis row r is `v ← r[p]·v − v[p]·r`, then v is divided by the
 * gcd of its entries, so every number stays an exact integer of modest size. A combination `c·x` of
 * the unknowns is determined by the relations `A x = b` exactly when c lies in the row space of A.
 */
export class RowSpace {
  /** Echelon rows, sorted by pivot: each is zero before its pivot, and pivots are distinct. */
  private readonly rows: { pivot: number; row: bigint[] }[] = [];

  constructor(readonly columns: number) {}

  get rank(): number {
    return this.rows.length;
  }

  /** `v` with every pivot column of the basis eliminated; zero exactly when v is in the space. */
  private reduce(v: bigint[]): bigint[] {
    if (v.length !== this.columns) {
      throw new RangeError(`row of ${v.length} entries in a space of ${this.columns} columns`);
    }
    let x = v.slice();
    for (const { pivot, row } of this.rows) {
      const a = x[pivot]!;
      if (a === 0n) continue;
      const p = row[pivot]!;
      // The basis row is zero before its pivot: there, x is only scaled by p.
      for (let j = 0; j < this.columns; j++) x[j] = p * x[j]! - a * row[j]!;
      x = primitive(x);
    }
    return x;
  }

  /** Adds a row; returns whether it raised the rank (false: it was already in the span). */
  add(row: readonly RationalLike[]): boolean {
    const x = this.reduce(integerRow(row));
    const pivot = x.findIndex((v) => v !== 0n);
    if (pivot < 0) return false;
    const normalized = x[pivot]! < 0n ? x.map((v) => -v) : x;
    let at = this.rows.findIndex((r) => r.pivot > pivot);
    if (at < 0) at = this.rows.length;
    this.rows.splice(at, 0, { pivot, row: normalized });
    return true;
  }

  /** Whether `v` is a rational combination of the rows added so far. */
  contains(v: readonly RationalLike[]): boolean {
    return this.reduce(integerRow(v)).every((x) => x === 0n);
  }
}

/** The rank of a system of rows, exactly. An empty system has rank 0. */
export function rank(rows: readonly (readonly RationalLike[])[], columns?: number): number {
  const n = columns ?? rows[0]?.length ?? 0;
  const space = new RowSpace(n);
  for (const row of rows) space.add(row);
  return space.rank;
}

/** Whether `c` lies in the row space of `rows`: rank([A; c]) = rank(A). */
export function inRowSpace(
  rows: readonly (readonly RationalLike[])[],
  c: readonly RationalLike[],
): boolean {
  const space = new RowSpace(c.length);
  for (const row of rows) space.add(row);
  return space.contains(c);
}

/** The unit vector e_i of length n. */
export const unit = (n: number, i: number): number[] =>
  Array.from({ length: n }, (_, j) => (j === i ? 1 : 0));

/** The indicator vector of a set of columns. */
export const indicator = (n: number, columns: Iterable<number>): number[] => {
  const v = new Array<number>(n).fill(0);
  for (const c of columns) v[c] = 1;
  return v;
};
