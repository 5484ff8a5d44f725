// Steps that put Claude Code transcripts where it writes them and hold `tracker usage` to the real ccusage's daily totals.
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Given, Then } from '@cucumber/cucumber';
import { execa } from 'execa';
import { findRealCcusage } from './ccusage-steps.js';
import type { TrackerWorld } from './world.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Three sessions in two projects, a sub-agent's sidechain, an answer written twice while it streamed, one copied by a resume. */
const TRANSCRIPTS = join(REPO_ROOT, 'sources/parsers/test-fixtures/claude-config/projects');

type Counts = { input: number; output: number; cache_read: number; cache_creation: number; total: number };

Given("the Claude Code transcripts of two projects in the scenario's Claude config", function (this: TrackerWorld) {
  // The scenario's CLAUDE_CONFIG_DIR (world.ts): where `tracker ingest claude-transcripts` and ccusage both look.
  cpSync(TRANSCRIPTS, join(this.workDir, 'claude-config', 'projects'), { recursive: true });
});

Then(
  "tracker usage's daily totals for {string} in {string} equal the real ccusage's over the same transcripts",
  async function (this: TrackerWorld, provider: string, zone: string) {
    await compareWithCcusage(this, provider, zone, [join(this.workDir, 'claude-config')]);
  },
);

Then(
  "tracker usage's daily totals for {string} in {string} equal the real ccusage's over the config dirs {string}",
  async function (this: TrackerWorld, provider: string, zone: string, dirs: string) {
    await compareWithCcusage(
      this,
      provider,
      zone,
      dirs.split(',').map((dir) => join(this.workDir, dir)),
    );
  },
);

/** ccusage reads a comma-separated CLAUDE_CONFIG_DIR as several logins' config dirs, every answer once. */
async function compareWithCcusage(world: TrackerWorld, provider: string, zone: string, configDirs: string[]): Promise<void> {
  const ours = new Map<string, Counts>();
  const usage = await world.runTracker(['usage', 'daily', '--tz', zone, '--provider', provider, '--json']);
  assert.equal(usage.exitCode, 0, usage.stderr);
  for (const row of (JSON.parse(usage.stdout) as { rows: (Counts & { period: string })[] }).rows) {
    const day = ours.get(row.period) ?? { input: 0, output: 0, cache_read: 0, cache_creation: 0, total: 0 };
    for (const field of ['input', 'output', 'cache_read', 'cache_creation', 'total'] as const) day[field] += row[field];
    ours.set(row.period, day);
  }
  const { stdout } = await execa(await findRealCcusage(), ['claude', 'daily', '--json', '--offline'], {
    env: { CLAUDE_CONFIG_DIR: configDirs.join(','), TZ: zone },
  });
  type Day = {
    date: string;
    inputTokens: number;
    outputTokens: number;
    cacheReadTokens: number;
    cacheCreationTokens: number;
    totalTokens: number;
  };
  const theirs = new Map(
    (JSON.parse(stdout) as { daily: Day[] }).daily.map((day) => [
      day.date,
      {
        input: day.inputTokens,
        output: day.outputTokens,
        cache_read: day.cacheReadTokens,
        cache_creation: day.cacheCreationTokens,
        total: day.totalTokens,
      },
    ]),
  );
  assert.ok(theirs.size > 0, 'ccusage found no tokens in the transcripts');
  assert.deepEqual(Object.fromEntries(ours), Object.fromEntries(theirs));
}
