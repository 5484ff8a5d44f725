// Tests the top-level model finder against bodies where "model" also appears nested or inside strings.
import { describe, expect, it } from 'vitest';
import { findModelField, replaceModel } from './find-model-field.js';

const find = (text: string) => findModelField(Buffer.from(text))?.model ?? null;

describe('findModelField', () => {
  it('finds the model wherever it sits at the top level', () => {
    expect(find('{"model":"claude-haiku-4-5","max_tokens":1}')).toBe('claude-haiku-4-5');
    expect(find(' {\n  "stream": true,\n  "model" : "gpt-5-codex"\n}')).toBe('gpt-5-codex');
  });

  it('ignores "model" keys nested deeper and the word inside strings', () => {
    const body = JSON.stringify({
      messages: [{ role: 'user', content: 'say "model": "evil" \\" {' }],
      metadata: { model: 'nested' },
      model: 'real',
    });
    expect(find(body)).toBe('real');
    expect(find('{"messages":[{"model":"nested"}]}')).toBeNull();
  });

  it('takes the last of repeated model keys, as JSON parsers do, and escaped key spellings', () => {
    expect(find('{"model":"claude-haiku-x","messages":[],"model":"claude-opus"}')).toBe('claude-opus');
    expect(find('{"mod\\u0065l":"claude-opus"}')).toBe('claude-opus');
    expect(find('{"model":"a","model":42}')).toBeNull();
  });

  it('decodes escapes in the model name and refuses non-string models', () => {
    expect(find('{"model":"a\\u002db"}')).toBe('a-b');
    expect(find('{"model":42}')).toBeNull();
    expect(find('[{"model":"x"}]')).toBeNull();
    expect(find('{"model":"unterminated')).toBeNull();
    expect(find('')).toBeNull();
  });

  it('splices a new model in and leaves every other byte as it was', () => {
    const body = Buffer.from('{"system":"be \\"brief\\"","model":"claude-haiku-4-5","messages":[]}');
    const field = findModelField(body);
    expect(field).not.toBeNull();
    const rewritten = replaceModel(body, field!, 'glm-4.5-air');
    expect(rewritten.toString()).toBe('{"system":"be \\"brief\\"","model":"glm-4.5-air","messages":[]}');
    expect(JSON.parse(rewritten.toString()).model).toBe('glm-4.5-air');
  });
});
