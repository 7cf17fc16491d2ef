/**
 * The one-sort-per-class AUC used for the run and its slices equals the statistics module's
 * `ovrAucWithVariance` on each scope's own rows, and its rankings equal `binaryRanking`.
 */
import { describe, expect, test } from 'vitest'
import { binaryRanking } from '../../src/metrics/index.js'
import { ovrAucWithVariance } from '../../src/stats/index.js'
import { classOrders, classOrdersOneAtATime, ovrAucByScope, ovrAucByScopes, ovrWorkspace } from '../../src/stats/shared-ovr-auc.js'
import type { BinaryRanking } from '../../src/metrics/index.js'
import { seededUniform } from '../evaluate/run-samples.js'

function sample(n: number, k: number, seed: number): { proba: Float64Array; y: Int32Array; scope: Int32Array } {
  const u = seededUniform(seed)
  const proba = new Float64Array(n * k)
  const y = new Int32Array(n)
  const scope = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    y[i] = Math.floor(u() * k)
    let sum = 0
    for (let c = 0; c < k; c++) {
      // Rounded to 1 decimal before normalising: many ties.
      const v = Math.round((u() + (c === y[i] ? 0.6 : 0)) * 10) / 10 + 0.05
      proba[i * k + c] = v
      sum += v
    }
    for (let c = 0; c < k; c++) proba[i * k + c] /= sum
    scope[i] = i % 7 === 0 ? -1 : Math.floor(u() * 3)
  }
  return { proba, y, scope }
}

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300)
}

describe('ovrAucByScope', () => {
  for (const average of ['macro', 'weighted'] as const) {
    test(`${average}: every scope equals ovrAucWithVariance on its rows`, () => {
      const k = 4
      const { proba, y, scope } = sample(3000, k, average === 'macro' ? 3 : 4)
      const orders = classOrders(proba, k)
      const whole = ovrAucByScope(proba, y, k, average, orders, null, 1)[0]
      const reference = ovrAucWithVariance(proba, y, k, average)
      expect(relative(whole.auc, reference.auc)).toBeLessThan(1e-12)
      expect(relative(whole.variance, reference.variance)).toBeLessThan(1e-9)
      const scopes = ovrAucByScope(proba, y, k, average, orders, scope, 3)
      for (let s = 0; s < 3; s++) {
        const rows = [...scope.keys()].filter((i) => scope[i] === s)
        const subProba = new Float64Array(rows.length * k)
        rows.forEach((r, j) => subProba.set(proba.subarray(r * k, r * k + k), j * k))
        const sub = ovrAucWithVariance(subProba, Int32Array.from(rows, (r) => y[r]), k, average)
        expect(relative(scopes[s].auc, sub.auc)).toBeLessThan(1e-12)
        expect(relative(scopes[s].variance, sub.variance)).toBeLessThan(1e-9)
        expect(scopes[s].auc).not.toBeCloseTo(whole.auc, 6)
      }
    })
  }

  test('several scopings in one pass equal one pass each', () => {
    const k = 3
    const { proba, y, scope } = sample(2000, k, 11)
    const other = Int32Array.from(scope, (s, i) => (s < 0 ? 1 : i % 2))
    const orders = classOrders(proba, k)
    const [all, first, second] = ovrAucByScopes(proba, y, k, 'weighted', orders, [
      { scopeOf: null, count: 1 },
      { scopeOf: scope, count: 3 },
      { scopeOf: other, count: 2 },
    ])
    expect(all).toEqual(ovrAucByScope(proba, y, k, 'weighted', orders, null, 1))
    expect(first).toEqual(ovrAucByScope(proba, y, k, 'weighted', orders, scope, 3))
    expect(second).toEqual(ovrAucByScope(proba, y, k, 'weighted', orders, other, 2))
  })

  test('a scope missing a class has no AUC; a class with one example has no variance', () => {
    const proba = Float64Array.of(0.6, 0.3, 0.1, 0.2, 0.5, 0.3, 0.1, 0.2, 0.7, 0.5, 0.4, 0.1, 0.3, 0.3, 0.4, 0.2, 0.2, 0.6)
    const y = Int32Array.of(0, 1, 2, 0, 1, 2)
    const orders = classOrders(proba, 3)
    const [first, second] = ovrAucByScope(proba, y, 3, 'macro', orders, Int32Array.of(0, 0, 0, 0, 0, 1), 2)
    expect(first.auc).toBeTypeOf('number')
    expect(Number.isNaN(first.auc)).toBe(false)
    expect(Number.isNaN(first.variance)).toBe(true)
    expect(Number.isNaN(second.auc)).toBe(true)
  })

  test('the rankings it returns for the whole run equal binaryRanking', () => {
    const k = 3
    const { proba, y } = sample(500, k, 9)
    const rankings: BinaryRanking[] = []
    ovrAucByScope(proba, y, k, 'macro', classOrders(proba, k), null, 1, rankings)
    expect(rankings).toHaveLength(k)
    for (let c = 0; c < k; c++) {
      const scores = Float64Array.from({ length: y.length }, (_, i) => proba[i * k + c])
      const expected = binaryRanking(scores, Uint8Array.from(y, (t) => (t === c ? 1 : 0)))
      expect(rankings[c]).toEqual(expected)
    }
  })

  test('the rankings filled by the walk equal binaryRanking: distinct scores, signed zeros, many cells', () => {
    const k = 3
    const n = 5000
    const u = seededUniform(17)
    const y = Int32Array.from({ length: n }, () => Math.floor(u() * k))
    // Column 0 distinct (one row per group), column 1 mostly +0 / -0 (one long group), column 2 tied.
    const columns = [
      Float64Array.from({ length: n }, () => u()),
      Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? u() : i % 2 === 0 ? -0 : 0)),
      Float64Array.from({ length: n }, () => Math.round(u() * 30) / 30),
    ]
    // 500 scopes: more cells than the one-byte row codes hold (the per-class record path).
    const scope = Int32Array.from({ length: n }, (_, i) => i % 500)
    for (const scopings of [[{ scopeOf: null, count: 1 }], [{ scopeOf: null, count: 1 }, { scopeOf: scope, count: 500 }]]) {
      const rankings: BinaryRanking[] = []
      ovrAucByScopes(columns, y, k, 'weighted', classOrdersOneAtATime(columns, k), scopings, rankings)
      for (let c = 0; c < k; c++) {
        expect(rankings[c]).toStrictEqual(binaryRanking(columns[c], Uint8Array.from(y, (t) => (t === c ? 1 : 0))))
      }
    }
  })

  test('orders not made by classOrders (tie groups read from the scores) give the same numbers', () => {
    const k = 3
    const { proba, y, scope } = sample(1500, k, 21)
    const copies = classOrders(proba, k).map((order) => Int32Array.from(order))
    const fromClassOrders = ovrAucByScopes(proba, y, k, 'weighted', classOrders(proba, k), [{ scopeOf: scope, count: 3 }])
    const fromCopies = ovrAucByScopes(proba, y, k, 'weighted', copies, [{ scopeOf: scope, count: 3 }])
    expect(fromCopies).toEqual(fromClassOrders)
    expect(Number.isFinite(fromCopies[0][0].variance)).toBe(true)
  })

  test('many scopes in two scopings (rows grouped through the sparse cell table) equal one pass each', () => {
    // 2,100 scopes of 6 rows per scoping (2 rows of each class in each): the (cell, scope) table
    // would exceed 4M entries, so cells are found through a Map. A coarse third scoping is checked
    // against ovrAucWithVariance.
    const k = 3
    const n = 12_600
    const { proba } = sample(n, k, 5)
    const y = Int32Array.from({ length: n }, (_, i) => i % 3)
    const fine = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 6))
    const shifted = Int32Array.from({ length: n }, (_, i) => (i < 3 ? -1 : Math.floor((i - 3) / 6)))
    const coarse = Int32Array.from({ length: n }, (_, i) => i % 4)
    const orders = classOrders(proba, k)
    const together = ovrAucByScopes(proba, y, k, 'macro', orders, [
      { scopeOf: fine, count: 2100 },
      { scopeOf: shifted, count: 2100 },
      { scopeOf: coarse, count: 4 },
    ])
    expect(together[0]).toEqual(ovrAucByScope(proba, y, k, 'macro', orders, fine, 2100))
    expect(together[1]).toEqual(ovrAucByScope(proba, y, k, 'macro', orders, shifted, 2100))
    expect(together[2]).toEqual(ovrAucByScope(proba, y, k, 'macro', orders, coarse, 4))
    expect(together[0].filter((scope) => Number.isFinite(scope.variance)).length).toBe(2100)
    expect(together[1].filter((scope) => Number.isFinite(scope.variance)).length).toBe(2099)
    for (let s = 0; s < 4; s++) {
      const rows = [...coarse.keys()].filter((i) => coarse[i] === s)
      const subProba = new Float64Array(rows.length * k)
      rows.forEach((r, j) => subProba.set(proba.subarray(r * k, r * k + k), j * k))
      const reference = ovrAucWithVariance(subProba, Int32Array.from(rows, (r) => y[r]), k, 'macro')
      expect(relative(together[2][s].auc, reference.auc)).toBeLessThan(1e-12)
      expect(relative(together[2][s].variance, reference.variance)).toBeLessThan(1e-9)
    }
  })
})

describe('classOrdersOneAtATime', () => {
  for (const n of [500, 6000]) {
    test(`n = ${n}: ovrAucByScopes gives the same AUCs, variances and rankings as with classOrders, bit for bit, with or without a shared workspace`, () => {
      const k = 4
      const { proba, y, scope } = sample(n, k, 11)
      const scopings = [{ scopeOf: null, count: 1 }, { scopeOf: scope, count: 3 }]
      const eagerRankings: BinaryRanking[] = []
      const lazyRankings: BinaryRanking[] = []
      const eager = ovrAucByScopes(proba, y, k, 'weighted', classOrders(proba, k), scopings, eagerRankings)
      const lazy = ovrAucByScopes(proba, y, k, 'weighted', classOrdersOneAtATime(proba, k), scopings, lazyRankings)
      expect(lazy).toStrictEqual(eager)
      expect(lazyRankings).toStrictEqual(eagerRankings)
      expect(lazy[1].map((s) => s.auc).every(Number.isFinite)).toBe(true)
      // The same when the sorts and the walks share one workspace holding garbage (NaN bit
      // patterns): rows outside every slice (scope -1) leave walk slots unwritten, never read.
      const workspace = ovrWorkspace(n, scopings.length)
      new Uint8Array(workspace).fill(0xff)
      const sharedRankings: BinaryRanking[] = []
      expect(ovrAucByScopes(proba, y, k, 'weighted', classOrdersOneAtATime(proba, k, workspace), scopings, sharedRankings, workspace)).toStrictEqual(eager)
      expect(sharedRankings).toStrictEqual(eagerRankings)
      // The larger of the sort's 28 bytes per row (score column, five radix arrays) and the walk's
      // 8T + 8 = 24 (bucketed components, bucket rows, a tie group's records).
      expect(workspace.byteLength).toBe(n * 28)
      // One array for every class: class 1's order overwrites class 0's.
      const orderOf = classOrdersOneAtATime(proba, k)
      const first = orderOf(0)
      const firstCopy = Int32Array.from(first)
      const second = orderOf(1)
      if (n >= 2048) expect(second.buffer).toBe(first.buffer)
      expect(Array.from(second)).toStrictEqual(Array.from(classOrders(proba, k)[1]))
      expect(Array.from(firstCopy)).toStrictEqual(Array.from(classOrders(proba, k)[0]))
    })
  }
})


describe('probabilities as one column per class', () => {
  test('the same AUCs, variances and rankings as the row-major matrix, bit for bit (every way of making the orders)', () => {
    const k = 4
    const n = 6000
    const { proba, y, scope } = sample(n, k, 31)
    const columns = Array.from({ length: k }, (_, c) => Float64Array.from({ length: n }, (_, i) => proba[i * k + c]))
    const before = columns.map((column) => Float64Array.from(column))
    const scopings = [{ scopeOf: null, count: 1 }, { scopeOf: scope, count: 3 }]
    const matrixRankings: BinaryRanking[] = []
    const matrix = ovrAucByScopes(proba, y, k, 'weighted', classOrders(proba, k), scopings, matrixRankings)
    const eagerRankings: BinaryRanking[] = []
    expect(ovrAucByScopes(columns, y, k, 'weighted', classOrders(columns, k), scopings, eagerRankings)).toStrictEqual(matrix)
    expect(eagerRankings).toStrictEqual(matrixRankings)
    const workspace = ovrWorkspace(n, scopings.length)
    new Uint8Array(workspace).fill(0xff)
    const sharedRankings: BinaryRanking[] = []
    expect(ovrAucByScopes(columns, y, k, 'weighted', classOrdersOneAtATime(columns, k, workspace), scopings, sharedRankings, workspace)).toStrictEqual(matrix)
    expect(sharedRankings).toStrictEqual(matrixRankings)
    // Orders not made here: the tie flags are read from the columns.
    const copies = classOrders(proba, k).map((order) => Int32Array.from(order))
    expect(ovrAucByScopes(columns, y, k, 'macro', copies, scopings)).toStrictEqual(ovrAucByScopes(proba, y, k, 'macro', classOrders(proba, k), scopings))
    // The columns are read in place, never written.
    expect(columns).toStrictEqual(before)
  })
})
