#!/usr/bin/env bash
# Runs `experiment run` with the real claude and codex CLIs against the built-in scripted model server (solver mode),
# in a loopback-only network namespace, and checks the result: the 6 arms of the plan (3 tasks x 2 providers) all
# succeed with quality 1, each window is in the ledger with its commits and a capacity delta, and the proxy's
# telemetry of each arm window (probes excluded) sums to the usage the client reported.
#
# Token check, two sources (the runner keeps no agent stdout):
#   1. results[].tokens of `--json`: the runner's reading of the client's stdout (stream-json `result` / `turn.completed`),
#      input + output + cache read + cache write, against the telemetry rows of the window (total);
#   2. the client's own session records in the kept sandbox (Claude's transcript, Codex's rollout), field by field.
# Needs root (unshare -n) and dist/ (npm run build first); builds nothing. Exits non-zero on any mismatch.
# Usage: scripts/e2e/experiment-real-clients.sh [work-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${IN_NETNS:-}" != 1 ]; then
  [ -f dist/cli/experiment.js ] || { echo "dist/cli/experiment.js missing: run npm run build first" >&2; exit 2; }
  BIN=$(scripts/fixtures/ensure-clients.sh claude codex)
  exec unshare -n env IN_NETNS=1 CLIENT_BIN="$BIN" bash "$0" "$@"
fi
ip link set lo up
work=${1:-$(mktemp -d)}
mkdir -p "$work/sandboxes"
export PATH="$CLIENT_BIN:$PATH"
echo "clients: $(claude --version) / $(codex --version 2>/dev/null | tail -1)"

started=$(date +%s%N)
set +e
TZ=UTC node dist/cli/experiment.js run --providers claude,codex --upstream scripted --seed 7 \
  --only lru-cache-ttl,csv-line-parser,duration-parser --data-dir "$work/data" --no-stop-rules \
  --keep-sandboxes --sandbox-dir "$work/sandboxes" --json >"$work/run.json" 2>"$work/run.stderr"
rc=$?
set -e
ended=$(date +%s%N)
cat "$work/run.stderr"
echo "experiment run: exit $rc, wall $(( (ended - started) / 1000000 )) ms (process)"

node --input-type=module - "$work" "$rc" <<'EOF_NODE'
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
const { addUsage, readTelemetryUsage, ZERO_USAGE } = await import(resolve('dist/budget/index.js'));
const [work, rc] = process.argv.slice(2);
const check = (label, ok, detail) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}${detail === undefined ? '' : `: ${detail}`}`); if (!ok) process.exitCode = 1; };
const readJsonl = (file) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)) : []);
const total = (u) => u.input + u.output + u.cache_read + u.cache_creation;

check('experiment run exit 0', rc === '0', `exit ${rc}`);
let run;
try { run = JSON.parse(readFileSync(join(work, 'run.json'), 'utf8')); } catch (error) { check('run.json parses', false, error.message); process.exit(1); }
const data = join(work, 'data');
const windows = readJsonl(join(data, 'windows.jsonl')).filter((row) => row.kind === 'window' && row.plan_id === run.plan_id);
const telemetry = readJsonl(join(data, 'proxy_telemetry.jsonl'));
check('6 arms run, none pending', run.arms_total === 6 && run.arms_run === 6 && run.arms_pending === 0, `${run.arms_run}/${run.arms_total} run, ${run.arms_pending} pending`);
check('6 windows of the plan in windows.jsonl', windows.length === 6 && new Set(windows.map((w) => w.window_id)).size === 6, `${windows.length} rows`);
check('both providers, 3 arms each', ['claude', 'codex'].every((p) => run.results.filter((r) => r.provider === p).length === 3));

// Per-field usage from the client's own session records in the kept sandbox (found by the window id in its files).
const sandboxes = readdirSync(join(work, 'sandboxes')).map((name) => join(work, 'sandboxes', name));
const listFiles = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map((name) => join(dir, String(name))) : []);
function sessionUsage(result) {
  const box = sandboxes.find((dir) => sandboxOf(dir) === result.window_id);
  if (!box) return null;
  if (result.provider === 'claude') {
    const byMessage = new Map();
    for (const file of listFiles(join(box, 'home', '.claude', 'projects')).filter((f) => f.endsWith('.jsonl'))) {
      for (const row of readJsonl(file)) if (row.type === 'assistant' && row.message?.usage) byMessage.set(row.message.id, row.message.usage);
    }
    let u = { ...ZERO_USAGE };
    for (const m of byMessage.values()) u = addUsage(u, { input: m.input_tokens ?? 0, output: m.output_tokens ?? 0, cache_read: m.cache_read_input_tokens ?? 0, cache_creation: m.cache_creation_input_tokens ?? 0 });
    return u;
  }
  let last = null;
  for (const file of listFiles(join(box, 'home', '.codex', 'sessions')).filter((f) => f.endsWith('.jsonl'))) {
    for (const row of readJsonl(file)) if (row.payload?.type === 'token_count' && row.payload.info?.total_token_usage) last = row.payload.info.total_token_usage;
  }
  if (!last) return null;
  // OpenAI convention: input_tokens includes the cached reads (and cache writes).
  const cacheRead = last.cached_input_tokens ?? 0;
  const cacheWrite = last.cache_write_input_tokens ?? 0;
  return { input: last.input_tokens - cacheRead - cacheWrite, output: last.output_tokens, cache_read: cacheRead, cache_creation: cacheWrite };
}
// The window id a sandbox ran: the agent's commit message names it.
function sandboxOf(dir) {
  try {
    const subject = execFileSync('git', ['-C', join(dir, 'work'), 'log', '-1', '--format=%s'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return /\(([^()]+)\)\s*$/.exec(subject.trim())?.[1] ?? null;
  } catch { return null; }
}

for (const result of [...run.results].sort((a, b) => a.arm_index - b.arm_index)) {
  const tag = `#${String(result.arm_index + 1).padStart(3, '0')} ${result.provider.padEnd(6)} ${result.task_id.padEnd(16)}`;
  const window = windows.find((w) => w.window_id === result.window_id);
  check(`${tag} outcome success, quality 1`, result.outcome === 'success' && result.agent_outcome === 'success' && result.quality === 1 && window?.outcome === 'success' && window?.quality_score === 1,
    `agent ${result.agent_outcome}, outcome ${result.outcome}, quality ${result.quality}, tests ${result.tests.passed}/${result.tests.total}, ledger ${window?.outcome}/${window?.quality_score}`);
  check(`${tag} commits recorded, agent committed work`, !!window && /^[0-9a-f]{40}$/.test(window.commit_start) && /^[0-9a-f]{40}$/.test(window.commit_end) && window.commit_end !== window.commit_start && result.churn.files > 0,
    `${window?.commit_start?.slice(0, 8)} -> ${window?.commit_end?.slice(0, 8)}, ${result.churn.files} file(s) +${result.churn.insertions}/-${result.churn.deletions}`);
  const delta = window?.capacity?.delta;
  check(`${tag} capacity delta`, typeof delta === 'number' && delta > 0 && delta === result.capacity_delta, `${delta} ${window?.capacity?.unit ?? ''}`);
  const rows = telemetry.filter((row) => row.window_id === result.window_id);
  const proxied = rows.reduce((sum, row) => addUsage(sum, readTelemetryUsage(row)), { ...ZERO_USAGE });
  check(`${tag} telemetry tokens = client stdout usage (runner)`, rows.length > 0 && total(proxied) === result.tokens, `${rows.length} rows, ${total(proxied)} proxy / ${result.tokens} stdout`);
  const session = sessionUsage(result);
  check(`${tag} telemetry = client session records, per field`, session !== null && JSON.stringify(session) === JSON.stringify(proxied), `proxy ${JSON.stringify(proxied)} / session ${JSON.stringify(session)}`);
  const probes = ['before', 'after'].map((phase) => telemetry.filter((row) => row.window_id === `${result.window_id}.${phase}`));
  check(`${tag} one probe row each in .before/.after, none in the window`, probes.every((p) => p.length === 1 && p[0].command === 'probe') && rows.every((row) => row.command !== 'probe'), probes.map((p) => p.length).join('/'));
}
check('every telemetry row is attributed to a window', telemetry.every((row) => row.window_id), `${telemetry.filter((row) => !row.window_id).length} without`);
check('report.md exists', existsSync(join(data, 'reports', 'report.md')) && run.report !== null, run.report ?? 'none');
const late = readJsonl(join(data, 'anomalies.jsonl')).filter((row) => row.code === 'late-after').length;
if (late > 0) console.log(`note ${late} late-after anomalies (the scripted server's 5h period starts when it starts, so every after is "within 5 minutes after a reset")`);

console.log(`\nwall ${run.wall_ms} ms (runner)`);
console.log('arm  provider task              duration   agent   tests  overhead  tokens');
for (const r of [...run.results].sort((a, b) => a.arm_index - b.arm_index)) {
  console.log(`${String(r.arm_index + 1).padStart(3)}  ${r.provider.padEnd(8)} ${r.task_id.padEnd(16)} ${String(r.duration_ms).padStart(8)} ${String(r.agent_ms).padStart(7)} ${String(r.tests_ms).padStart(7)} ${String(r.overhead_ms).padStart(9)} ${String(r.tokens).padStart(7)}`);
}
console.log(process.exitCode ? 'RESULT: FAIL' : 'RESULT: ok');
EOF_NODE
echo "work dir: $work"
