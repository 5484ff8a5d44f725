// The slice of jStat (it ships no types) that the reports use; the CommonJS export is the jStat function.
declare module 'jstat' {
  interface JStat {
    studentt: { inv(p: number, dof: number): number; cdf(x: number, dof: number): number };
  }
  const jStat: JStat;
  export default jStat;
}
