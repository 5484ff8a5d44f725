// List scheduling of a task graph on N workers, by rank (duration plus the longest chain of dependents).
import { checkGraph } from './graph.js';

/** rank(name) = duration + the largest rank of its dependents (memoised). */
function ranks(registry) {
  const memo = new Map();
  const rank = (name) => {
    if (!memo.has(name)) {
      const below = registry.dependentsOf(name).map(rank);
      memo.set(name, registry.get(name).duration + Math.max(0, ...below));
    }
    return memo.get(name);
  };
  for (const name of registry.names()) rank(name);
  return memo;
}

const byRankThenName = (rank) => (a, b) => rank.get(b) - rank.get(a) || (a < b ? -1 : a > b ? 1 : 0);

export function schedule(registry, { workers = 1 } = {}) {
  checkGraph(registry);
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a whole number >= 1, got ${workers}`);
  const rank = ranks(registry);
  const finishedAt = new Map();
  const busyUntil = new Array(workers).fill(0);
  const started = new Set();
  const slots = [];
  let time = 0;
  while (started.size < registry.names().length) {
    const ready = registry
      .names()
      .filter((name) => !started.has(name) && registry.get(name).deps.every((d) => finishedAt.has(d) && finishedAt.get(d) <= time))
      .sort(byRankThenName(rank));
    for (const name of ready) {
      const worker = busyUntil.findIndex((until) => until <= time);
      if (worker === -1) break;
      const end = time + registry.get(name).duration;
      busyUntil[worker] = end;
      started.add(name);
      finishedAt.set(name, end);
      slots.push({ name, worker, start: time, end });
    }
    const upcoming = [...finishedAt.values()].filter((end) => end > time);
    if (upcoming.length === 0) break;
    time = Math.min(...upcoming);
  }
  slots.sort((a, b) => a.start - b.start || a.worker - b.worker);
  return { makespan: Math.max(0, ...slots.map((s) => s.end)), slots };
}

export function criticalPath(registry) {
  checkGraph(registry);
  const rank = ranks(registry);
  const names = registry.names();
  if (names.length === 0) return { length: 0, path: [] };
  let current = [...names].sort(byRankThenName(rank))[0];
  const length = rank.get(current);
  const path = [current];
  for (;;) {
    const next = registry.dependentsOf(current).sort(byRankThenName(rank))[0];
    if (next === undefined) break;
    path.push(next);
    current = next;
  }
  return { length, path };
}
