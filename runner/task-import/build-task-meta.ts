// An imported task's id, difficulty, spec text and task.json, from the commit it came from.
import { AppError } from '../../kernel/index.js';
import { isTaskId, type TaskMeta } from '../task-bank/task-schema.js';
import type { DetectedTest } from './detect-test-command.js';

export interface CommitInfo {
  hash: string;
  parent: string;
  subject: string;
  body: string;
  /** The first-parent merge this commit was brought in by, when the task was reduced from it (reduce-merge.ts). */
  merge?: string | undefined;
}

/** Difficulty from the solution's size: easy up to EASY.lines lines in one file, hard over HARD.lines lines or HARD.files files. */
export const EASY = { lines: 30, files: 1 } as const;
export const HARD = { lines: 150, files: 4 } as const;
/** The agent's time limit by difficulty. */
export const TIMEOUT_S = { easy: 300, medium: 600, hard: 900 } as const;

export function judgeDifficulty(files: number, lines: number): NonNullable<TaskMeta['difficulty']> {
  if (lines > HARD.lines || files > HARD.files) return 'hard';
  if (lines <= EASY.lines && files <= EASY.files) return 'easy';
  return 'medium';
}

/** `<slug of the subject, at most 40 characters>-<7-character hash>`, a valid task id. */
export function buildTaskId(subject: string, hash: string): string {
  const short = hash.slice(0, 7);
  const slug = subject
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
  const id = slug === '' ? `commit-${short}` : `${slug}-${short}`;
  // Cannot happen (the slug alphabet is the id alphabet), but a bad id would break the whole bank's loading.
  if (!isTaskId(id)) throw new AppError('BAD_INPUT', `built an invalid task id ${JSON.stringify(id)}`, { where: hash });
  return id;
}

/**
 * Git trailers and attribution lines (`Co-authored-by: Felix <...@users.noreply.github.com>`, `Signed-off-by:`,
 * `Author: Colin Kiegel <kiegel@gmx.de>`): who wrote the change, never what it does, and an address a task bank
 * should not copy (css-what's 62b7b0e and quick-error's 98513c1 carried them into spec.md).
 */
const ATTRIBUTION =
  /^\s*(?:co-authored-by|signed-off-by|reviewed-by|acked-by|tested-by|reported-by|suggested-by|helped-by|cc|author|change-id):.*$/gim;

/** A commit body without its attribution lines: what the spec and the thin and unfair judgements read. */
export function stripAttribution(body: string): string {
  return body
    .replace(ATTRIBUTION, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** spec.md: the commit's subject as the heading, its body, and the files to change. */
export function buildSpec(commit: CommitInfo, solutionPaths: string[]): string {
  const parts = [`# ${commit.subject}`, ''];
  if (commit.body.trim() !== '') parts.push(commit.body.trim(), '');
  parts.push(`Files to change: ${solutionPaths.map((path) => `\`${path}\``).join(', ')}.`, '');
  return parts.join('\n');
}

export interface TaskMetaInput {
  commit: CommitInfo;
  repoName: string;
  detected: DetectedTest;
  /** The whole change, tests included. */
  filesChanged: number;
  linesChanged: number;
  /** The solution alone: the work the agent has to do. */
  solutionFiles: number;
  solutionLines: number;
}

export function buildTaskMeta(input: TaskMetaInput): TaskMeta {
  const difficulty = judgeDifficulty(input.solutionFiles, input.solutionLines);
  return {
    id: buildTaskId(input.commit.subject, input.commit.hash),
    title: input.commit.subject.trim() === '' ? `Commit ${input.commit.hash.slice(0, 7)}` : input.commit.subject.trim(),
    estimated_lines: Math.max(1, input.solutionLines),
    timeout_s: TIMEOUT_S[difficulty],
    status: 'ready',
    blocked_by: ['capacity'],
    language: input.detected.language,
    test: { ...input.detected.test, layout: 'overlay' },
    tags: ['imported'],
    difficulty,
    size: { files_changed: input.filesChanged, lines_changed: input.linesChanged },
    source: {
      repo: input.repoName,
      commit: input.commit.hash,
      parent: input.commit.parent,
      subject: input.commit.subject,
      ...(input.commit.merge ? { merge: input.commit.merge } : {}),
    },
  };
}
