// Which providers of a data dir are calibrated under another account's name.
import { describe, expect, it } from 'vitest';
import { mapRealAccounts } from './map-real-accounts.js';

const real = 'claude driver, claude-code 2.1.329; capacity: the provider’s quota endpoint';
const simulated = 'SIMULATED: the scripted model server of agent-tracker answers; capacity: the provider’s quota endpoint';

describe('mapRealAccounts', () => {
  it("joins a real run's codex-chatgpt and claude+glm to the accounts your own readings name", () => {
    const windows = [
      { provider: 'codex-chatgpt', methodology: real },
      { provider: 'claude+glm', methodology: real },
      { provider: 'claude', methodology: real },
    ];
    expect(mapRealAccounts(windows, [])).toEqual(
      new Map([
        ['codex-chatgpt', 'codex'],
        ['claude+glm', 'claude'],
      ]),
    );
  });

  it('never joins providers a run sent to the scripted server (each is an account of its own there)', () => {
    const windows = [
      { provider: 'codex-chatgpt', methodology: simulated },
      { provider: 'claude+glm', methodology: simulated },
    ];
    expect(mapRealAccounts(windows, [])).toEqual(new Map());
    // A provider named on the command line with no window at all is taken as real; one no profile names is its own.
    expect(mapRealAccounts([], ['codex-chatgpt', 'toString'])).toEqual(new Map([['codex-chatgpt', 'codex']]));
  });

  it("puts a failover portfolio's own requests on its first member's account, scripted or real", () => {
    const failover = (provider: string) => ({ provider, format: 'quota-glm', route: 'failover' as const });
    const windows = [
      { provider: 'sim-claude-tiny>sim-glm', methodology: simulated, subagent_capacity: failover('sim-glm') },
      { provider: 'codex-chatgpt>glm', methodology: real, subagent_capacity: failover('glm') },
      { provider: 'claude>glm', methodology: real, subagent_capacity: failover('glm') },
      // Sub-agent requests routed elsewhere are not a failover: `claude+glm` keeps its own rule.
      { provider: 'claude+glm', methodology: simulated, subagent_capacity: { provider: 'glm', format: 'quota-glm' } },
    ];
    expect(mapRealAccounts(windows, [])).toEqual(
      new Map([
        ['sim-claude-tiny>sim-glm', 'sim-claude-tiny'],
        ['codex-chatgpt>glm', 'codex'],
        ['claude>glm', 'claude'],
      ]),
    );
  });
});
