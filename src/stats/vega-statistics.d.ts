// vega-statistics ships no type declarations: the one function used here (normal-cdf.ts).
declare module 'vega-statistics' {
  /** P(X <= value) for X ~ Normal(mean, stdev) (West 2005); 0 or 1 beyond 37 standard deviations. */
  export function cumulativeNormal(value: number, mean?: number, stdev?: number): number
}
