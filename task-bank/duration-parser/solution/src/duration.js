// Parse "1h30m"-style durations to milliseconds and format milliseconds back.
const UNITS = [
  ['w', 604_800_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];
const RANK = new Map(UNITS.map(([u], i) => [u, i]));
const FACTOR = new Map(UNITS);

export function parseDuration(text) {
  const fail = () => new SyntaxError(`invalid duration: ${JSON.stringify(text)}`);
  if (typeof text !== 'string') throw fail();
  let rest = text.trim();
  let sign = 1;
  if (rest.startsWith('-')) {
    sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '') throw fail();
  let total = 0;
  let lastRank = -1;
  const part = /^(\d+(?:\.\d+)?)(ms|w|d|h|m|s)\s*/;
  while (rest !== '') {
    const match = part.exec(rest);
    if (match === null) throw fail();
    const rank = RANK.get(match[2]);
    if (rank <= lastRank) throw fail();
    lastRank = rank;
    total += Number(match[1]) * FACTOR.get(match[2]);
    rest = rest.slice(match[0].length);
  }
  return sign * Math.round(total) || 0;
}

export function formatDuration(ms) {
  if (!Number.isInteger(ms)) throw new RangeError(`expected whole milliseconds, got ${ms}`);
  if (ms === 0) return '0ms';
  let rest = Math.abs(ms);
  let out = ms < 0 ? '-' : '';
  for (const [unit, factor] of UNITS.slice(1)) {
    const count = Math.floor(rest / factor);
    if (count > 0) out += `${count}${unit}`;
    rest -= count * factor;
  }
  return out;
}
