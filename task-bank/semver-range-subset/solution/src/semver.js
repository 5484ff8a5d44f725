// A subset of npm semver ranges: comparators, ^, ~, AND by space, OR by ||, and the prerelease rule.
const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

function parse(text) {
  const m = VERSION.exec(text);
  if (m === null) throw new TypeError(`invalid version: ${text}`);
  return { nums: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] === undefined ? [] : m[4].split('.') };
}

function compareId(a, b) {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return Number(a) - Number(b);
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a.nums[i] !== b.nums[i]) return a.nums[i] - b.nums[i];
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const c = compareId(a.pre[i], b.pre[i]);
    if (c !== 0) return c;
  }
  return a.pre.length - b.pre.length;
}

function comparators(token) {
  if (token === '*') return [];
  const m = /^(\^|~|>=|<=|>|<|=)?(.+)$/.exec(token);
  const op = m[1] ?? '=';
  const v = parse(m[2]);
  if (op === '^' || op === '~') {
    const [ma, mi, pa] = v.nums;
    const upper = op === '~' ? [ma, mi + 1, 0] : ma > 0 ? [ma + 1, 0, 0] : mi > 0 ? [0, mi + 1, 0] : [0, 0, pa + 1];
    return [{ op: '>=', v }, { op: '<', v: { nums: upper, pre: [] } }];
  }
  return [{ op, v }];
}

const TEST = { '=': (c) => c === 0, '>': (c) => c > 0, '>=': (c) => c >= 0, '<': (c) => c < 0, '<=': (c) => c <= 0 };

export function satisfies(version, range) {
  const v = parse(version);
  return range.split('||').some((alternative) => {
    const set = alternative.trim().split(/\s+/).filter(Boolean).flatMap(comparators);
    if (!set.every(({ op, v: bound }) => TEST[op](compare(v, bound)))) return false;
    if (v.pre.length === 0) return true;
    return set.some(({ v: bound }) => bound.pre.length > 0 && bound.nums.every((n, i) => n === v.nums[i]));
  });
}
