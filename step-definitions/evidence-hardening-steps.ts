// Steps of the evidence @hardening spec: planted secrets, planted links, the viewer's arm page.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given, Then } from '@cucumber/cucumber';
import { resolvePackagePath } from '../kernel/index.js';
import { listArmEvidence, resolveEvidenceDir, resolveEvidenceRoot, writeArmSummary } from '../ledger/evidence/index.js';
import { HARMLESS_LINES, PLANTED_SECRETS } from './planted-secrets.js';
import { viewerOf } from './viewer-hardening-steps.js';
import type { TrackerWorld } from './world.js';

const PLANTED = PLANTED_SECRETS.map((planted) => planted.text).join('\n');

Given(
  "the task bank {string} holds {string} with a secret of every shape in its spec, its tests' output and its solution",
  function (this: TrackerWorld, bank: string, id: string) {
    const dir = join(this.workDir, bank, id);
    cpSync(resolvePackagePath(join('task-bank', id)), dir, { recursive: true });
    // The spec is the agent's first turn; the solution is what the scripted agent writes (the diff); the tests print.
    appendFileSync(join(dir, 'spec.md'), `\n## Settings\n\n${PLANTED}\n${HARMLESS_LINES.join('\n')}\n`);
    const solution = join(dir, 'solution', 'src');
    for (const name of readdirSync(solution)) appendFileSync(join(solution, name), `\n/*\n${PLANTED}\n*/\n`);
    const tests = join(dir, 'tests');
    for (const name of readdirSync(tests)) appendFileSync(join(tests, name), `\nconsole.log(${JSON.stringify(PLANTED)});\n`);
  },
);

/** Every file under a folder, with its text (links are not followed: none is expected here). */
function readTree(dir: string): Array<[string, string]> {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [path, readFileSync(path, 'utf8')];
    });
}

function assertNoPlantedSecret(where: string, text: string): void {
  for (const planted of PLANTED_SECRETS)
    for (const secret of planted.secrets) assert.ok(!text.includes(secret), `${where} holds the planted ${planted.kind}`);
}

Then('no file of the data dir holds a planted secret', function (this: TrackerWorld) {
  const files = readTree(this.dataDir);
  assert.ok(
    files.some(([path]) => path.endsWith('turns.jsonl')),
    'the run kept no turns',
  );
  for (const [path, text] of files) assertNoPlantedSecret(path, text);
  this.log(`${files.length} files checked`);
});

Then(
  "every arm's turns, diff and test log hold the planted shapes redacted and the look-alikes as they were",
  function (this: TrackerWorld) {
    const windows = listArmEvidence(this.dataDir);
    assert.ok(windows.length > 0, 'no arm left evidence');
    for (const windowId of windows) {
      const dir = resolveEvidenceDir(this.dataDir, windowId);
      const turns = readFileSync(join(dir, 'turns.jsonl'), 'utf8');
      // Each planted line left its mark: the redaction ran on it, the line did not just go missing.
      for (const name of ['turns.jsonl', 'diff.patch', 'tests.log']) {
        const text = readFileSync(join(dir, name), 'utf8');
        assert.ok(text.includes('DATABASE_URL=postgres://app:[REDACTED]@db.internal'), `${windowId}/${name}: no redacted URL`);
        assert.ok(text.includes('aws_access_key_id = [REDACTED]'), `${windowId}/${name}: no redacted AWS key id`);
      }
      for (const line of HARMLESS_LINES) assert.ok(turns.includes(JSON.stringify(line).slice(1, -1)), `${windowId}: lost ${line}`);
    }
  },
);

Then("no arm's page from the viewer holds a planted secret", async function (this: TrackerWorld) {
  const windows = listArmEvidence(this.dataDir);
  for (const windowId of windows) {
    const { status, body } = await askViewer(this, `/api/arm/${encodeURIComponent(windowId)}`);
    assert.equal(status, 200, body);
    assert.ok(body.includes('[REDACTED]'), `${windowId}: the page shows no evidence`);
    assertNoPlantedSecret(`the page of ${windowId}`, body);
  }
});

async function askViewer(world: TrackerWorld, path: string): Promise<{ status: number; body: string }> {
  const { port, token } = viewerOf(world);
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'x-tracker-auth': token } });
  return { status: response.status, body: await response.text() };
}

const LINKED_WINDOW = 'plan-links-a001-claude-1';
const OUTSIDE_TEXT = 'root:$6$OUTSIDE-THE-DATA-DIR:19000:0:99999:7:::';

Given('an arm whose evidence has {string} linked to files outside the data dir', function (this: TrackerWorld, link: string) {
  const outside = join(this.workDir, 'outside');
  mkdirSync(join(outside, LINKED_WINDOW), { recursive: true });
  for (const name of ['shadow', join(LINKED_WINDOW, 'diff.patch'), join(LINKED_WINDOW, 'tests.log')])
    writeFileSync(join(outside, name), `${OUTSIDE_TEXT}\n`);
  writeArmSummary(this.dataDir, {
    ...{ plan_id: 'plan-links', window_id: LINKED_WINDOW, task_id: 'lru-cache-ttl', provider: 'claude', arm_index: 1 },
    ...{ sequence: 'AB', period: 1, epoch: 1, attempt: 1, outcome: 'completed', agent_outcome: 'fail', infra_failure: null },
    ...{ quality: 0, tests: null, tokens: null, duration_ms: null, phases_ms: {}, isolation: 'none', commit_start: null },
    ...{ commit_end: null, notes: [], written_at: '2026-11-25T00:00:00.000Z' },
  });
  const dir = resolveEvidenceDir(this.dataDir, LINKED_WINDOW);
  if (link === 'diff.patch' || link === 'tests.log') symlinkSync(join(outside, 'shadow'), join(dir, link));
  else if (link === 'its window folder') {
    renameSync(dir, join(this.workDir, 'moved-away'));
    symlinkSync(join(outside, LINKED_WINDOW), dir);
  } else if (link === 'the evidence folder') {
    const root = resolveEvidenceRoot(this.dataDir);
    renameSync(root, join(this.workDir, 'moved-away'));
    symlinkSync(outside, root);
  } else assert.fail(`no such link: ${link}`);
});

Then(
  "the viewer's page of that arm names {string} as a link it refused, and holds nothing of the files",
  async function (this: TrackerWorld, refused: string) {
    const { status, body } = await askViewer(this, `/api/arm/${LINKED_WINDOW}`);
    assert.equal(status, 200, body);
    const problems = (JSON.parse(body) as { evidence: { problems: string[] } | null }).evidence?.problems ?? [];
    const name = refused.replace('<window>', LINKED_WINDOW);
    assert.ok(
      problems.some((problem) => problem.startsWith(`${name}: a symbolic link, refused`)),
      `no refusal of ${name}: ${JSON.stringify(problems)}`,
    );
    assert.ok(!body.includes('OUTSIDE-THE-DATA-DIR'), 'the page shows a file from outside the data dir');
  },
);
