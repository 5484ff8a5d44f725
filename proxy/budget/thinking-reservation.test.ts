// A thinking budget is reserved with the output cap: before, a Gemini request with maxOutputTokens 100 and thinkingBudget
// 2,000 reserved 100, so under 10,500 output tokens all 50 went out at once and used 105,000.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it, vi } from 'vitest';
import { parseBudgetFlags } from '../../budget/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import { parseScript } from '../../model-server/index.js';
import { useProxyLab } from '../test-fixtures/use-proxy-lab.js';

const lab = useProxyLab();
const LIMIT = 10_500;
/** Each answer's output: 2,000 thought tokens and 100 of text (the scripted server states them as one count). */
const ANSWER = 2_100;

describe('a Gemini thinking budget under a block budget', () => {
  it('is reserved beside maxOutputTokens, so no more go out than the budget holds', async () => {
    const script = parseScript(
      { name: 'thinker', steps: [{ type: 'text', text: 'Done.', delay_ms: 20, usage: { output_tokens: ANSWER } }] },
      'test',
    );
    const rows: TelemetryRow[] = [];
    const policy = parseBudgetFlags(
      { overallTokenBudget: String(LIMIT), budgetMetric: 'output', budgetMode: 'block', budgetWarnAt: 'none' },
      BUILT_IN_CATALOG,
    );
    const { proxy } = await lab.start(script, 'thinking', { onTelemetry: (row) => rows.push(row), budget: { policy } });
    const body = {
      contents: [{ role: 'user', parts: [{ text: 'Think first.' }] }],
      generationConfig: { maxOutputTokens: 100, thinkingConfig: { thinkingBudget: 2_000 } },
    };
    const statuses = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const response = await fetch(`${proxy.url}/v1beta/models/gemini-2.5-pro:generateContent`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-goog-api-key': 'dummy' },
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    const used = rows.filter((row) => row.status === 200).reduce((sum, row) => sum + (row.completion_tokens ?? 0), 0);
    if (process.env.TRACKER_PRINT_OVERSHOOT)
      process.stdout.write(`thinking: ${statuses.filter((s) => s === 200).length} answered, ${used}\n`);
    // Each holds 2,100: five fill the budget, and once they are charged it is spent.
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(used).toBe(LIMIT);
    await vi.waitFor(() => expect(lab.proxy?.budget?.tracker.usage()[0]).toMatchObject({ used: LIMIT, inFlight: 0 }));
  });
});
