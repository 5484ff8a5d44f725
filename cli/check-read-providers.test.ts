// A read command's unknown provider ids and foreign plans are refused in one line, with the closest known name.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPlanTable } from '../budget/index.js';
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { checkReadProviders } from './check-known-provider.js';
import { checkPlanProvider } from './resolve-subscriptions.js';

describe('checkReadProviders', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'read-providers-'));
  writeFileSync(join(dataDir, 'windows.jsonl'), '{"kind":"window","provider":"sim-codex"}\n');

  it('takes the catalog ids, their profiles, accounts of them and ids the ledger has rows of', () => {
    expect(() =>
      checkReadProviders(
        BUILT_IN_CATALOG,
        dataDir,
        ['claude', 'gemini', 'codex-chatgpt', 'claude@acct-0123456789', 'sim-codex'],
        '--provider',
      ),
    ).not.toThrow();
  });

  it('refuses a typo with "did you mean", and an account not of the form', () => {
    expect(() => checkReadProviders(BUILT_IN_CATALOG, dataDir, ['gemni'], '--provider')).toThrow(
      /no provider "gemni" in the catalog or this data dir \(did you mean gemini\?\)/,
    );
    expect(() => checkReadProviders(BUILT_IN_CATALOG, dataDir, ['claud'], '--plan')).toThrow(/did you mean claude\?/);
    expect(() => checkReadProviders(BUILT_IN_CATALOG, dataDir, ['gemni@acct-0123456789'], '--provider')).toThrow(
      /"gemni" .*did you mean gemini/,
    );
    expect(() => checkReadProviders(BUILT_IN_CATALOG, dataDir, ['claude@acct-12'], '--provider')).toThrow(
      '"claude@acct-12" is not an account: an account is PROVIDER@acct- and 10 hex digits',
    );
  });
});

describe('checkPlanProvider', () => {
  const table = createPlanTable(BUILT_IN_CATALOG);

  it("refuses another vendor's plan, naming both, and lets its own and unclaimed ones through", () => {
    expect(() => checkPlanProvider(BUILT_IN_CATALOG, table, 'claude', 'chatgpt-plus')).toThrow(
      "plan chatgpt-plus is codex's, not claude's: claude's plans are claude-pro, claude-max-5x, claude-max-20x",
    );
    expect(() => checkPlanProvider(BUILT_IN_CATALOG, table, 'codex', 'claude-max-20x')).toThrow(/is claude's, not codex's/);
    expect(() => checkPlanProvider(BUILT_IN_CATALOG, table, 'claude', 'claude-max-20x')).not.toThrow();
    expect(() => checkPlanProvider(BUILT_IN_CATALOG, table, 'codex-chatgpt', 'chatgpt-plus')).not.toThrow();
    expect(() => checkPlanProvider(BUILT_IN_CATALOG, table, 'sim-codex', 'chatgpt-pro')).not.toThrow();
    expect(() => checkPlanProvider(BUILT_IN_CATALOG, table, 'claude', 'sim-max')).not.toThrow();
  });
});
