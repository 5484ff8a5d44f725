// Script validation: defaults filled in, and one clear line naming the file and the bad key for a bad script.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/index.js';
import { BUILTIN_SCRIPT_NAMES, getBuiltinScript, resolveScript } from './builtin-scripts.js';
import { loadScript, parseScript } from './load-script.js';

function writeScript(value: unknown, raw?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'scripted-'));
  const path = join(dir, 'script.json');
  writeFileSync(path, raw ?? JSON.stringify(value));
  return path;
}

function lineOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).toLine();
  }
  throw new Error('expected an error');
}

describe('parseScript', () => {
  it('fills in the defaults', () => {
    const script = parseScript({ steps: [{ type: 'text', text: 'hi' }] });
    expect(script).toMatchObject({ step_by: 'request', loop: false, usage_style: 'anthropic', count_tokens: 'supported' });
    expect(script.rate_limits.anthropic?.five_hour).toEqual({ start: 0.1, step_per_request: 0.01, reset_in_s: 7200 });
    expect(script.rate_limits.codex?.secondary.window_minutes).toBe(10080);
  });

  it('keeps rate limits switched off with null', () => {
    const script = parseScript({ rate_limits: { anthropic: null }, steps: [{ type: 'text', text: 'hi' }] });
    expect(script.rate_limits.anthropic).toBeNull();
    expect(script.rate_limits.codex).not.toBeNull();
  });

  it.each([
    [
      {
        steps: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
          { type: 'text', text: 'c', usage: { output_tokens: -1 } },
        ],
      },
      'script.json: steps[2].usage.output_tokens: expected a non-negative integer',
    ],
    [
      { steps: [{ type: 'text', text: 'a', usage: { output_tokens: 1.5 } }] },
      'script.json: steps[0].usage.output_tokens: expected a non-negative integer',
    ],
    [{ steps: [{ type: 'speak', text: 'a' }] }, 'script.json: steps[0].type: expected one of text, tool_use, error, disconnect, malformed'],
    [{ steps: [{ type: 'text', text: 'a', colour: 'red' }] }, 'script.json: steps[0].colour: unknown key'],
    [{ stepz: [], steps: [{ type: 'text', text: 'a' }] }, 'script.json: stepz: unknown key'],
    [{ steps: [] }, 'script.json: steps: expected at least one step'],
    [{}, 'script.json: steps: expected a list of steps'],
    [{ steps: [{ type: 'error', status: 200 }] }, 'script.json: steps[0].status: expected an HTTP status from 400 to 599'],
    [{ usage_style: 'openai', steps: [{ type: 'text', text: 'a' }] }, 'script.json: usage_style: expected "anthropic" or "glm"'],
    [
      { rate_limits: { anthropic: { five_hour: { start: 2 } } }, steps: [{ type: 'text', text: 'a' }] },
      'script.json: rate_limits.anthropic.five_hour.start: expected a number from 0 to 1',
    ],
    [{ steps: [{ type: 'tool_use', name: 'Write', input: 'x' }] }, 'script.json: steps[0].input: expected an object of tool arguments'],
  ])('refuses %j with one line', (value, line) => {
    expect(lineOf(() => loadScript(writeScript(value)))).toBe(line);
  });

  it('refuses a file that is not JSON, naming it', () => {
    expect(lineOf(() => loadScript(writeScript(null, '{"steps": [')))).toMatch(/^script\.json: not valid JSON \(/);
  });

  it('says when the file is missing', () => {
    expect(lineOf(() => loadScript('/nonexistent/script.json'))).toBe('/nonexistent/script.json: no such file');
  });
});

describe('built-in scripts', () => {
  it.each(BUILTIN_SCRIPT_NAMES)('%s is valid', (name) => {
    expect(getBuiltinScript(name)?.steps.length).toBeGreaterThan(0);
  });

  it('resolves a name, a file, and refuses an unknown name', () => {
    expect(resolveScript('write-file').step_by).toBe('tool_results');
    expect(resolveScript(writeScript({ name: 'mine', steps: [{ type: 'text', text: 'x' }] })).name).toBe('mine');
    expect(lineOf(() => resolveScript('helo'))).toBe(
      '--script: unknown script "helo": expected one of hello, write-file, flaky, long, bench or a path to a script JSON file',
    );
  });
});
