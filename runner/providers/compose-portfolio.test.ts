// A failover portfolio named by its chain: A's agent and subscription, moving to B's; bad chains refused naming the entry.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { loadProfiles, pickProfiles } from './provider-profiles.js';

const profiles = loadProfiles(BUILT_IN_CATALOG);

describe('a failover portfolio (A>B)', () => {
  it("is A's profile whose failover goes to B's back end, model, quota and plan", () => {
    const portfolio = pickProfiles(profiles, ['sim-claude-tiny>sim-glm']).get('sim-claude-tiny>sim-glm');
    expect(portfolio).toMatchObject({
      driver: 'scripted',
      model: 'scripted-claude-tiny',
      upstream: 'scripted',
      quota: 'claude',
      plan: 'sim-max',
      failover: { upstream: 'scripted', model: 'scripted-glm', provider: 'sim-glm', quota: 'glm', plan: 'sim-lite' },
    });
  });

  it('takes real profiles of one API: Claude Code on its plan, moving to the GLM coding plan', () => {
    expect(pickProfiles(profiles, ['claude>glm']).get('claude>glm')).toMatchObject({
      driver: 'claude',
      upstream: 'anthropic',
      failover: { upstream: 'glm', model: 'glm-4.6', provider: 'glm', quota: 'glm' },
    });
  });

  it.each([
    ['claude>glx', 'no profile for provider "glx" (did you mean glm?)'],
    [
      'claude>codex-chatgpt',
      "codex-chatgpt's back end speaks openai-responses, but claude's agent (driver claude) speaks anthropic-messages",
    ],
    ['claude>glm>sim-glm', 'expected a portfolio of two providers'],
    ['claude>claude', 'claude appears twice: a failover portfolio cannot loop'],
    ['claude>codex', 'codex is billed per token'],
    ['claude+glm>glm', 'claude+glm already sends some of its requests to a second subscription'],
  ])('refuses %s, naming it', (id, message) => {
    expect(() => pickProfiles(profiles, [id])).toThrow(message);
    try {
      pickProfiles(profiles, [id]);
    } catch (error) {
      expect((error as { where?: string }).where).toBe(`--providers ${id}`);
    }
  });

  it('refuses two portfolios in one run: the run proxy holds one chain', () => {
    expect(() => pickProfiles(profiles, ['sim-claude-tiny>sim-glm', 'sim-claude>sim-glm'])).toThrow(
      'sim-claude-tiny>sim-glm and sim-claude>sim-glm are both failover portfolios',
    );
  });

  it('leaves an id without ">" to the profiles as before', () => {
    expect(() => pickProfiles(profiles, ['nope'])).toThrow('no profile for provider "nope"');
  });
});
