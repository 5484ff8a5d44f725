// Published list prices (USD per million tokens) for the models the experiments use; an override file can replace any.
import type { ModelPrice } from './model-price.js';

/*
 * Sources, looked up on 2026-11-21 (re-check before trusting a cost; override with --prices FILE):
 * - Anthropic: https://platform.claude.com/docs/en/about-claude/pricing ("Model pricing": base input,
 *   5m cache writes, cache hits, output; "Long context pricing" for Sonnet 4 / 4.5 above 200K input) and the
 *   model pages (https://platform.claude.com/docs/about-claude/models/whats-new-opus-5 lists Opus 5.5 at
 *   $4/$20, Sonnet 5.5 at $2/$10, Haiku 5.5 "from $0.10/$0.50"). Opus 5.5 and Haiku 5.5 cache rates and
 *   Haiku 5.5's 100K-prompt tier, and Sonnet 5.5's cache-read cut to $0.10 on 2026-10-07, are as quoted
 *   from that page by the claudit v1.8.2 / v1.9.2 and PromptFuel v1.0.23 release notes (GitHub, Sept-Oct 2026).
 *   cache_creation is the 5-minute write price (Claude Code's default TTL); 1-hour writes cost more.
 * - Z.ai GLM: https://docs.z.ai/guides/overview/pricing as quoted by ccusage commit 72e2372 (glm-4.5/4.6:
 *   $0.6/$2.2, cached input $0.11), docs.z.ai/guides/llm pages via opencode.ai's model data (glm-4.5-air:
 *   $0.2/$1.1, cached $0.03) and a 2026-09 direct read of the page (GLM-5.3 $1.40/$4.40). Z.ai's FAQ
 *   (https://docs.z.ai/help/faq) says cache storage is currently free: cache_creation is 0.
 *   Not listed (sources disagree): glm-5.1, glm-4.7-flash.
 * - OpenAI: https://developers.openai.com/api/docs/pricing and model pages (gpt-5-nano: $0.05 / cached
 *   $0.005 / $0.40; gpt-5-codex: $1.25 / $0.125 / $10), GPT-5.1/5.2/5.4 as quoted from the official pages by
 *   benchlm.ai (2026-04-13), GPT-5.5 by morphllm.com (2026-06), gpt-5.2/5.3-codex by GitHub's Copilot
 *   models-and-pricing table. OpenAI charges no cache writes (cache_creation 0); cache_read is its "cached
 *   input" price. Not listed (one source only): the gpt-5.6 family.
 * - Google Gemini: https://ai.google.dev/gemini-api/docs/pricing (paid tier, text), as copied from the page into
 *   dalisys/landingAi's api-pricing.md (2.5 Flash $0.30/$2.50 cached $0.03, 2.5 Flash-Lite $0.10/$0.40 cached $0.01,
 *   3 Pro Preview $2/$12, $4/$18 above 200K) and several price tables on GitHub (2.5 Pro $1.25/$10, $2.50/$15 above
 *   200K; 3 Flash Preview $0.50/$3). Output includes thinking tokens. Context caching is 10% of the input price on the
 *   2.5 and 3 families (the Flash figures above; 2.5 Pro's older $0.31 is quoted by some tables); cache storage per hour
 *   is not a token price and not counted. No cache writes (cache_creation 0). Gemini CLI's own router model
 *   (gemini-3.5-flash-lite, seen on loopback) is listed nowhere: not priced.
 * Keys are exact model names, matched after dropping a provider prefix, a date suffix and "[1m]" (see
 * price-table.ts): a model not listed has no price, never a neighbour's.
 */
const claude = (input: number, output: number, cacheCreation: number, cacheRead: number): ModelPrice => ({
  input,
  output,
  cache_creation: cacheCreation,
  cache_read: cacheRead,
});
const glm = (input: number, output: number, cacheRead: number): ModelPrice => ({ input, output, cache_read: cacheRead, cache_creation: 0 });
const gemini = (
  input: number,
  output: number,
  cacheRead: number,
  long?: { input: number; output: number; cacheRead: number },
): ModelPrice => ({
  input,
  output,
  cache_read: cacheRead,
  cache_creation: 0,
  ...(long
    ? { long_prompt: { threshold_tokens: 200_000, input: long.input, output: long.output, cache_read: long.cacheRead, cache_creation: 0 } }
    : {}),
});
const openai = (input: number, output: number, cacheRead?: number): ModelPrice => ({
  input,
  output,
  ...(cacheRead === undefined ? {} : { cache_read: cacheRead }),
  cache_creation: 0,
});

const sonnet4 = {
  ...claude(3, 15, 3.75, 0.3),
  long_prompt: { threshold_tokens: 200_000, input: 6, output: 22.5, cache_creation: 7.5, cache_read: 0.6 },
};
const opus45 = claude(5, 25, 6.25, 0.5);
const opus4 = claude(15, 75, 18.75, 1.5);

export const DEFAULT_PRICES: Record<string, ModelPrice> = {
  'claude-fable-5-1': claude(10, 50, 12.5, 0.25),
  'claude-fable-5': claude(10, 50, 12.5, 1),
  'claude-opus-5-5': claude(4, 20, 5, 0.2),
  'claude-opus-5': opus45,
  'claude-opus-4-8': opus45,
  'claude-opus-4-7': opus45,
  'claude-opus-4-6': opus45,
  'claude-opus-4-5': opus45,
  'claude-opus-4-1': opus4,
  'claude-opus-4': opus4,
  'claude-opus-4-0': opus4,
  'claude-sonnet-5-5': claude(2, 10, 2.5, 0.1),
  'claude-sonnet-5': claude(2, 10, 2.5, 0.2),
  'claude-sonnet-4-6': claude(3, 15, 3.75, 0.3),
  'claude-sonnet-4-5': sonnet4,
  'claude-sonnet-4': sonnet4,
  'claude-sonnet-4-0': sonnet4,
  'claude-3-7-sonnet': claude(3, 15, 3.75, 0.3),
  'claude-haiku-5-5': {
    ...claude(0.1, 0.5, 0.125, 0.01),
    long_prompt: { threshold_tokens: 100_000, input: 0.5, output: 2.5, cache_creation: 0.625, cache_read: 0.05 },
  },
  'claude-haiku-4-5': claude(1, 5, 1.25, 0.1),
  'claude-3-5-haiku': claude(0.8, 4, 1, 0.08),
  'claude-3-haiku': claude(0.25, 1.25, 0.3, 0.03),
  'glm-5.3': glm(1.4, 4.4, 0.26),
  'glm-5.2': glm(1.4, 4.4, 0.26),
  'glm-5-turbo': glm(1.2, 4, 0.24),
  'glm-5': glm(1, 3.2, 0.2),
  'glm-4.7': glm(0.6, 2.2, 0.11),
  'glm-4.6': glm(0.6, 2.2, 0.11),
  'glm-4.5': glm(0.6, 2.2, 0.11),
  'glm-4.5-air': glm(0.2, 1.1, 0.03),
  'glm-4.5-flash': glm(0, 0, 0),
  'gpt-5.5': openai(5, 30, 0.5),
  'gpt-5.4': openai(2.5, 15, 0.25),
  'gpt-5.4-mini': openai(0.75, 4.5, 0.075),
  'gpt-5.4-nano': openai(0.2, 1.25, 0.02),
  'gpt-5.3-codex': openai(1.75, 14, 0.175),
  'gpt-5.2-codex': openai(1.75, 14, 0.175),
  'gpt-5.2': openai(1.75, 14, 0.175),
  'gpt-5.1': openai(1.25, 10, 0.125),
  'gpt-5': openai(1.25, 10, 0.125),
  'gpt-5-codex': openai(1.25, 10, 0.125),
  'gpt-5-mini': openai(0.25, 2, 0.025),
  'gpt-5-nano': openai(0.05, 0.4, 0.005),
  'gpt-5-pro': openai(15, 120),
  'gemini-3-pro-preview': gemini(2, 12, 0.2, { input: 4, output: 18, cacheRead: 0.4 }),
  'gemini-3-flash-preview': gemini(0.5, 3, 0.05),
  'gemini-2.5-pro': gemini(1.25, 10, 0.125, { input: 2.5, output: 15, cacheRead: 0.25 }),
  'gemini-2.5-flash': gemini(0.3, 2.5, 0.03),
  'gemini-2.5-flash-lite': gemini(0.1, 0.4, 0.01),
  // The scripted model server's stand-ins (model-server/), each priced as the model it imitates, so
  // that the cost figures and G3's cost check run on the default, simulated experiment too. Reports mark
  // these providers as simulated; no real model is named here.
  'scripted-claude': sonnet4,
  'scripted-claude-haiku': claude(1, 5, 1.25, 0.1),
  'scripted-claude-glm': sonnet4,
  'scripted-claude-tiny': sonnet4,
  'scripted-claude-glm-haiku': claude(1, 5, 1.25, 0.1),
  'scripted-codex': openai(1.25, 10, 0.125),
  'scripted-codex-haiku': openai(0.25, 2, 0.025),
  'scripted-glm': glm(0.6, 2.2, 0.11),
  'scripted-glm-haiku': glm(0.2, 1.1, 0.03),
  'scripted-glm-air': glm(0.2, 1.1, 0.03),
  'scripted-gemini': gemini(1.25, 10, 0.125, { input: 2.5, output: 15, cacheRead: 0.25 }),
};
