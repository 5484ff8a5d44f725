// A proxy back end's rows belong to the provider whose preset it is; any other back end keeps its name.
import { describe, expect, it } from 'vitest';
import { nameBackendProvider } from './name-backend-provider.js';

describe('nameBackendProvider', () => {
  it("charges each preset's rows to its provider, ChatGPT's login to Codex's account as OpenAI's key is", () => {
    expect(['anthropic', 'openai', 'chatgpt', 'glm'].map(nameBackendProvider)).toEqual(['claude', 'codex', 'codex', 'glm']);
  });
  it('leaves a configured back end its own name', () => {
    expect(nameBackendProvider('kimi')).toBe('kimi');
  });
  it("charges a failover chain's second account at a preset to that preset's provider", () => {
    expect(['anthropic.CLAUDE_B_TOKEN', 'chatgpt.OPENAI_KEY_B', 'glm.ZAI_KEY_2'].map(nameBackendProvider)).toEqual([
      'claude',
      'codex',
      'glm',
    ]);
    expect(['127.0.0.1:8080.SECOND_KEY', 'api.example.com/v1', 'kimi.KIMI_KEY'].map(nameBackendProvider)).toEqual([
      '127.0.0.1:8080.SECOND_KEY',
      'api.example.com/v1',
      'kimi.KIMI_KEY',
    ]);
  });
});
