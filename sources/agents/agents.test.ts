// The agent CLIs apart from providers: their names, the protocols each speaks, and a profile's fit with a provider.
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../kernel/index.js';
import {
  AGENT_CLIS,
  checkProtocolFit,
  findAgentProvider,
  findCliProtocols,
  findProfileProtocol,
  identifyAgent,
  speaksProtocol,
} from './index.js';

describe('the agent CLIs', () => {
  it("name an OpenTelemetry sender's agent as Codex 0.169 and Claude Code name themselves, and its home provider", () => {
    expect(['codex_exec', 'codex-tui', 'codex', 'claude-code', 'codexish', 'gemini-cli'].map(identifyAgent)).toEqual([
      'codex',
      'codex',
      'codex',
      'claude-code',
      'codexish',
      'gemini-cli',
    ]);
    expect(['claude-code', 'codex', 'gemini-cli', 'opencode'].map((agent) => findAgentProvider(agent))).toEqual([
      'claude',
      'codex',
      'gemini',
      null,
    ]);
  });
  it("say the protocols they speak, the default first; the scripted agent speaks Claude Code's; an unknown driver is refused", () => {
    expect(findCliProtocols('codex')).toEqual(['openai-responses']);
    expect(findCliProtocols('claude')).toEqual(['anthropic-messages']);
    expect(findCliProtocols('scripted')).toEqual(['anthropic-messages']);
    expect(() => findCliProtocols('aider', 'profiles.json: providers.x.driver')).toThrow(/no agent CLI "aider".*claude, codex, gemini/);
  });
  it("give a profile the protocol of its login, else its provider's when the CLI speaks it, else the CLI's default", () => {
    expect(findProfileProtocol('gemini', 'google')).toBe('code-assist');
    expect(findProfileProtocol('gemini', undefined, 'gemini-generate-content')).toBe('gemini-generate-content');
    expect(findProfileProtocol('claude', undefined, 'openai-responses')).toBe('anthropic-messages');
    expect(findProfileProtocol('codex', undefined)).toBe('openai-responses');
  });
});

describe('a profile, CLI x provider', () => {
  it("fits a provider no built-in declares when the CLI speaks its protocol (Claude Code on DeepSeek's Anthropic API)", () => {
    expect(speaksProtocol('claude', 'anthropic-messages')).toBe(true);
    expect(() => checkProtocolFit('claude', { id: 'deepseek', protocol: 'anthropic-messages' })).not.toThrow();
  });
  it('is refused with one line naming the CLI, the provider and what each speaks when the CLI cannot speak it', () => {
    let caught: unknown;
    try {
      checkProtocolFit('codex', { id: 'deepseek', protocol: 'anthropic-messages' }, 'providers.json: providers.deepseek.agent.driver');
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught, 'protocol-fit')).toBe(true);
    expect((caught as Error).message).toBe(
      'agent CLI codex speaks openai-responses; provider deepseek speaks anthropic-messages: pair deepseek with a CLI that speaks anthropic-messages',
    );
    expect((caught as { where?: string }).where).toBe('providers.json: providers.deepseek.agent.driver');
  });
  it('has every CLI declare a non-empty protocol list and OpenTelemetry exporter settings', () => {
    for (const cli of Object.values(AGENT_CLIS)) {
      expect(cli.protocols.length).toBeGreaterThan(0);
      const set =
        Object.keys(cli.otel.exporter.buildEnv('http://127.0.0.1:9', {})).length +
        cli.otel.exporter.buildConfig('http://127.0.0.1:9', String).length;
      expect(set).toBeGreaterThan(0);
    }
  });
});
