#!/usr/bin/env bash
# Runs the real claude and codex drivers (prepare() from dist/) through `tracker proxy` in front of the scripted
# model server, in a loopback-only network namespace, and checks each launch: exit 0, hello.txt written, telemetry
# attributed to the window, and the usage read from the agent's stdout equal to the telemetry's.
# Needs root (unshare -n). Usage: scripts/e2e/real-drivers.sh   (npm run build first)
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
url_of() { for _ in $(seq 100); do [ -s "$1" ] && node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).url)' "$1" 2>/dev/null && return; sleep 0.1; done; return 1; }
node dist/cli/tracker.js model-server --script write-file --port 0 --json >"$work/server.json" 2>"$work/server.log" & pids+=($!)
server=$(url_of "$work/server.json")
node dist/cli/tracker.js proxy --data-dir "$work/data" --port 0 --json --backend "anthropic=$server" --backend "openai=$server" \
  --upstream anthropic --route 'gpt-*=openai' >"$work/proxy.json" 2>"$work/proxy.log" & proxy_pid=$!; pids+=($proxy_pid)
proxy=$(url_of "$work/proxy.json")

# One arm per driver: prepare() in a fresh git work tree and HOME, run the launch (no shell), read its usage.
for driver in claude codex; do
  node --input-type=module - "$driver" "$work" "$proxy" "$CLIENT_BIN" <<'EOF_NODE'
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
const [driverName, work, proxyUrl, bin] = process.argv.slice(2);
const { [`${driverName}Driver`]: driver } = await import(resolve(`dist/runner/drivers/${driverName}-driver.js`));
const { addUsage, createAgentUsageReader, ZERO_USAGE } = await import(resolve('dist/budget/index.js'));
const workDir = join(work, `${driverName}-work`);
const homeDir = join(work, `${driverName}-home`);
mkdirSync(workDir);
mkdirSync(homeDir);
execFileSync('git', ['init', '-q'], { cwd: workDir });
const model = driverName === 'claude' ? 'claude-sonnet-4-5' : 'gpt-5-codex';
const windowId = `E2E-${driverName.toUpperCase()}-${Date.now()}`;
const headers = { 'x-tracker-window': windowId, 'x-tracker-agent': `e2e-${driverName}`, 'x-tracker-feature': 'hello-file', 'x-tracker-command': '/say "hi" \\ there' };
const launch = driver.prepare({ workDir, homeDir, prompt: 'Create hello.txt', proxyUrl, model, headers, passEnv: {}, command: join(bin, driverName) });
const result = await execa(launch.file, launch.args, { cwd: launch.cwd, env: launch.env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 180_000 });
const reader = createAgentUsageReader({ defaultModel: model });
let usage = { ...ZERO_USAGE };
for (const line of result.stdout.split('\n')) {
  const read = reader.read(line);
  if (read) usage = addUsage(usage, read.delta);
}
writeFileSync(join(work, `${driverName}.stdout.jsonl`), result.stdout);
writeFileSync(join(work, `${driverName}.stderr.txt`), String(result.stderr));
const version = await driver.readVersion(join(bin, driverName));
const outcome = { driver: driverName, version, exitCode: result.exitCode, timedOut: result.timedOut, hello: existsSync(join(workDir, 'hello.txt')), windowId, headers, usage, launch: { file: launch.file, args: launch.args, envKeys: Object.keys(launch.env).sort() } };
writeFileSync(join(work, `${driverName}.outcome.json`), JSON.stringify(outcome, null, 2));
console.log(`${driverName}: ${version}, exit ${result.exitCode}${result.timedOut ? ' (timed out)' : ''}, args ${JSON.stringify(launch.args.slice(0, -1))}`);
EOF_NODE
done
kill -TERM "$proxy_pid"; wait "$proxy_pid" || true

node --input-type=module - "$work" <<'EOF_NODE'
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
const { addUsage, readTelemetryUsage, ZERO_USAGE } = await import(resolve('dist/budget/index.js'));
const work = process.argv[2];
const rows = readFileSync(`${work}/data/proxy_telemetry.jsonl`, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
const check = (label, ok, detail) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}: ${detail}`); if (!ok) process.exitCode = 1; };
for (const driver of ['claude', 'codex']) {
  const outcome = JSON.parse(readFileSync(`${work}/${driver}.outcome.json`, 'utf8'));
  check(`${driver} exit 0`, outcome.exitCode === 0, `exit ${outcome.exitCode}`);
  check(`${driver} wrote hello.txt in its work tree`, outcome.hello, String(outcome.hello));
  check(`${driver} version`, outcome.version !== 'unknown', outcome.version);
  const mine = rows.filter((row) => row.window_id === outcome.windowId);
  check(`${driver} telemetry rows carry window ${outcome.windowId}`, mine.length > 0, `${mine.length} of ${rows.length} rows`);
  const who = [...new Set(mine.map((row) => `${row.agent_id} ${row.feature_id} ${JSON.stringify(row.command)}`))];
  check(`${driver} rows carry the agent, feature and command headers`, who.length === 1 && who[0] === `${outcome.headers['x-tracker-agent']} ${outcome.headers['x-tracker-feature']} ${JSON.stringify(outcome.headers['x-tracker-command'])}`, who.join(' | '));
  const proxied = mine.reduce((sum, row) => addUsage(sum, readTelemetryUsage(row)), { ...ZERO_USAGE });
  check(`${driver} usage from stdout = telemetry sums`, JSON.stringify(outcome.usage) === JSON.stringify(proxied), `stdout ${JSON.stringify(outcome.usage)} / proxy ${JSON.stringify(proxied)}`);
}
const unattributed = rows.filter((row) => !row.window_id);
check('every telemetry row is attributed to a window', unattributed.length === 0, `${unattributed.length} without`);
EOF_NODE
echo "work dir: $work"
