// The build-task tool's entry point.
export { GraphError, ParseError } from './errors.js';
export { formatSchedule, formatTaskList } from './format.js';
export { affected, checkGraph, topoOrder } from './graph.js';
export { TaskRegistry } from './registry.js';
export { criticalPath, schedule } from './schedule.js';
export { parseTaskFile, parseTaskLine } from './task-file.js';
