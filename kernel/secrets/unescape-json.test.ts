// JSON text read unescaped, and a range of what was read mapped back to whole escapes of the text.
import { describe, expect, it } from 'vitest';
import { unescapeJson } from './unescape-json.js';

describe('unescapeJson', () => {
  it('undoes the escapes of JSON text, twice escaped too', () => {
    expect(unescapeJson(String.raw`a\nb \"c\" \u0041 \\ \/`).text).toBe('a\nb "c" A \\ /');
    const twice = JSON.stringify({ input: JSON.stringify({ command: 'echo "x"\ny' }) });
    expect(unescapeJson(twice).text).toBe('{"input":"{"command":"echo "x"\ny"}"}');
  });

  it('maps a range of the view back to the text, each escape whole', () => {
    const text = String.raw`{"t":"k\nAKIA\u0041B\"x"}`;
    const view = unescapeJson(text);
    const start = view.text.indexOf('AKIA');
    expect(text.slice(...view.toOriginal(start, start + 6))).toBe(String.raw`AKIA\u0041B`);
    expect(text.slice(...view.toOriginal(start - 1, start))).toBe(String.raw`\n`);
    const twice = JSON.stringify({ input: JSON.stringify({ command: 'k\nAKIAB' }) });
    const deep = unescapeJson(twice);
    const at = deep.text.indexOf('AKIAB');
    expect(twice.slice(...deep.toOriginal(at - 1, at + 5))).toBe(String.raw`\\nAKIAB`);
  });

  it('leaves text without escapes as it is', () => {
    const view = unescapeJson(String.raw`C:\path and \d+`);
    expect(view.text).toBe(String.raw`C:\path and \d+`);
    expect(view.toOriginal(2, 5)).toEqual([2, 5]);
  });
});
