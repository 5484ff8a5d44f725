// The scripted agent's config: defaults filled in, bad values refused with what was expected.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../kernel/index.js';
import { loadAgentConfig, parseAgentConfig } from './agent-config.js';
import { makeTempDir } from './test-fixtures/agent-test-helpers.js';

const minimal = { baseUrl: 'http://127.0.0.1:8787/', model: 'm', prompt: 'do it', cwd: '/tmp/work' };

describe('agent config', () => {
  it('fills in the defaults and drops a trailing slash of baseUrl', () => {
    expect(parseAgentConfig(minimal)).toEqual({
      ...minimal,
      baseUrl: 'http://127.0.0.1:8787',
      headers: {},
      maxTurns: 30,
      maxTokens: 8192,
      apiKey: 'dummy',
    });
  });

  it('refuses bad values, naming the field and what was expected', () => {
    expect(() => parseAgentConfig({ ...minimal, baseUrl: 'ftp://x' })).toThrow(/baseUrl: expected an http\(s\) URL/);
    expect(() => parseAgentConfig({ ...minimal, cwd: 'relative' })).toThrow(/cwd: expected an absolute path/);
    expect(() => parseAgentConfig({ ...minimal, maxTurns: 0 })).toThrow(/maxTurns: expected maxTurns, a whole number >= 1/);
    expect(() => parseAgentConfig({ ...minimal, headers: { a: 1 } })).toThrow(/headers\.a: expected a header value, a string/);
    expect(() => parseAgentConfig({ ...minimal, extra: true })).toThrow(/extra: unknown key/);
    const { prompt: _prompt, ...noPrompt } = minimal;
    expect(() => parseAgentConfig(noPrompt)).toThrow(/prompt: expected the prompt, a string/);
  });

  it('loads a file, and says what is wrong with a missing or broken one', () => {
    const temp = makeTempDir('agent-config');
    try {
      const good = join(temp.dir, 'good.json');
      writeFileSync(good, JSON.stringify(minimal));
      expect(loadAgentConfig(good).model).toBe('m');
      const broken = join(temp.dir, 'broken.json');
      writeFileSync(broken, '{');
      expect(() => loadAgentConfig(broken)).toThrow(/expected JSON, got a parse error/);
      try {
        loadAgentConfig(join(temp.dir, 'missing.json'));
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('NOT_FOUND');
      }
    } finally {
      temp.remove();
    }
  });
});
