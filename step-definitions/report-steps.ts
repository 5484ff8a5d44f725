// Steps of the @reports specs: recorded previews, a task bank, sub-agent telemetry, and checks on the printed report.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Given, Then } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

Given('an empty data dir', function (this: TrackerWorld) {
  // The report reads a data dir that exists; a missing one is a mistyped path (experiment report refuses it).
  mkdirSync(this.dataDir, { recursive: true });
});

Given(
  'two recorded previews where {string} has n {int}, ci_width {float}, power {float} and quality vs baseline {float}',
  function (this: TrackerWorld, provider: string, n: number, ciWidth: number, power: number, quality: number) {
    mkdirSync(this.dataDir, { recursive: true });
    const summary = {
      provider,
      unit: 'pct_5h',
      windows: n,
      n,
      mean_efficiency: 0.06,
      ci_low: 0.05,
      ci_high: 0.07,
      ci_width: ciWidth,
      sd_efficiency: 0.01,
      mean_quality: 0.9,
      quality_ratio: quality,
      power,
    };
    // The later preview has one more window (without capacity, so n is the same): there were new windows between them.
    const rows = ['2026-11-20T10:00:00.000Z', '2026-11-20T11:00:00.000Z'].map((ts, index) =>
      JSON.stringify({
        id: randomUUID(),
        kind: 'preview',
        ts,
        schema_version: 1,
        tool_version: '0.1.0',
        source: 'manual',
        agent_id: 'main',
        providers: [{ ...summary, windows: n + index }],
        anomalies: 0,
        // G1 compares previews of one unit and baseline, and never judges the baseline: here it is another provider.
        unit: 'bars',
        baseline: 'baseline-provider',
        gate_basis: { baseline: 'baseline-provider', min_effect: 0.2, alpha: 0.05, pairs: 1 },
      }),
    );
    appendFileSync(this.ledgerFile('previews.jsonl'), `${rows.join('\n')}\n`);
  },
);

Given('a task bank with {int} ready task(s) blocked only by capacity', function (this: TrackerWorld, count: number) {
  const write = (id: string, meta: object) => {
    mkdirSync(join(this.workDir, 'task-bank', id), { recursive: true });
    writeFileSync(join(this.workDir, 'task-bank', id, 'task.json'), JSON.stringify(meta));
  };
  for (let i = 1; i <= count; i += 1) write(`T${i}`, { id: `T${i}`, status: 'ready', blocked_by: ['capacity'] });
  write('T-tooling', { id: 'T-tooling', status: 'ready', blocked_by: ['capacity', 'tooling'] });
  write('T-draft', { id: 'T-draft', status: 'draft' });
});

Given(
  'sub-agent work on {int} features where GLM uses {int} tokens per request against {int} on the baseline',
  async function (this: TrackerWorld, features: number, glmTokens: number, baseTokens: number) {
    writeFileSync(
      join(this.workDir, 'prices.json'),
      JSON.stringify({ models: { 'glm-x': { input: 1, output: 1 }, 'base-x': { input: 1, output: 1 } } }),
    );
    let slot = 0;
    for (let f = 1; f <= features; f += 1) {
      for (const [arm, provider, backend, model, tokens] of [
        ['base', 'claude', 'anthropic', 'base-x', baseTokens],
        ['glm', 'codex', 'glm', 'glm-x', glmTokens],
      ] as const) {
        const window = `F${f}-${arm}`;
        const start = Date.parse('2026-11-20T08:00:00Z') + slot * 3_600_000;
        slot += 1;
        writeFileSync(join(this.workDir, 'bar-before.json'), JSON.stringify({ five_hour: { used_pct: 10 } }));
        writeFileSync(join(this.workDir, 'bar-after.json'), JSON.stringify({ five_hour: { used_pct: 20 } }));
        // 70 requests a window: with 3 features 210 an arm, enough for G3's reliability intervals to decide (0 errors
        // in 189 or more show an error rate within +2 points); latencies spread alike on both arms.
        const events = Array.from({ length: 70 }, (_, i) =>
          JSON.stringify({
            timestamp: new Date(start + (i + 1) * 20_000).toISOString(),
            session_id: window,
            subagent_id: 'haiku',
            backend_provider: backend,
            model,
            prompt_tokens: tokens,
            completion_tokens: 0,
            latency_ms: 400 + (i % 10) * 20,
            status: 200,
            trace_id: `${window}-${i}`,
            feature_id: `F${f}`,
          }),
        );
        writeFileSync(join(this.workDir, `${window}.ndjson`), `${events.join('\n')}\n`);
        for (const args of [
          [
            'snapshot',
            'before',
            '--provider',
            provider,
            '--window',
            window,
            '--input',
            'bar-before.json',
            '--at',
            new Date(start).toISOString(),
          ],
          [
            'snapshot',
            'after',
            '--provider',
            provider,
            '--window',
            window,
            '--input',
            'bar-after.json',
            '--at',
            new Date(start + 30 * 60_000).toISOString(),
          ],
          ['complete', '--provider', provider, '--window', window, '--quality', '1', '--outcome', 'success', '--feature', `F${f}`],
          ['ingest', 'proxy-telemetry', '--window', window, '--input', `${window}.ndjson`],
        ]) {
          await this.runTracker(args);
          this.expectSuccess();
        }
      }
    }
  },
);

/** The verdict: the two-line headline and the detail after it (the first two paragraphs past the title and its line). */
function readVerdict(stdout: string): string {
  const blocks = stdout.split('\n\n').filter((block) => block.trim() !== '' && !block.startsWith('#') && !block.startsWith('_'));
  assert.ok(blocks.length > 0, `no verdict paragraph in:\n${stdout}`);
  return blocks.slice(0, 2).join('\n\n').trim();
}

/** The status cell of a gate's row in the gates table. */
function readGateStatus(stdout: string, gate: string): string {
  const row = stdout.split('\n').find((line) => line.startsWith(`| ${gate} `));
  assert.ok(row, `no row for ${gate} in the gates table:\n${stdout}`);
  return (row.split('|')[2] ?? '').trim();
}

Then('the report shows gate {string} as {string}', function (this: TrackerWorld, gate: string, status: string) {
  assert.equal(readGateStatus(this.last.stdout, gate), status, this.last.stdout);
});

Then('the verdict paragraph starts with {string}', function (this: TrackerWorld, start: string) {
  const verdict = readVerdict(this.last.stdout);
  assert.ok(verdict.startsWith(start), `the verdict does not start with ${JSON.stringify(start)}:\n${verdict}`);
});

Then('the verdict paragraph contains {string}', function (this: TrackerWorld, text: string) {
  const verdict = readVerdict(this.last.stdout);
  assert.ok(verdict.includes(text), `the verdict does not contain ${JSON.stringify(text)}:\n${verdict}`);
});

Then('the verdict agrees with the gates', function (this: TrackerWorld) {
  const stdout = this.last.stdout;
  const verdict = readVerdict(stdout);
  const statuses = ['G1', 'G2', 'G3'].map((gate) => ({ gate, status: readGateStatus(stdout, gate) }));
  for (const { gate, status } of statuses) {
    assert.ok(
      new RegExp(`${gate} ${status.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(verdict),
      `the verdict does not say ${gate} ${status}:\n${verdict}`,
    );
  }
  const hold = statuses[0]?.status === 'pass' && statuses[1]?.status === 'pass';
  const decision = stdout.split('\n').find((line) => line.startsWith('**Decision: '));
  assert.ok(decision, 'no decision line');
  assert.equal(
    verdict.includes('Seat decision: stay lean ('),
    !hold,
    `G1 and G2 ${hold ? 'hold' : 'do not hold'}, but the verdict says:\n${verdict}`,
  );
  assert.equal(decision.startsWith('**Decision: stay lean.'), !hold, decision);
  if (hold)
    assert.ok(
      verdict.includes(`Seat decision: add one seat (${statuses[2]?.status === 'pass' ? 'GLM coding plan' : 'Claude Max'}) (`),
      verdict,
    );
});

Then('the report {string} was written with {int} chart(s) beside it', function (this: TrackerWorld, file: string, count: number) {
  const path = join(this.dataDir, file);
  assert.ok(existsSync(path), `${path} was not written`);
  const markdown = readFileSync(path, 'utf8');
  assert.equal(markdown, this.last.stdout, 'the file differs from what was printed');
  const charts = [...markdown.matchAll(/!\[[^\]]*\]\(([^)]+\.svg)\)/g)].map((match) => match[1] as string);
  assert.equal(charts.length, count, `chart links: ${charts.join(', ')}`);
  for (const chart of charts) {
    const svg = join(dirname(path), chart);
    assert.ok(existsSync(svg) && readFileSync(svg, 'utf8').startsWith('<svg'), `${svg} is not an SVG`);
  }
});

Then(
  'the last recorded preview has no power for {string} because {string}',
  function (this: TrackerWorld, provider: string, reason: string) {
    const row = this.readRows('previews.jsonl').at(-1) as
      | { providers?: { provider: string; power?: unknown; pair_power?: { na?: unknown } | null }[] }
      | undefined;
    const summary = row?.providers?.find((entry) => entry.provider === provider);
    assert.ok(summary, `no ${provider} in the last preview`);
    assert.equal(summary.power, null, JSON.stringify(summary));
    assert.equal(summary.pair_power?.na, reason, JSON.stringify(summary));
  },
);
