// Errors of the task graph.
export class CycleError extends Error {
  override name = 'CycleError';
  readonly cycle: string[];

  constructor(cycle: string[]) {
    super(`dependency cycle: ${cycle.join(' -> ')}`);
    this.cycle = cycle;
  }
}
