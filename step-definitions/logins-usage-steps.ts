// Two Claude Code logins in two config dirs, the first partly behind the proxy: what `tracker usage` must count once.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Given } from '@cucumber/cucumber';
import { appendRows, fingerprintAccount, LEDGER_FILES, stampRow } from '../ledger/index.js';
import { compareTranscriptCopies, readClaudeTranscriptLine, type TranscriptEntry } from '../sources/index.js';
import type { TrackerWorld } from './world.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TRANSCRIPTS = join(REPO_ROOT, 'sources/parsers/test-fixtures/claude-config/projects');

/** Claude Code keeps a login's account in its config dir's `.claude.json` (a CLAUDE_CONFIG_DIR's own). */
function signIn(dir: string, organization: string): void {
  writeFileSync(
    join(dir, '.claude.json'),
    JSON.stringify({ numStartups: 12, oauthAccount: { emailAddress: 'me@example.com', organizationUuid: organization } }),
  );
}

function listJsonl(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => join(root, name));
}

Given("the scenario's Claude config is signed in to organization {string}", function (this: TrackerWorld, organization: string) {
  signIn(join(this.workDir, 'claude-config'), organization);
});

Given(
  "a second login's Claude Code transcripts in {string}, signed in to organization {string}",
  function (this: TrackerWorld, folder: string, organization: string) {
    const dir = join(this.workDir, folder);
    cpSync(TRANSCRIPTS, join(dir, 'projects'), { recursive: true });
    // Its own answers: the fixture's sessions with other message and request ids.
    for (const path of listJsonl(join(dir, 'projects')))
      writeFileSync(path, readFileSync(path, 'utf8').replaceAll('"msg_', '"msg_second_').replaceAll('"req_', '"req_second_'));
    signIn(dir, organization);
  },
);

Given(
  "the proxy carried the scenario's Claude config's answers but each day's last, for organization {string}",
  function (this: TrackerWorld, organization: string) {
    // Each answer once, its fullest copy (Claude Code writes one per content block while it streams), as the proxy
    // saw it: the upstream's request-id as trace_id, the same tokens, the login's account.
    const answers = new Map<string, TranscriptEntry & { requestId: string }>();
    for (const path of listJsonl(join(this.workDir, 'claude-config', 'projects')))
      for (const line of readFileSync(path, 'utf8').split('\n').filter(Boolean)) {
        const read = readClaudeTranscriptLine(line);
        if (!('entry' in read) || !read.entry.requestId) continue;
        const seen = answers.get(read.entry.requestId);
        if (!seen || compareTranscriptCopies(read.entry.tokens, seen.tokens) > 0)
          answers.set(read.entry.requestId, read.entry as TranscriptEntry & { requestId: string });
      }
    // Each day's last answer came from a second terminal, not behind the proxy: only the transcript holds it.
    const ordered = [...answers.values()].sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
    const carried = ordered.filter((answer, index) => ordered[index + 1]?.capturedAt.slice(0, 10) === answer.capturedAt.slice(0, 10));
    const account = fingerprintAccount('organization', organization);
    const rows = carried.map((answer) =>
      stampRow({ agentId: 'main', source: 'proxy', now: () => new Date(answer.capturedAt) }, 'proxy-request', {
        timestamp: answer.capturedAt,
        session_id: answer.session ?? null,
        subagent_id: null,
        backend_provider: 'anthropic',
        model: answer.model ?? null,
        path: '/v1/messages',
        prompt_tokens: answer.tokens.input,
        completion_tokens: answer.tokens.output,
        cache_read_tokens: answer.tokens.cache_read,
        cache_creation_tokens: answer.tokens.cache_creation,
        latency_ms: 900,
        status: 200,
        error_type: null,
        trace_id: answer.requestId,
        account,
      }),
    );
    this.withLedgerEnv(() => appendRows(this.dataDir, LEDGER_FILES.proxyTelemetry, rows, { agentId: 'main', source: 'proxy' }));
  },
);
