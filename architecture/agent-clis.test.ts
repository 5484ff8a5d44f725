// Every agent CLI is one complete entry: its pure parts (sources/agents), its launcher, and a profile that runs it.
import { describe, expect, it } from 'vitest';
import { planAnswerContent } from '../model-server/answer-content.js';
import { buildSolverStep } from '../model-server/solver/build-solver-step.js';
import { DEFAULT_SOLVER_PROFILE } from '../model-server/solver/solver-profiles.js';
import { AGENT_CLIS, BUILTIN_PROFILES, checkAgentCliComplete, DRIVER_NAMES, type RunnableCli } from '../runner/index.js';
import { CLI_IDS } from '../sources/agents/index.js';

const entries = Object.entries(AGENT_CLIS) as [string, RunnableCli][];
const file = { rel: 'src/a.js', content: 'export {};\n' };

describe.each(entries)('the agent CLI %s', (name, cli) => {
  it('has every piece the compiler cannot check: its driver and probe, a stream reader, an OTel event read, an exporter', () => {
    expect(checkAgentCliComplete(name, cli)).toEqual([]);
  });
  it('reads a stream of its own agent', () => {
    expect(cli.readUsage().agent).toBe(name);
  });
  it('is run by a built-in profile: a CLI no profile pairs with a provider is never run', () => {
    expect(Object.values(BUILTIN_PROFILES).map((profile) => profile.driver)).toContain(name);
  });
  it.each(cli.protocols.filter((api) => api !== 'code-assist'))(
    'is answered on %s by the scripted solver with the tool it offers',
    (api) => {
      const step = buildSolverStep({ kind: 'write', taskId: 't', round: 0, file, files: [file] }, api, DEFAULT_SOLVER_PROFILE, '/w');
      const played = planAnswerContent(step, api, { cwd: '/w', toolNames: [cli.writeTool] });
      expect(played.toolCall?.name).toBe(cli.writeTool);
    },
  );
});

describe('the registry', () => {
  it('has a launcher for every CLI sources/agents declares, and a driver name for each and the scripted agent', () => {
    expect(entries.map(([name]) => name).sort()).toEqual([...CLI_IDS].sort());
    expect([...DRIVER_NAMES].sort()).toEqual([...CLI_IDS, 'scripted'].sort());
  });
  it('names what an entry lacks: a usage reader, a version probe, an OTel event the receiver drops, an exporter', () => {
    const { readUsage: _reader, ...withoutReader } = AGENT_CLIS.codex;
    const withoutProbe = { ...AGENT_CLIS.gemini, driver: { ...AGENT_CLIS.gemini.driver, readVersion: undefined } };
    expect(checkAgentCliComplete('codex', withoutReader).map((gap) => gap.field)).toEqual(['readUsage']);
    expect(checkAgentCliComplete('gemini', withoutProbe as unknown as RunnableCli).map((gap) => gap.field)).toEqual(['driver.readVersion']);
    const unread = { ...AGENT_CLIS.codex, otel: { ...AGENT_CLIS.codex.otel, usageEvent: 'kestrel.turn' } };
    expect(checkAgentCliComplete('codex', unread).map((gap) => gap.field)).toEqual(['otel.usageEvent']);
    const silent = {
      ...AGENT_CLIS.claude,
      otel: { ...AGENT_CLIS.claude.otel, exporter: { variables: [], buildEnv: () => ({}), buildConfig: () => [] } },
    };
    expect(checkAgentCliComplete('claude', silent).map((gap) => gap.field)).toEqual(['otel.exporter']);
  });
});
