// The gradebook library's entry point.
export { GradebookError } from './errors.js';
export { exportCsv } from './export-csv.js';
export { Gradebook, round2 } from './gradebook.js';
export { assignmentStats, missingSubmissions } from './stats.js';
export { finalGrade, GradingPolicy } from './grading.js';
