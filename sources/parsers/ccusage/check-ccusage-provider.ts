// Whether `--provider` agrees with the agent a ccusage report is of: a Claude report given `--provider codex` is refused.

/** What each agent's report carries in its entries, for the line that says what the file looks like. */
const SHAPES = { totalCost: 'totalCost', costUSD: 'costUSD', blocks: '5-hour blocks' } as const;

/**
 * Null when no provider was given or it is the report's own agent; else the one line refusing it. An agent's report
 * (`ccusage claude …`, `ccusage codex …`) is that agent's whatever `--provider` says, which only names the provider of
 * a unified report that mixes agents: recording it under another name would be a silent mislabel.
 */
export function checkReportProvider(
  provider: string | undefined,
  report: { owner: string; name: string; shape: keyof typeof SHAPES; items: readonly unknown[] },
): string | null {
  if (provider === undefined || provider === report.owner) return null;
  const models = listModels(report.items);
  const shown = models.length === 0 ? '' : `, models ${models.slice(0, 3).join(', ')}${models.length > 3 ? ', …' : ''}`;
  return `--provider ${provider}, but this is a ${report.owner} report (ccusage ${report.name}: ${SHAPES[report.shape]}${shown}): --provider only names the provider of a unified report that mixes agents; drop it to record this one as ${report.owner}'s`;
}

/** The models the entries name, in order, once each: `modelsUsed` (Claude), the keys of `models` (Codex), `models` (blocks). */
function listModels(items: readonly unknown[]): string[] {
  const models = new Set<string>();
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const { modelsUsed, models: named } = item as { modelsUsed?: unknown; models?: unknown };
    const list = Array.isArray(modelsUsed)
      ? modelsUsed
      : Array.isArray(named)
        ? named
        : typeof named === 'object' && named !== null
          ? Object.keys(named)
          : [];
    for (const model of list) if (typeof model === 'string' && model !== '') models.add(model);
  }
  return [...models];
}
