// Steps that run several agents' captures at once and check that every row survived whole.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { When, Then } from '@cucumber/cucumber';
import { awaitCommands, GUARDED_STEP } from './progress-guard.js';
import type { TrackerWorld } from './world.js';

When(
  '{int} agents each capture {int} windows of {string} at the same time',
  GUARDED_STEP,
  async function (this: TrackerWorld, agents: number, windows: number, provider: string) {
    const runAgent = async (agent: string) => {
      for (let window = 0; window < windows; window += 1) {
        const hour = String(10 + window).padStart(2, '0');
        await this.runTracker(
          ['snapshot', 'before', '--provider', provider, '--input', 'before.json', '--at', `2026-11-20T${hour}:00:00Z`],
          { agent },
        );
        await this.runTracker(['snapshot', 'after', '--provider', provider, '--input', 'after.json', '--at', `2026-11-20T${hour}:30:00Z`], {
          agent,
        });
      }
    };
    // Guarded by progress, not a fixed time: on a loaded machine these captures outlast any fixed limit while moving.
    await awaitCommands(
      this,
      `${agents} agents capturing`,
      Promise.all(Array.from({ length: agents }, (_, i) => runAgent(`agent-${i + 1}`))),
    );
  },
);

Then('every capture succeeded', function (this: TrackerWorld) {
  const failed = this.results.filter((result) => result.exitCode !== 0);
  assert.deepEqual(
    failed.map((result) => `${result.command}: ${result.stderr}`),
    [],
  );
});

Then('every line of {string} is a whole JSON row with a distinct id', function (this: TrackerWorld, file: string) {
  const text = readFileSync(this.ledgerFile(file), 'utf8');
  assert.ok(text.endsWith('\n'), `${file} does not end with a newline`);
  const lines = text.slice(0, -1).split('\n');
  const ids = lines.map((line, i) => {
    const row = JSON.parse(line) as { id?: unknown };
    assert.equal(typeof row.id, 'string', `line ${i + 1} has no id`);
    return row.id as string;
  });
  assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
});

Then(
  'each of the {int} agents has {int} windows with a before and an after',
  function (this: TrackerWorld, agents: number, windows: number) {
    const rows = this.readRows('snapshots.jsonl');
    for (let i = 1; i <= agents; i += 1) {
      const mine = rows.filter((row) => row.agent_id === `agent-${i}`);
      const windowIds = new Set(mine.map((row) => row.window_id));
      assert.equal(windowIds.size, windows, `agent-${i} has windows ${JSON.stringify([...windowIds])}`);
      for (const windowId of windowIds) {
        const phases = mine
          .filter((row) => row.window_id === windowId)
          .map((row) => row.phase)
          .sort();
        assert.deepEqual(phases, ['after', 'before'], `agent-${i} window ${String(windowId)}`);
      }
    }
  },
);

When('{int} ingests of {string} run at the same time', GUARDED_STEP, async function (this: TrackerWorld, count: number, home: string) {
  const ingests = Promise.all(Array.from({ length: count }, () => this.runTracker(['ingest', 'codex-rollout', '--codex-home', home])));
  await awaitCommands(this, `${count} ingests`, ingests);
});

Then('every ingest succeeded', function (this: TrackerWorld) {
  const failed = this.results.filter((result) => result.exitCode !== 0);
  assert.deepEqual(
    failed.map((result) => `${result.command}: ${result.stderr}`),
    [],
  );
});
