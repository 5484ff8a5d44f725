// A synthesized task's id and task.json: named after the file and a hash of the mutation, never after the mutation's kind.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { isTaskId, type TaskMeta } from '../task-bank/task-schema.js';
import { judgeDifficulty, TIMEOUT_S } from '../task-import/build-task-meta.js';
import type { DetectedTest } from '../task-import/detect-test-command.js';
import type { Mutation } from './mutation.js';

/**
 * `<file stem>-bug-<7 hex>`: the prompt shows the id to the agent, so it names where to look (the file, as the spec
 * does) and nothing of what was done there. The hash covers the commit and the whole edit: the same seed and commit
 * give the same ids, and a second synthesis into the same bank finds its task there.
 */
export function buildSynthesizedId(commit: string, mutation: Mutation): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([commit, mutation.path, mutation.start, mutation.end, mutation.kind, mutation.replacement]))
    .digest('hex')
    .slice(0, 7);
  const stem = posix
    .basename(mutation.path)
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30);
  const id = `${stem === '' ? 'file' : stem}-bug-${hash}`;
  if (!isTaskId(id)) throw new AppError('BAD_INPUT', `built an invalid task id ${JSON.stringify(id)}`, { where: mutation.path });
  return id;
}

export interface SynthesizedMetaInput {
  id: string;
  title: string;
  repoName: string;
  commit: string;
  mutation: Mutation;
  detected: DetectedTest;
  /** Lines of the original the fix restores (the edit's lines). */
  lines: number;
}

/** task.json: tagged `synthesized` and by kind, with `source.mutation` saying what was broken (never shown to the agent). */
export function buildSynthesizedMeta(input: SynthesizedMetaInput): TaskMeta {
  const { mutation } = input;
  const difficulty = judgeDifficulty(1, input.lines);
  return {
    id: input.id,
    title: input.title,
    estimated_lines: Math.max(1, input.lines),
    timeout_s: TIMEOUT_S[difficulty],
    status: 'ready',
    blocked_by: ['capacity'],
    language: input.detected.language,
    test: { ...input.detected.test, layout: 'overlay' },
    tags: ['synthesized', `mutation-${mutation.kind}`],
    difficulty,
    size: { files_changed: 1, lines_changed: input.lines },
    source: {
      repo: input.repoName,
      commit: input.commit,
      parent: input.commit,
      mutation: {
        kind: mutation.kind,
        path: mutation.path,
        line: mutation.line,
        column: mutation.column,
        start: mutation.start,
        end: mutation.end,
        ...(mutation.scope ? { scope: mutation.scope } : {}),
      },
    },
  };
}
