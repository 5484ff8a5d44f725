// Williams crossover rows for k arms: each arm once per period and each ordered pair adjacent equally often.

/**
 * The sequences (as arm indices in period order) of a Williams design for k >= 2 arms. First row
 * 0, 1, k-1, 2, k-2, ...; each next row adds 1 mod k; odd k appends the mirrored square (2k rows).
 * For k = 2 this is AB/BA.
 */
export function createWilliamsRows(k: number): number[][] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`a Williams design needs at least 2 arms, got ${k}`);
  const first = Array.from({ length: k }, (_, j) => (j === 0 ? 0 : j % 2 === 1 ? (j + 1) / 2 : k - j / 2));
  const square = Array.from({ length: k }, (_, shift) => first.map((arm) => (arm + shift) % k));
  return k % 2 === 0 ? square : [...square, ...square.map((row) => [...row].reverse())];
}
