// Errors of the build-task tool: ParseError names the 1-based line of the task file, GraphError a graph problem.

export class ParseError extends Error {
  constructor(message, line) {
    super(`line ${line}: ${message}`);
    this.name = 'ParseError';
    this.line = line;
  }
}

/** A problem with the dependency graph: code 'MISSING' or 'CYCLE' (then `cycle` lists the names around it). */
export class GraphError extends Error {
  constructor(code, message, cycle) {
    super(message);
    this.name = 'GraphError';
    this.code = code;
    this.cycle = cycle;
  }
}
