// Build tasks and the tasks each depends on, kept in insertion order.
import { CycleError } from './errors.js';

export class TaskGraph {
  private readonly deps = new Map<string, string[]>();

  addTask(name: string): this {
    if (!this.deps.has(name)) this.deps.set(name, []);
    return this;
  }

  /** `task` needs `dependency` built first; both are added when new. */
  dependsOn(task: string, dependency: string): this {
    this.addTask(task).addTask(dependency);
    const list = this.deps.get(task) as string[];
    if (!list.includes(dependency)) list.push(dependency);
    return this;
  }

  dependenciesOf(name: string): readonly string[] {
    const list = this.deps.get(name);
    if (!list) throw new Error(`unknown task: ${name}`);
    return list;
  }

  get tasks(): string[] {
    return [...this.deps.keys()];
  }

  buildOrder(targets?: string[]): string[] {
    const included = targets ? this.closure(targets) : new Set(this.tasks);
    const cycle = this.findCycle(included);
    if (cycle) throw new CycleError(cycle);
    const order = this.tasks.filter((task) => included.has(task));
    const remaining = new Map(order.map((task) => [task, this.dependenciesOf(task).length]));
    const done: string[] = [];
    while (done.length < order.length) {
      const next = order.find((task) => remaining.get(task) === 0) as string;
      done.push(next);
      remaining.set(next, -1);
      for (const task of order) if (this.dependenciesOf(task).includes(next)) remaining.set(task, (remaining.get(task) as number) - 1);
    }
    return done;
  }

  findCycle(within: ReadonlySet<string> = new Set(this.tasks)): string[] | null {
    const finished = new Set<string>();
    const path: string[] = [];
    const visit = (task: string): string[] | null => {
      const at = path.indexOf(task);
      if (at !== -1) return [...path.slice(at), task];
      if (finished.has(task)) return null;
      path.push(task);
      for (const dependency of this.dependenciesOf(task)) {
        if (!within.has(dependency)) continue;
        const cycle = visit(dependency);
        if (cycle) return cycle;
      }
      path.pop();
      finished.add(task);
      return null;
    };
    for (const task of this.tasks) {
      if (!within.has(task)) continue;
      const cycle = visit(task);
      if (cycle) return cycle;
    }
    return null;
  }

  private closure(targets: string[]): Set<string> {
    const seen = new Set<string>();
    const add = (task: string): void => {
      if (seen.has(task)) return;
      seen.add(task);
      for (const dependency of this.dependenciesOf(task)) add(dependency);
    };
    for (const target of targets) add(target);
    return seen;
  }
}
