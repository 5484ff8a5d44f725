// The files an arm leaves under <data-dir>/evidence/<window_id>/ (the viewer's evidence contract, docs/viewer.md): what a viewer shows of it.
import * as z from 'zod';

const Count = z.number().int().nonnegative();
const NullableNumber = z.number().nullable();

/** arm.json: the arm's summary, written by the runner once the arm ended (or failed before its agent could run). */
export const ArmEvidenceSummarySchema = z.object({
  plan_id: z.string(),
  window_id: z.string(),
  task_id: z.string(),
  provider: z.string(),
  arm_index: Count,
  sequence: z.string(),
  period: Count,
  epoch: Count,
  attempt: Count,
  /** The window's outcome (ledger vocabulary), or `abandoned` when no window was recorded. */
  outcome: z.string(),
  /** How the agent's process ended (success, fail, budget-exceeded, timed-out, crashed); null when it never ran. */
  agent_outcome: z.string().nullable(),
  /** Why the arm could not run (sandbox, back end, set-up); null for an arm that ran. */
  infra_failure: z.string().nullable(),
  quality: NullableNumber,
  tests: z.object({ total: Count, passed: Count, failed: Count }).nullable(),
  resolved: z.boolean().optional(),
  broken: z.array(z.string()).optional(),
  tokens: NullableNumber,
  duration_ms: NullableNumber,
  phases_ms: z.record(z.string(), z.number()),
  /** The isolation the agent and its tests ran in: `bwrap`, `podman` or `none`. */
  isolation: z.string(),
  commit_start: z.string().nullable(),
  commit_end: z.string().nullable(),
  notes: z.array(z.string()),
  /** When the runner wrote this file (ISO 8601). */
  written_at: z.string(),
});
export type ArmEvidenceSummary = z.infer<typeof ArmEvidenceSummarySchema>;

/** One content block of a request message, each text already redacted and cut (`truncated` marks a cut). */
export const MessageBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  /** `input` is the tool input as JSON text (cut like any text, so it may no longer parse). */
  z.object({ type: z.literal('tool_use'), id: z.string().nullable(), name: z.string(), input: z.string() }),
  z.object({ type: z.literal('tool_result'), tool_use_id: z.string().nullable(), text: z.string(), is_error: z.boolean() }),
  /** A block kept only by its kind (an image, a thinking block, a kind this version does not know). */
  z.object({ type: z.literal('other'), kind: z.string() }),
]);
export type MessageBlock = z.infer<typeof MessageBlockSchema>;

export const TurnMessageSchema = z.object({ role: z.string(), blocks: z.array(MessageBlockSchema) });
export type TurnMessage = z.infer<typeof TurnMessageSchema>;

export const ToolCallSchema = z.object({ id: z.string().nullable(), name: z.string(), input: z.string() });
export type ToolCall = z.infer<typeof ToolCallSchema>;

/** One line of turns.jsonl: one request the proxy forwarded for this window, in the order they ended. */
export const TurnRecordSchema = z.object({
  seq: Count,
  at: z.string(),
  method: z.string(),
  path: z.string(),
  model: z.string().nullable(),
  requested_model: z.string().nullable(),
  backend_provider: z.string().nullable(),
  route: z.string().nullable(),
  subagent_id: z.string().nullable(),
  status: z.number().int().nullable(),
  latency_ms: NullableNumber,
  tokens: z.object({ input: NullableNumber, output: NullableNumber, cache_read: NullableNumber, cache_creation: NullableNumber }),
  request: z.object({
    /** Only the messages new since this session's previous turn (clients resend the whole conversation each turn). */
    messages: z.array(TurnMessageSchema),
    /** Names of the tools offered. */
    tools: z.array(z.string()),
    bytes: Count,
  }),
  response: z.object({
    text: z.string(),
    tool_calls: z.array(ToolCallSchema),
    stop_reason: z.string().nullable(),
    bytes: Count,
  }),
  /** Some text of this turn was cut at a cap, or the response was longer than the bytes kept of it. */
  truncated: z.boolean(),
});
export type TurnRecord = z.infer<typeof TurnRecordSchema>;

export const TestListSchema = z.enum(['fail_to_pass', 'pass_to_pass']);

/** tests.json: the hidden tests' command, exit and per-test verdicts. */
export const TestsEvidenceSchema = z.object({
  command: z.string(),
  exit_code: z.number().int().nullable(),
  timed_out: z.boolean(),
  tests: z.array(z.object({ name: z.string(), verdict: z.enum(['pass', 'fail', 'skip', 'missing']), list: TestListSchema.nullable() })),
  fail_to_pass: z.object({ passed: Count, total: Count }).nullable(),
  pass_to_pass: z.object({ passed: Count, total: Count }).nullable(),
  resolved: z.boolean().nullable(),
  note: z.string().nullable(),
});
export type TestsEvidence = z.infer<typeof TestsEvidenceSchema>;

/** What readArmEvidence returns: a missing file is null; an unreadable one is null too, with a line in `problems`. */
export interface ArmEvidence {
  summary: ArmEvidenceSummary | null;
  turns: TurnRecord[] | null;
  diff: string | null;
  tests: TestsEvidence | null;
  testLog: string | null;
  problems: string[];
}
