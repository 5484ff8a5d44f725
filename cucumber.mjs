// cucumber-js settings: Gherkin specs in features/ (cucumber's default paths, so `cucumber-js FILE` runs FILE alone),
// steps compiled to dist/step-definitions. Profiles: the default leaves out @e2e (real CLIs; `npm run test:e2e`).
const common = {
  import: ['dist/step-definitions/**/*.js'],
  // The summary, then the slowest scenarios of the run: where a phase's time went (scripts/cucumber/slowest-scenarios.mjs).
  // One formatter: cucumber keeps one per stream (['progress', 'summary'] printed the summary alone).
  format: ['./scripts/cucumber/slowest-scenarios.mjs'],
  strict: true,
};

export default { ...common, tags: 'not @e2e' };
/** The ten invariants alone: the gate `npm test` runs first (`npm run test:invariants`). */
export const invariants = { ...common, tags: '@invariant and not @e2e' };
/** Everything else but the real clients: `npm test` runs it after the gate and the unit tests. */
export const rest = { ...common, tags: 'not @invariant and not @e2e' };
/** The real, pinned claude, codex and ccusage in a loopback-only namespace (scripts/e2e/run-e2e.sh). */
export const e2e = { ...common, tags: '@e2e' };
/**
 * The invariants again with the ledger in PostgreSQL (a throwaway cluster, a database a scenario): every command
 * gets TRACKER_LEDGER_URL. `@files-only` marks scenarios about the JSONL files themselves (torn tails, bytes on disk).
 */
export const invariantsPostgres = {
  ...common,
  tags: '@invariant and not @e2e and not @files-only',
  worldParameters: { ledger: 'postgres' },
};
