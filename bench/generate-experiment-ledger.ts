// Writes a finished experiment ledger as `experiment run` leaves it (plans, assignments, captures, windows with tests, proxy rows, evidence) for the viewer bench.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_VERSION, TOOL_VERSION } from '../kernel/index.js';
import { createMulberry32 as createSeededRandom } from '../kernel/index.js';
import { writeArmSummary, writeDiffPatch, writeTestLog, writeTestsEvidence } from '../ledger/evidence/index.js';
import { Batch } from './generate-ledger.js';
import { isoTime } from './iso-time.js';
import { makeId } from './ledger-rows.js';

export interface ExperimentLedger {
  plans: string[];
  windows: number;
  telemetryRows: number;
  bytes: number;
  /** Window ids with an evidence folder (the first arm of each plan): the arm page the bench opens. */
  evidenceWindows: string[];
}

const PROVIDERS = ['claude', 'codex'] as const;
const MODELS = { claude: 'claude-sonnet-4-5', codex: 'gpt-5' } as const;
const SUBSCRIPTIONS = {
  claude: { plan: 'max-5x', usd_per_month: 100, priced_at: '2026-11-01' },
  codex: { plan: 'plus', usd_per_month: 20, priced_at: '2026-11-01' },
} as const;
const OUTCOMES = ['success', 'success', 'success', 'partial', 'fail'];
const START = Date.UTC(2026, 0, 5);
/** One arm every three minutes, plans run one after another. */
const ARM_MS = 180_000;
const REQUESTS_PER_WINDOW = 3;

/** `windows` arms spread over `plans` two-provider AB/BA crossover plans (two arms per task), every arm finished. */
export function generateExperimentLedger(dataDir: string, windows: number, plans: number, seed = 42): ExperimentLedger {
  mkdirSync(join(dataDir, 'state', 'runs'), { recursive: true });
  const random = createSeededRandom(seed);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const files = {
    assignments: new Batch(join(dataDir, 'assignments.jsonl'), 'w'),
    snapshots: new Batch(join(dataDir, 'snapshots.jsonl'), 'w'),
    windows: new Batch(join(dataDir, 'windows.jsonl'), 'w'),
    telemetry: new Batch(join(dataDir, 'proxy_telemetry.jsonl'), 'w'),
  };
  const stamp = (kind: string, at: number, source: string, agent: string) => ({
    id: makeId(at, random),
    kind,
    ts: isoTime(at),
    schema_version: SCHEMA_VERSION,
    tool_version: TOOL_VERSION,
    source,
    agent_id: agent,
  });
  const result: ExperimentLedger = { plans: [], windows: 0, telemetryRows: 0, bytes: 0, evidenceWindows: [] };
  const perPlan = Math.ceil(windows / plans / 2) * 2;
  let clock = START;
  for (let p = 0; p < plans && result.windows < windows; p += 1) {
    const planId = `plan-bench${String(p + 1).padStart(4, '0')}`;
    const arms = Math.min(perPlan, windows - result.windows);
    const tasks = Math.ceil(arms / 2);
    result.plans.push(planId);
    files.assignments.push(
      JSON.stringify({
        ...stamp('analysis-plan', clock, 'runner', 'main'),
        plan_id: planId,
        providers: PROVIDERS,
        estimand: 'usd',
        method: 'crossover',
        alpha: 0.05,
        min_effect: 0.2,
        planned_tasks: tasks,
        reference: null,
      }),
    );
    for (let arm = 0; arm < arms; arm += 1) {
      const { task, sequence, period, provider } = describeArm(arm);
      const base = { plan_id: planId, seed: '42', providers: PROVIDERS, task_id: task, sequence, period, provider, arm_index: arm };
      files.assignments.push(JSON.stringify({ ...stamp('assignment', clock, 'runner', 'main'), ...base }));
    }
    for (let arm = 0; arm < arms; arm += 1, clock += ARM_MS) {
      const { task, sequence, period, provider } = describeArm(arm);
      const windowId = `${planId}-a${String(arm + 1).padStart(3, '0')}-${provider}`;
      const agent = `main-${planId.slice(5)}-w1`;
      const fiveBefore = int(0, 60);
      const fiveAfter = Math.min(100, fiveBefore + int(1, 12) + (provider === 'claude' ? 1 : 0));
      const reset = clock + int(60, 290) * 60_000;
      const bars = (pct: number) => ({
        five_hour: { used_pct: pct, resets_at: isoTime(reset), window_minutes: 300 },
        weekly: { used_pct: pct / 5, resets_at: isoTime(reset + 6 * 86_400_000), window_minutes: 10080 },
      });
      const capture = (phase: 'before' | 'after', at: number, pct: number) => ({
        ...stamp('snapshot', at, 'runner', agent),
        provider,
        window_id: windowId,
        phase,
        captured_at: isoTime(at - 7),
        format: `quota-${provider}`,
        bars: bars(pct),
        parse_errors: [],
        tags: [],
        notes: `from the ${provider} quota endpoint`,
      });
      const before = capture('before', clock + 100, fiveBefore);
      const after = capture('after', clock + ARM_MS - 5_000, fiveAfter);
      files.snapshots.push(JSON.stringify(before));
      files.snapshots.push(JSON.stringify(after));
      const f2p = int(3, 8);
      const passed = random() < 0.7 ? f2p : int(0, f2p - 1);
      const p2p = int(0, 20);
      const kept = random() < 0.9 ? p2p : int(0, p2p);
      const resolved = passed === f2p && kept === p2p;
      let tokens = 0;
      for (let r = 0; r < REQUESTS_PER_WINDOW; r += 1) {
        const at = clock + 10_000 + r * 40_000;
        const prompt = int(2_000, 40_000);
        const completion = int(100, 3_000);
        tokens += prompt + completion;
        files.telemetry.push(
          JSON.stringify({
            ...stamp('proxy-request', at, 'proxy', agent),
            timestamp: isoTime(at),
            session_id: null,
            subagent_id: r === 2 ? 'explore' : null,
            backend_provider: provider === 'claude' ? 'anthropic' : 'openai',
            model: MODELS[provider],
            prompt_tokens: prompt,
            completion_tokens: completion,
            latency_ms: int(400, 9_000),
            status: 200,
            trace_id: `req_${result.telemetryRows}`,
            requested_model: MODELS[provider],
            route: provider,
            cache_read_tokens: int(0, prompt),
            cache_creation_tokens: 0,
            total_tokens: prompt + completion,
            stream: true,
            error_type: null,
            aborted: false,
            window_id: windowId,
            feature_id: task,
            method: 'POST',
            path: provider === 'claude' ? '/v1/messages' : '/v1/responses',
            rate_limits: null,
            rate_limit_status: null,
          }),
        );
        result.telemetryRows += 1;
      }
      const quality = Math.round(((passed + kept) / (f2p + p2p)) * 1000) / 1000;
      const outcome = resolved ? 'success' : (OUTCOMES[int(3, 4)] ?? 'fail');
      const delta = Math.round((fiveAfter - fiveBefore) * 1000) / 1000;
      files.windows.push(
        JSON.stringify({
          ...stamp('window', clock + ARM_MS - 4_000, 'runner', agent),
          provider,
          window_id: windowId,
          feature_id: task,
          commit_start: makeId(clock, random).replaceAll('-', '').slice(0, 40).padEnd(40, '0'),
          commit_end: makeId(clock + 1, random)
            .replaceAll('-', '')
            .slice(0, 40)
            .padEnd(40, '0'),
          methodology: `agent-tracker ${TOOL_VERSION} experiment run; plan ${planId} (seed "42", crossover, A=claude B=codex); arm ${arm + 1}/${arms}, sequence ${sequence}, period ${period}, attempt 1; claude-code driver, model ${MODELS[provider]}; capacity: the provider's quota endpoint (no request spent), before and after the agent; quality: fraction of the hidden acceptance tests passing; isolation: bwrap (agent and hidden tests as uid 65534, writable: only the arm folder and a private /tmp)`,
          quality_score: quality,
          outcome,
          capacity: {
            unit: 'pct_5h',
            before: fiveBefore,
            after: fiveAfter,
            delta,
            weekly: { before: fiveBefore / 5, after: fiveAfter / 5, delta: delta / 5 },
          },
          before_id: before.id,
          after_id: after.id,
          errors: [],
          notes: `bars: before quota, after quota; fail_to_pass ${passed}/${f2p}, pass_to_pass ${kept}/${p2p}${resolved ? ', resolved' : ''}`,
          sequence,
          period,
          plan_id: planId,
          subscription: SUBSCRIPTIONS[provider],
          tests: {
            fail_to_pass: { passed, total: f2p },
            pass_to_pass: { passed: kept, total: p2p },
            resolved,
            broken: Array.from({ length: p2p - kept }, (_, n) => `keeps behaviour ${n + 1}`),
          },
        }),
      );
      result.windows += 1;
      if (arm === 0) {
        writeEvidence(dataDir, { planId, windowId, task, provider, sequence, quality, outcome, tokens, f2p, passed });
        result.evidenceWindows.push(windowId);
      }
    }
    const record = { plan_id: planId, state: 'complete', stopped_by: null, infrastructure_failures: [], pid: 1, at: isoTime(clock) };
    writeFileSync(join(dataDir, 'state', 'runs', `${planId}.json`), `${JSON.stringify(record, null, 2)}\n`);
  }
  for (const batch of Object.values(files)) result.bytes += batch.close();
  return result;
}

/** Arm `arm` of a plan: tasks in pairs, AB then BA, so each task runs on both providers and periods balance. */
function describeArm(arm: number): { task: string; sequence: string; period: number; provider: (typeof PROVIDERS)[number] } {
  const pair = Math.floor(arm / 2);
  const sequence = pair % 2 === 0 ? 'AB' : 'BA';
  const period = (arm % 2) + 1;
  return { task: `task-${String(pair + 1).padStart(5, '0')}`, sequence, period, provider: PROVIDERS[sequence[period - 1] === 'A' ? 0 : 1] };
}

interface EvidenceArm {
  planId: string;
  windowId: string;
  task: string;
  provider: string;
  sequence: string;
  quality: number;
  outcome: string;
  tokens: number;
  f2p: number;
  passed: number;
}

/** The files the runner leaves for one arm (no turns: the arm page then says so, as for an arm proxied without them). */
function writeEvidence(dataDir: string, arm: EvidenceArm): void {
  writeArmSummary(dataDir, {
    plan_id: arm.planId,
    window_id: arm.windowId,
    task_id: arm.task,
    provider: arm.provider,
    arm_index: 0,
    sequence: arm.sequence,
    period: 1,
    epoch: 1,
    attempt: 1,
    outcome: arm.outcome,
    agent_outcome: 'success',
    infra_failure: null,
    quality: arm.quality,
    tests: { total: arm.f2p, passed: arm.passed, failed: arm.f2p - arm.passed },
    tokens: arm.tokens,
    duration_ms: ARM_MS - 5_000,
    phases_ms: { sandbox: 50, agent: 160_000, tests: 12_000 },
    isolation: 'bwrap',
    commit_start: null,
    commit_end: null,
    notes: [],
    written_at: isoTime(START),
  });
  const names = Array.from({ length: arm.f2p }, (_, n) => `parses case ${n + 1}`);
  writeTestsEvidence(dataDir, arm.windowId, {
    command: 'node --test hidden/',
    exit_code: arm.passed === arm.f2p ? 0 : 1,
    timed_out: false,
    tests: names.map((name, n) => ({ name, verdict: n < arm.passed ? 'pass' : 'fail', list: 'fail_to_pass' })),
    fail_to_pass: { passed: arm.passed, total: arm.f2p },
    pass_to_pass: null,
    resolved: arm.passed === arm.f2p,
    note: null,
  });
  const hunk = Array.from({ length: 200 }, (_, n) => `+  const value${n} = parse(input, ${n});`).join('\n');
  writeDiffPatch(
    dataDir,
    arm.windowId,
    `diff --git a/src/parse.ts b/src/parse.ts\n--- a/src/parse.ts\n+++ b/src/parse.ts\n@@ -1,3 +1,203 @@\n${hunk}\n`,
  );
  writeTestLog(dataDir, arm.windowId, names.map((name) => `ok - ${name}`).join('\n'));
}
