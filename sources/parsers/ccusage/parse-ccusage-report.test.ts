import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCcusageReport } from './parse-ccusage-report.js';

const real = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', 'test-fixtures', 'real', `ccusage-20.0.24-${name}.json`), 'utf8');

describe('parseCcusageReport on reports the real ccusage 20.0.24 wrote', () => {
  it.each([
    ['claude-daily', 'claude daily', 'claude', 2512],
    ['claude-weekly', 'claude weekly', 'claude', 2512],
    ['claude-monthly', 'claude monthly', 'claude', 2512],
    ['claude-session', 'claude session', 'claude', 2512],
    ['claude-blocks', 'claude blocks', 'claude', 2512],
    ['codex-daily', 'codex daily', 'codex', 1209],
    ['codex-monthly', 'codex monthly', 'codex', 1209],
    ['codex-session', 'codex session', 'codex', 1209],
  ])('%s', (name, report, provider, total) => {
    const parsed = parseCcusageReport(real(name));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.report).toBe(report);
    expect(parsed.value.entries.map((entry) => entry.provider)).toEqual([provider]);
    expect(parsed.value.entries.reduce((sum, entry) => sum + entry.tokens.total, 0)).toBe(total);
    if (parsed.value.totalTokens !== null) expect(parsed.value.totalTokens).toBe(total);
  });

  it('reads the Claude tokens field by field', () => {
    const parsed = parseCcusageReport(real('claude-daily'));
    expect(parsed.ok && parsed.value.entries[0]?.tokens).toEqual({
      total: 2512,
      input: 1500,
      output: 12,
      cache_read: 700,
      cache_creation: 300,
    });
  });

  it('refuses a unified report that mixes agents, unless told the provider', () => {
    const mixed = parseCcusageReport(real('all-daily'));
    expect(mixed).toEqual({
      ok: false,
      issues: [
        {
          message:
            'daily[0].agent: the unified report mixes claude, codex; ingest `ccusage claude …` and `ccusage codex …` separately, or pass --provider',
        },
      ],
    });
    const forced = parseCcusageReport(real('all-weekly'), { provider: 'mixed' });
    expect(forced.ok && forced.value.entries[0]).toMatchObject({ provider: 'mixed', tokens: { total: 3721 } });
    // Session entries name their own agent, so they need no --provider.
    const sessions = parseCcusageReport(real('all-session'));
    expect(sessions.ok && sessions.value.entries.map((entry) => [entry.provider, entry.tokens.total]).sort()).toEqual([
      ['claude', 2512],
      ['codex', 1209],
    ]);
    // --provider names only what mixes agents; an entry that names its agent keeps it.
    const named = parseCcusageReport(real('all-session'), { provider: 'team' });
    expect(named.ok && named.value.entries.map((entry) => entry.provider).sort()).toEqual(['claude', 'codex']);
  });

  it("refuses an agent's own report given another agent's --provider, naming both, and takes its own", () => {
    expect(parseCcusageReport(real('claude-daily'), { provider: 'codex' })).toEqual({
      ok: false,
      issues: [
        {
          message:
            "--provider codex, but this is a claude report (ccusage claude daily: totalCost, models claude-opus-5-5): --provider only names the provider of a unified report that mixes agents; drop it to record this one as claude's",
        },
      ],
    });
    expect(parseCcusageReport(real('codex-session'), { provider: 'claude' })).toMatchObject({
      ok: false,
      issues: [
        {
          message: expect.stringMatching(
            /^--provider claude, but this is a codex report \(ccusage codex session: costUSD, models gpt-5-codex\)/,
          ),
        },
      ],
    });
    expect(parseCcusageReport(real('claude-blocks'), { provider: 'glm' })).toMatchObject({
      ok: false,
      issues: [
        { message: expect.stringContaining('this is a claude report (ccusage claude blocks: 5-hour blocks, models claude-opus-5-5)') },
      ],
    });
    const own = parseCcusageReport(real('claude-daily'), { provider: 'claude' });
    expect(own.ok && own.value.entries.map((entry) => entry.provider)).toEqual(['claude']);
  });

  it('names a renamed field instead of guessing', () => {
    const renamed = real('claude-daily').replace('"totalTokens"', '"tokensTotal"');
    expect(parseCcusageReport(renamed)).toEqual({
      ok: false,
      issues: [{ message: 'daily[0].totalTokens: Invalid input: expected number, received undefined' }],
    });
    expect(parseCcusageReport('{"days": []}')).toMatchObject({
      ok: false,
      issues: [{ message: expect.stringContaining('expected one of daily, weekly, monthly, sessions, session, blocks') }],
    });
    expect(parseCcusageReport('{oops')).toMatchObject({ ok: false });
  });
});
