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
});
