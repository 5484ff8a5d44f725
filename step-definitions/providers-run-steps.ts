// Steps of the provider specs on experiment runs: where each window's capacity came from, its plan, and routed sub-agent traffic.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Then } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

type Row = Record<string, unknown>;

function windowsOf(world: TrackerWorld, provider: string): Row[] {
  const windows = world.readRows('windows.jsonl').filter((row) => row.kind === 'window' && row.provider === provider);
  assert.ok(windows.length > 0, `no window of ${provider}`);
  return windows;
}

Then('every window of {string} says its capacity came from {string}', function (this: TrackerWorld, provider: string, source: string) {
  for (const window of windowsOf(this, provider))
    assert.ok(String(window.methodology).includes(`capacity: ${source}`), `${window.window_id}: ${window.methodology}`);
});

Then('every window of {string} is priced under plan {string}', function (this: TrackerWorld, provider: string, plan: string) {
  for (const window of windowsOf(this, provider))
    assert.equal((window.subscription as Row | undefined)?.plan, plan, String(window.window_id));
});

Then(
  'every window of {string} scored quality {float} with {word} fail_to_pass tests passing and resolved {word}',
  function (this: TrackerWorld, provider: string, quality: number, howMany: string, resolved: string) {
    for (const window of windowsOf(this, provider)) {
      const tests = window.tests as { fail_to_pass: { passed: number; total: number }; resolved: boolean } | undefined;
      assert.ok(tests, `${window.window_id}: no tests record`);
      assert.equal(window.quality_score, quality, `${window.window_id}: quality`);
      assert.equal(
        tests.fail_to_pass.passed,
        howMany === 'all' ? tests.fail_to_pass.total : 0,
        `${window.window_id}: ${JSON.stringify(tests)}`,
      );
      assert.ok(tests.fail_to_pass.total > 0, `${window.window_id}: no fail_to_pass test`);
      assert.equal(tests.resolved, resolved === 'yes', `${window.window_id}: resolved`);
    }
  },
);

Then('every window of {string} moved its weekly bar', function (this: TrackerWorld, provider: string) {
  for (const window of windowsOf(this, provider)) {
    const weekly = (window.capacity as Row | null)?.weekly as Row | undefined;
    assert.ok(typeof weekly?.delta === 'number' && weekly.delta > 0, `${window.window_id}: weekly ${JSON.stringify(weekly)}`);
  }
});

Then(
  'every window of {string} has its sub-agent share on {string} read from its quota endpoint',
  function (this: TrackerWorld, provider: string, backend: string) {
    for (const window of windowsOf(this, provider)) {
      const sub = window.subagent_capacity as Row | undefined;
      assert.equal(sub?.provider, backend, `${window.window_id}: ${JSON.stringify(sub)}`);
      assert.ok(
        typeof (sub?.five_hour as Row | undefined)?.delta === 'number' && ((sub?.five_hour as Row).delta as number) > 0,
        `${window.window_id}: no positive delta on ${backend}`,
      );
    }
  },
);

Then(
  'the haiku requests of {string} went to back end {string} as model {string}',
  function (this: TrackerWorld, provider: string, backend: string, model: string) {
    const ids = new Set(windowsOf(this, provider).map((window) => window.window_id));
    const haiku = this.readRows('proxy_telemetry.jsonl').filter((row) => ids.has(row.window_id) && row.subagent_id === 'haiku');
    assert.equal(haiku.length, ids.size, `expected one haiku request per window of ${provider}, got ${haiku.length}`);
    for (const row of haiku) {
      assert.equal(row.backend_provider, backend);
      assert.equal(row.model, model);
    }
  },
);

Then(
  'the requests of {string} that are not haiku went to back end {string}',
  function (this: TrackerWorld, provider: string, backend: string) {
    const ids = new Set(windowsOf(this, provider).map((window) => window.window_id));
    const rest = this.readRows('proxy_telemetry.jsonl').filter((row) => ids.has(row.window_id) && row.subagent_id !== 'haiku');
    assert.ok(rest.length > 0, `no other request of ${provider}`);
    for (const row of rest) assert.equal(row.backend_provider, backend, `${row.model}`);
  },
);

Then(
  'every window of {string} has its capacity in tokens, equal to the tokens its agent used',
  function (this: TrackerWorld, provider: string) {
    const telemetry = this.readRows('proxy_telemetry.jsonl');
    for (const window of windowsOf(this, provider)) {
      const capacity = window.capacity as Row | null;
      assert.equal(capacity?.unit, 'tokens', String(window.window_id));
      const counted = telemetry
        .filter((row) => row.window_id === window.window_id)
        .reduce(
          (sum, row) =>
            sum +
            ['prompt_tokens', 'completion_tokens', 'cache_read_tokens', 'cache_creation_tokens'].reduce(
              (inner, field) => inner + (Number(row[field]) || 0),
              0,
            ),
          0,
        );
      assert.ok(counted > 0, `${window.window_id}: no telemetry`);
      assert.equal(capacity?.delta, counted, `${window.window_id}: capacity ${capacity?.delta} vs proxy count ${counted}`);
    }
  },
);

Then('the reports in {string} and {string} give the same verdict, interval and p', function (this: TrackerWorld, a: string, b: string) {
  const verdictOf = (dir: string): string => {
    const report = readFileSync(join(this.workDir, dir, 'reports', 'report.md'), 'utf8');
    // Who is ahead, by how much, with its interval and p: the headline's first line (the seat decision after it
    // reads the previews, and a killed run can miss one).
    const sentence = /^\*\*[^\n]*/m.exec(report)?.[0];
    assert.ok(sentence, `no verdict in ${dir}/reports/report.md`);
    return sentence;
  };
  assert.equal(verdictOf(b), verdictOf(a));
});

Then('the report does not say {string}', function (this: TrackerWorld, text: string) {
  const report = readFileSync(join(this.dataDir, 'reports', 'report.md'), 'utf8');
  assert.ok(!report.includes(text), `expected report.md not to say ${JSON.stringify(text)}`);
});

/** A Google AI plan's bar: each window's before and after captures read Code Assist's quota, and the after is higher. */
Then(
  'every window of {string} has its daily bar read from Code Assist before and after, moved by its own use',
  function (this: TrackerWorld, provider: string) {
    const captures = this.readRows('snapshots.jsonl').filter((row) => row.kind === 'snapshot' && row.provider === provider);
    for (const window of windowsOf(this, provider)) {
      const daily = (phase: string): number => {
        const row = captures.find((capture) => capture.window_id === window.window_id && capture.phase === phase);
        assert.equal(row?.format, 'quota-gemini', `${window.window_id} ${phase}: ${JSON.stringify(row)}`);
        const bar = (row?.bars as { daily?: { used_pct: number; window_minutes: number } } | undefined)?.daily;
        assert.equal(bar?.window_minutes, 1440, `${window.window_id} ${phase}: ${JSON.stringify(row?.bars)}`);
        return bar?.used_pct ?? Number.NaN;
      };
      assert.ok(
        daily('after') > daily('before'),
        `${window.window_id}: the daily bar did not move (${daily('before')} -> ${daily('after')})`,
      );
    }
  },
);
