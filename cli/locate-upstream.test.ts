// A profile's upstream becomes the run proxy's back end: every declared preset by name, a URL as it is.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { locateUpstream } from './locate-upstream.js';

describe('locateUpstream', () => {
  it('names each preset the descriptors declare, gemini included (it went out as the URL "gemini")', () => {
    for (const preset of ['anthropic', 'openai', 'chatgpt', 'glm', 'gemini'])
      expect(locateUpstream(preset, null, BUILT_IN_CATALOG)).toEqual({ preset });
    expect(locateUpstream('https://api.kimi.com/coding', null, BUILT_IN_CATALOG)).toEqual({ url: 'https://api.kimi.com/coding' });
  });
});
