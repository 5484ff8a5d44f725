// Every agent CLI is one complete registry entry: its driver and version probe, its stream's usage, its OTel names.
import { describe, expect, it } from 'vitest';
import { findDriverCli, findDriverProtocol, listProviders } from '../ledger/vocabulary/index.js';
import { planAnswerContent } from '../model-server/answer-content.js';
import { buildSolverStep } from '../model-server/solver/build-solver-step.js';
import { DEFAULT_SOLVER_PROFILE } from '../model-server/solver/solver-profiles.js';
import { AGENT_CLIS, type AgentCli, checkAgentCliComplete, DRIVER_NAMES } from '../runner/index.js';
import { listOtelUsageEvents } from '../sources/parsers/otlp/index.js';

const entries = Object.entries(AGENT_CLIS) as [string, AgentCli][];
const file = { rel: 'src/a.js', content: 'export {};\n' };

describe.each(entries)('the agent CLI %s', (name, cli) => {
  it('has every piece: its driver and version probe, a stream reader, an OTel usage event, a write tool and names', () => {
    expect(checkAgentCliComplete(name, cli)).toEqual([]);
  });
  it('reads a stream of its own agent, and its OpenTelemetry event is one the OTLP receiver reads tokens from', () => {
    expect(cli.readUsage().agent).toBe(name);
    expect(listOtelUsageEvents()).toContain(cli.otelUsageEvent);
    expect(findDriverCli(name)?.otelService).toBeInstanceOf(RegExp);
  });
  it('is answered by the scripted solver with the tool it offers', () => {
    const api = findDriverProtocol(name);
    const step = buildSolverStep({ kind: 'write', taskId: 't', round: 0, file, files: [file] }, api, DEFAULT_SOLVER_PROFILE, '/w');
    const played = planAnswerContent(step, api, { cwd: '/w', toolNames: [cli.writeTool] });
    expect(played.toolCall?.name).toBe(cli.writeTool);
  });
});

describe('the registry', () => {
  it('has an entry for every driver but the scripted agent, and for every CLI a provider declares', () => {
    const declared = listProviders({ declared: [], listed: [] }).flatMap((provider) => (provider.cli?.driver ? [provider.cli.driver] : []));
    const names = entries.map(([name]) => name).sort();
    expect(names).toEqual(DRIVER_NAMES.filter((name) => name !== 'scripted').sort());
    expect(names).toEqual(expect.arrayContaining(declared));
  });
  it('names what an entry lacks: a usage reader, a version probe, an OTel event, names no descriptor gives', () => {
    const { readUsage: _reader, ...withoutReader } = AGENT_CLIS.codex;
    const withoutProbe = { ...AGENT_CLIS.gemini, driver: { ...AGENT_CLIS.gemini.driver, readVersion: undefined } };
    expect(checkAgentCliComplete('codex', withoutReader).map((gap) => gap.field)).toEqual(['readUsage']);
    expect(checkAgentCliComplete('gemini', withoutProbe as unknown as AgentCli).map((gap) => gap.field)).toEqual(['driver.readVersion']);
    expect(checkAgentCliComplete('codex', { ...AGENT_CLIS.codex, otelUsageEvent: '' }).map((gap) => gap.field)).toEqual(['otelUsageEvent']);
    const renamed = { ...AGENT_CLIS.codex, driver: { ...AGENT_CLIS.codex.driver, name: 'aider' } } as unknown as AgentCli;
    expect(checkAgentCliComplete('aider', renamed).map((gap) => gap.field)).toEqual(['names']);
  });
});
