// A small seeded generator (mulberry32: Tommy Ettinger, 2017; passes gjrand and PractRand to 2^32) in four lines: generated
// ledgers and property tests replay the same sequence on every run, and the status line's headroom draws its futures from it
// without loading seedrandom (its package loads Node's crypto and eight generators: 40 ms a prompt, ADR 0037).

/** Uniform numbers in [0, 1), the same sequence for the same seed. */
export function createMulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
