// Text output for the task tool.

/** One line per task, sorted by name: "compile (3) <- codegen, fetch" ("fetch (2)" when it has no deps). */
export function formatTaskList(registry) {
  return registry
    .names()
    .sort()
    .map((name) => {
      const task = registry.get(name);
      const deps = [...task.deps].sort();
      return deps.length === 0 ? `${name} (${task.duration})` : `${name} (${task.duration}) <- ${deps.join(', ')}`;
    })
    .join('\n');
}

/** One "w<worker> <start>-<end> <name>" line per slot, then "makespan <n>". */
export function formatSchedule(result) {
  const lines = result.slots.map((s) => `w${s.worker} ${s.start}-${s.end} ${s.name}`);
  lines.push(`makespan ${result.makespan}`);
  return lines.join('\n');
}
