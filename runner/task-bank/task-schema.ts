// The task bank's metadata (`task-bank/<id>/task.json`); the task id rule itself lives with the other ids in ledger/schemas/ids.ts.
import * as z from 'zod';
import { TaskIdSchema } from '../../ledger/index.js';

export { isTaskId, TASK_ID_PATTERN, TaskIdSchema } from '../../ledger/index.js';

/** The languages a task may be written in; informational except where a test report or runner depends on it. */
export const TASK_LANGUAGES = ['javascript', 'typescript', 'python', 'go', 'rust', 'other'] as const;

/**
 * How a test run's output is scored: `node-tap` (node --test --test-reporter=tap, the default), `unittest`
 * (python -m unittest -v), `pytest`, `vitest`, `jest`, `mocha` (--reporter json), `go` (go test -v), `cargo` (cargo test), or `exit-code` (one
 * pass or fail for the whole run, when no summary can be read).
 */
export const TEST_REPORTS = ['node-tap', 'unittest', 'pytest', 'vitest', 'jest', 'mocha', 'go', 'cargo', 'exit-code'] as const;

/**
 * An import path the runner may lay a work folder at (`$GOPATH/src/<path>`): slash-separated elements of go's allowed
 * characters (golang.org/x/mod/module, CheckImportPath), none of them `.` or `..`.
 */
export const GO_IMPORT_PATH = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*$/;

/** An argv, never a shell string: the first element is the program. */
const ArgvSchema = z.array(z.string().min(1)).min(1);

export const TaskTestSchema = z.strictObject({
  /** The hidden tests' command, run in the arm's work folder. Absent: `node --test` over `tests/`. */
  command: ArgvSchema.optional(),
  report: z.enum(TEST_REPORTS).default('node-tap'),
  /**
   * `tests-dir` (default): the task's tests/ folder becomes the work folder's tests/. `overlay`: the files under
   * tests/ are laid over the work folder at their own relative paths (imported tasks keep the repository's layout).
   */
  layout: z.enum(['tests-dir', 'overlay']).default('tests-dir'),
  /** Installs dependencies before the tests (e.g. ["npm", "ci", "--prefer-offline", "--ignore-scripts"]); its result is cached per task. */
  setup: ArgvSchema.optional(),
  /**
   * Variables the hidden tests get besides PATH, HOME, TZ and LANG: the environment the set-up made for them, such as
   * an imported Python repository's `{"PYTHONPATH": "src:.pyenv"}` (its source root, then its package metadata).
   * PYTHONPATH only, for now: a name that loads code into a tool (NODE_OPTIONS, LD_PRELOAD) is refused.
   */
  env: z.record(z.enum(['PYTHONPATH']), z.string()).optional(),
  /**
   * A Go repository from before go modules: the import path its packages import each other by. The tests then run
   * with the work folder bound at `$GOPATH/src/<path>` inside the sandbox (run-acceptance-tests.ts), as GOPATH mode needs.
   */
  go_import_path: z.string().regex(GO_IMPORT_PATH, 'expected a Go import path such as "github.com/x/calc"').optional(),
  /**
   * How many tests the hidden tests hold, as counted on the reference solution (`tasks import` records it). A run
   * that reports fewer (a test file that failed to load, a package that did not build) has the missing ones failed.
   */
  expected_total: z.number().int().positive().optional(),
});

export const TaskSizeSchema = z.strictObject({
  files_changed: z.number().int().nonnegative(),
  lines_changed: z.number().int().nonnegative(),
});

/**
 * Where a synthesized task came from (`experiment tasks synthesize`): the mutation that broke the file. Never shown
 * to the agent (the prompt carries the id, the title and spec.md only): it says where the fix is.
 */
export const TaskMutationSchema = z.strictObject({
  kind: z.string().regex(/^[a-z][a-z-]*$/),
  path: z.string().min(1),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  /** The UTF-8 byte range of the original file the mutation replaced. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  scope: z.string().optional(),
});

/**
 * Where an imported task came from: the change that became its solution and the commit its fixture is. A synthesized
 * task's commit and parent are both the commit it was made from, and `mutation` says what was broken.
 */
export const TaskSourceSchema = z.strictObject({
  repo: z.string().min(1),
  commit: z.string().regex(/^[0-9a-f]{7,64}$/),
  parent: z.string().regex(/^[0-9a-f]{7,64}$/),
  subject: z.string().optional(),
  /** An imported merge reduced to the one commit of its branch that carries the fix: the merge, on the first-parent history. */
  merge: z
    .string()
    .regex(/^[0-9a-f]{7,64}$/)
    .optional(),
  mutation: TaskMutationSchema.optional(),
});

/** A test's name as its report kind gives it (read-test-names.test.ts shows each kind's). */
const TestNameSchema = z.string().min(1).max(2000);

export const TaskMetaSchema = z.strictObject({
  id: TaskIdSchema,
  title: z.string().min(1),
  estimated_lines: z.number().int().positive(),
  timeout_s: z.number().int().positive(),
  status: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a status such as "ready" or "blocked-by-capacity"'),
  blocked_by: z.array(z.string().min(1)).default([]),
  language: z.enum(TASK_LANGUAGES),
  test: TaskTestSchema.optional(),
  /** Free labels; `default` marks the small fast subset a run uses when no --tasks or --only is given. */
  tags: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/)).default([]),
  difficulty: z.enum(['easy', 'medium', 'hard']).optional(),
  size: TaskSizeSchema.optional(),
  source: TaskSourceSchema.optional(),
  /**
   * The tests the change makes pass (fail or do not exist on the fixture, pass on the solution, every rerun): an arm's
   * quality is the share of these that pass (SWE-bench's FAIL_TO_PASS). Absent: the task is scored by counts.
   */
  fail_to_pass: z.array(TestNameSchema).min(1).optional(),
  /** The tests that pass before and after the change: an arm that breaks one is not `resolved` (PASS_TO_PASS). */
  pass_to_pass: z.array(TestNameSchema).optional(),
  /** Tests the verification left out of both lists, and why (failing or skipped on the solution, flaky). */
  excluded_tests: z
    .array(z.strictObject({ name: TestNameSchema, reason: z.enum(['fails-on-solution', 'skipped-on-solution', 'flaky']) }))
    .optional(),
});

export type TaskMeta = z.infer<typeof TaskMetaSchema>;
export type TaskTest = z.infer<typeof TaskTestSchema>;

/**
 * The part of a task.json gate G2 reads (reports/gates): looser than TaskMetaSchema, so a bank kept by
 * other tools (blocked_by as one string, no id) can still be judged; other fields are not checked.
 */
export const TaskStatusFieldsSchema = z.looseObject({
  id: z.string().min(1).optional(),
  status: z.string().min(1),
  blocked_by: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
});
