// Dependency-graph checks over a TaskRegistry: missing dependencies, cycles, topological order, affected tasks.
import { GraphError } from './errors.js';

function findMissing(registry) {
  for (const name of registry.names()) {
    const missing = registry.get(name).deps.find((dep) => !registry.has(dep));
    if (missing) throw new GraphError('MISSING', `task ${name} depends on unknown task ${missing}`);
  }
}

/** The names reachable from `start` along dependency edges, start excluded. */
function reachable(registry, start) {
  const seen = new Set();
  const stack = [...registry.get(start).deps];
  while (stack.length > 0) {
    const name = stack.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...registry.get(name).deps);
  }
  return seen;
}

function findCycle(registry) {
  const onCycle = registry
    .names()
    .filter((name) => reachable(registry, name).has(name))
    .sort();
  if (onCycle.length === 0) return;
  const start = onCycle[0];
  const cycle = [start];
  const visited = new Set([start]);
  let current = start;
  for (;;) {
    const deps = [...registry.get(current).deps].sort();
    const next = deps.find((dep) => dep === start || (!visited.has(dep) && reachable(registry, dep).has(start)));
    if (next === undefined || next === start) break;
    visited.add(next);
    cycle.push(next);
    current = next;
  }
  cycle.push(start);
  throw new GraphError('CYCLE', `dependency cycle: ${cycle.join(' -> ')}`, cycle);
}

export function checkGraph(registry) {
  findMissing(registry);
  findCycle(registry);
}

/** Kahn's algorithm, always taking the alphabetically smallest ready task. */
export function topoOrder(registry) {
  checkGraph(registry);
  const done = new Set();
  const order = [];
  const pending = registry.names().sort();
  while (order.length < pending.length) {
    const next = pending.find((name) => !done.has(name) && registry.get(name).deps.every((dep) => done.has(dep)));
    done.add(next);
    order.push(next);
  }
  return order;
}

/** The changed tasks and everything depending on them, in topological order. */
export function affected(registry, changed) {
  for (const name of changed) {
    if (!registry.has(name)) throw new GraphError('MISSING', `unknown task ${name}`);
  }
  const hit = new Set(changed);
  const order = topoOrder(registry);
  for (const name of order) {
    if (registry.get(name).deps.some((dep) => hit.has(dep))) hit.add(name);
  }
  return order.filter((name) => hit.has(name));
}
