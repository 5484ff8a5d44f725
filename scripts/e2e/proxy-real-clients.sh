#!/usr/bin/env bash
# Runs the real Claude Code and Codex CLIs through `tracker proxy` in front of scripted model servers, in a
# loopback-only network namespace, and checks that telemetry agrees with what the servers sent and what the
# clients report. Needs root (unshare -n). Usage: scripts/e2e/proxy-real-clients.sh   (npm run build first)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${IN_NETNS:-}" != 1 ]; then
  BIN=$(scripts/fixtures/ensure-clients.sh claude codex)
  exec unshare -n env IN_NETNS=1 CLIENT_BIN="$BIN" bash "$0" "$@"
fi
ip link set lo up
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
tracker() { node dist/cli/tracker.js "$@"; }
url_of() { for _ in $(seq 100); do [ -s "$1" ] && node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).url)' "$1" 2>/dev/null && return; sleep 0.1; done; return 1; }
node dist/cli/tracker.js model-server --script write-file --port 0 --json >"$work/main.json" 2>"$work/main.log" & pids+=($!)
node dist/cli/tracker.js model-server --script hello --port 0 --json >"$work/glm.json" 2>"$work/glm.log" & pids+=($!)
main=$(url_of "$work/main.json"); glm=$(url_of "$work/glm.json")
node dist/cli/tracker.js proxy --data-dir "$work/data" --port 0 --json --backend "anthropic=$main" --backend "glm=$glm" --backend "openai=$main" --upstream anthropic --route 'gpt-*=openai' \
  --route 'claude-haiku-*=glm,model=glm-4.5-air' >"$work/proxy.json" 2>"$work/proxy.log" & proxy_pid=$!; pids+=($proxy_pid)
proxy=$(url_of "$work/proxy.json")
clean_env=(env -i PATH="$PATH" HOME="$work/home" DISABLE_TELEMETRY=1 CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1
  CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL=1 DISABLE_AUTOUPDATER=1 ANTHROPIC_BASE_URL="$proxy" ANTHROPIC_API_KEY=dummy)
mkdir -p "$work/home" "$work/claude" "$work/codex" "$work/codex-home"
(cd "$work/claude" && git init -q && ANTHROPIC_CUSTOM_HEADERS=$'x-tracker-window: E2E-CLAUDE' "${clean_env[@]}" ANTHROPIC_CUSTOM_HEADERS=$'x-tracker-window: E2E-CLAUDE' \
  timeout 120 "$CLIENT_BIN/claude" -p "Create hello.txt" --output-format stream-json --verbose --permission-mode acceptEdits >"$work/claude.jsonl")
(cd "$work/claude" && "${clean_env[@]}" timeout 120 "$CLIENT_BIN/claude" -p "Say hi" --model haiku --output-format stream-json --verbose >"$work/haiku.jsonl")
(cd "$work/codex" && git init -q && env -i PATH="$PATH" HOME="$work/home" CODEX_HOME="$work/codex-home" OPENAI_API_KEY=dummy timeout 120 "$CLIENT_BIN/codex" exec --json --skip-git-repo-check \
  -c model_provider=tracker -c "model_providers.tracker={name=\"tracker\",base_url=\"$proxy/v1\",wire_api=\"responses\",env_key=\"OPENAI_API_KEY\",http_headers={\"x-tracker-window\"=\"E2E-CODEX\"}}" \
  -c model=gpt-5-codex -c analytics.enabled=false --disable plugins -s workspace-write "Create hello.txt" >"$work/codex.jsonl")
kill -TERM "$proxy_pid"; wait "$proxy_pid" || true
node --input-type=module - "$work" <<'EOF'
import { readFileSync } from 'node:fs';
const dir = process.argv[2];
const lines = (file) => readFileSync(`${dir}/${file}`, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
const rows = lines('data/proxy_telemetry.jsonl');
const sum = (list, key) => list.reduce((total, row) => total + (row[key] ?? 0), 0);
const check = (label, got, want) => { const ok = JSON.stringify(got) === JSON.stringify(want); console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}: proxy ${JSON.stringify(got)} / client ${JSON.stringify(want)}`); if (!ok) process.exitCode = 1; };
const claude = lines('claude.jsonl').find((line) => line.type === 'result').usage;
const claudeRows = rows.filter((row) => row.window_id === 'E2E-CLAUDE');
check('claude tokens (in, out, cache read, cache write)', [sum(claudeRows, 'prompt_tokens'), sum(claudeRows, 'completion_tokens'), sum(claudeRows, 'cache_read_tokens'), sum(claudeRows, 'cache_creation_tokens')], [claude.input_tokens, claude.output_tokens, claude.cache_read_input_tokens, claude.cache_creation_input_tokens]);
const haiku = rows.filter((row) => row.requested_model?.includes('haiku'));
check('haiku requests routed to glm as glm-4.5-air', haiku.map((row) => [row.backend_provider, row.model, row.subagent_id]), haiku.map(() => ['glm', 'glm-4.5-air', 'haiku']));
const codex = lines('codex.jsonl').find((line) => line.type === 'turn.completed').usage;
const codexRows = rows.filter((row) => row.window_id === 'E2E-CODEX');
check('codex tokens (in, out, cached)', [sum(codexRows, 'prompt_tokens'), sum(codexRows, 'completion_tokens'), sum(codexRows, 'cache_read_tokens')], [codex.input_tokens, codex.output_tokens, codex.cached_input_tokens]);
const sent = [dir + '/main.log', dir + '/glm.log'].flatMap((file) => readFileSync(file, 'utf8').trim().split('\n')).filter((line) => / 200 complete /.test(line));
check('one telemetry row per request the servers answered', rows.length, sent.length);
const readings = lines('data/snapshots.jsonl').filter((row) => row.kind === 'reading' && row.source === 'proxy');
console.log(`proxy readings: ${readings.map((row) => `${row.provider} ${row.window_id ?? '-'} 5h=${row.bars.five_hour?.used_pct}`).join(', ')}`);
EOF
echo "work dir: $work"
