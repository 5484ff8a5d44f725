// Exports the gradebook as CSV: one row per student, one column per assignment, the average, and a final grade if asked.
import { finalGrade } from './grading.js';

function csvCell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header: id,name,<assignment ids...>,average[,final,letter]. Missing scores are empty cells. */
export function exportCsv(book, policy) {
  const assignments = book.assignments();
  const extra = policy ? ['final', 'letter'] : [];
  const lines = [['id', 'name', ...assignments.map((a) => a.id), 'average', ...extra].map(csvCell).join(',')];
  for (const student of book.students()) {
    const points = book.scores(student.id).map((s) => s.points);
    const row = [student.id, student.name, ...points, book.average(student.id)];
    if (policy) {
      const grade = finalGrade(book, student.id, policy);
      row.push(grade.percent, grade.letter);
    }
    lines.push(row.map(csvCell).join(','));
  }
  return lines.join('\n');
}
