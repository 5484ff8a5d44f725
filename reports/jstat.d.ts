// The slice of jStat (it ships no types) that the reports use; the CommonJS export is the jStat function.
declare module 'jstat' {
  interface JStat {
    studentt: { inv(p: number, dof: number): number; cdf(x: number, dof: number): number };
    normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number };
    noncentralt: { cdf(x: number, dof: number, ncp: number): number };
    /** log Gamma (SPECFUN's algorithm: accurate to about 1e-15, unlike jStat.gammaln's 1e-10). */
    loggam(x: number): number;
    /** Regularized incomplete beta; stops at a relative change of 3e-7 (reports/stats/incomplete-beta.ts is exact). */
    ibeta(x: number, a: number, b: number): number;
  }
  const jStat: JStat;
  export default jStat;
}
