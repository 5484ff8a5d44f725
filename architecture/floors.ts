// The house rules as data: which folder sits on which floor, and what each floor may not touch.

/** Imports point down: a module may import its own folder, a folder on a lower floor, or a sideways folder named below. */
export const FLOORS: Record<string, number> = {
  kernel: 0,
  ledger: 1,
  budget: 2,
  sources: 2,
  runner: 3,
  proxy: 3,
  'model-server': 3,
  reports: 3,
  viewer: 3,
  cli: 4,
};

/** Same-floor imports that are allowed (one direction only, so the folders cannot form a circle). */
export const SIDEWAYS: ReadonlySet<string> = new Set(['budget -> sources', 'viewer -> reports']);

/** Modules that touch no file system, network, process or clock: bytes (or rows) in, a result out. */
export const PURE_GLOBS = ['reports/**', 'sources/parsers/**', 'sources/agents/**'];

/** Module specifiers a pure module may not import. */
export const IMPURE_MODULES = [
  'node:fs',
  'node:fs/promises',
  'fs',
  'fs/promises',
  'fs-ext',
  'node:net',
  'node:http',
  'node:https',
  'node:http2',
  'node:dgram',
  'node:dns',
  'node:child_process',
  'child_process',
  'node:worker_threads',
  'node:cluster',
  'undici',
  'execa',
];

/** Reading the clock makes a result depend on when it ran: pure modules take `now` as an argument. */
export const CLOCK_READS = [/\bDate\.now\(\)/, /\bnew Date\(\s*\)/, /\bperformance\.now\(\)/, /\bprocess\.hrtime\b/];

/** The kernel imports only Node's own modules (no product module, no package, so no native addon). */
export const KERNEL_ALLOWED = /^node:/;

/** Programs of their own (bins and child entry points) may end their process; everything else throws and lets cli/ decide. */
export const EXIT_ALLOWED_GLOBS = ['cli/**', 'runner/drivers/scripted-agent/main.ts', 'bench/**'];

/**
 * Named sub-faces: a folder's second door, for a part that callers load without the rest (the PostgreSQL ledger and
 * the arm queue pull in `pg`; the schemas and quota parsers are pure and light; the store, state, readings,
 * scanners, vocabulary, preview, gates, statusline and headroom faces are what the per-prompt and per-capture paths load,
 * ADR 0023).
 */
export const SUB_FACES: ReadonlySet<string> = new Set([
  'ledger/schemas/index.ts',
  // The bar kinds alone (no zod): what the status line's headroom needs of the schemas.
  'ledger/schemas/bar-kinds.ts',
  'ledger/pg/index.ts',
  'ledger/store/index.ts',
  'ledger/state/index.ts',
  // The proxy's failover state alone (no zod): what the status line reads on every prompt.
  'ledger/state/failover-state.ts',
  'ledger/windows/index.ts',
  'ledger/readings/index.ts',
  'ledger/scanners/index.ts',
  'ledger/telemetry/index.ts',
  'ledger/otel/index.ts',
  'ledger/vocabulary/index.ts',
  'ledger/runs/index.ts',
  'ledger/evidence/index.ts',
  'reports/preview/index.ts',
  'reports/gates/index.ts',
  'reports/statusline/index.ts',
  'reports/headroom/index.ts',
  'reports/plans/index.ts',
  'sources/parsers/index.ts',
  'sources/parsers/statusline/index.ts',
  // Which account an agent CLI's login is (the status line reads Claude Code's on every prompt).
  'sources/logins/index.ts',
  'budget/logins/index.ts',
  'sources/parsers/otlp/index.ts',
  'budget/prices/index.ts',
  'budget/plans/index.ts',
  'sources/quota/index.ts',
  // The agent CLIs' registry and pure parts: what drivers, profiles and the OTLP receiver ask of a CLI.
  'sources/agents/index.ts',
  'runner/queue/index.ts',
  'proxy/otel/index.ts',
]);

/**
 * Product files (tests and fixtures aside) that may name a built-in provider's id or a protocol's as a string: a ceiling
 * that only comes down. A provider is declared once, in ledger/vocabulary/providers.ts; the files left name
 * them for drivers, quota readers, answer shapes and the G3 arms, each to move into its provider's or protocol's own
 * place. Measured when the descriptors came: codex 30 -> 20 files, claude 22 -> 16, glm 20 -> 17 (the aim is 3);
 * with the proxy's protocols in proxy/protocols/ and the scripted server's, anthropic-messages 17 -> 10 and
 * openai-responses 13 -> 5. With the gemini driver (the driver list and profile no longer spelled out): claude 15,
 * codex 19, glm 16 (locate-upstream names presets by the descriptors); gemini 7 (its driver, profile, usage reader and the
 * scripted server's routes and solver), 8 with the reader of its session files (`"type": "gemini"` marks an answer there).
 * With each protocol's transcript reader declared on it: anthropic-messages 8, openai-responses 4. With each quota
 * endpoint one declared file in sources/quota/kinds/ (URL, credential, request, refusal hints, parser): claude 15 -> 9,
 * codex 19 -> 14, glm 16 -> 14, and Gemini's Code Assist quota added without a new file naming gemini; with the
 * proxy's logins named by the vocabulary (PROFILE_LOGINS), codex 12. With a provider's own files (named for it) counted
 * as its place, and what the rest knew of each moved into the descriptors (screens, ccusage's cost field, the models
 * that are an account, sub-agents, seed 001's seats) or into files of their own (each agent's event reader, each header
 * family, `ingest codex-rollout`): claude 2, codex 2, glm 2, gemini 2, the driver list, the built-in profiles and the
 * scripted server's `usage_style` (the aim is at most 3). With each agent CLI in its own folder (sources/agents/<cli>/,
 * the driver names derived from it): claude 1, codex 1, gemini 1, the built-in profiles alone.
 */
export const PROVIDER_NAME_CEILINGS: Readonly<Record<string, number>> = {
  claude: 1,
  codex: 1,
  glm: 2,
  gemini: 1,
  'anthropic-messages': 8,
  'openai-responses': 4,
  'gemini-generate-content': 3,
};

/** Where providers and protocols are declared, their own places: exempt from the ceilings above. */
export const PROVIDER_PLACES: readonly string[] = [
  'ledger/vocabulary/providers.ts',
  'ledger/vocabulary/protocols.ts',
  'proxy/protocols/',
  'sources/quota/kinds/',
  // Each agent CLI's folder declares the protocols it speaks (and its home provider): what adding a CLI adds.
  'sources/agents/',
];

/**
 * Whether a module is one of this id's own places: a declaring place above, or a folder or file named for it (a word of
 * its name: `runner/drivers/claude-driver.ts`, `sources/ingest/ingest-codex-rollouts.ts`), what adding the provider adds
 * rather than edits.
 */
export function isOwnPlace(path: string, id: string): boolean {
  if (PROVIDER_PLACES.some((place) => path.startsWith(place))) return true;
  return path.split('/').some((part) => {
    const name = part.replace(/\.ts$/, '');
    return name === id || name.startsWith(`${id}-`) || name.endsWith(`-${id}`) || name.includes(`-${id}-`);
  });
}
