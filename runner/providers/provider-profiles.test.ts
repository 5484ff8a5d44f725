// Provider profiles: the built-in ChatGPT-login Codex, and the rules that keep a ChatGPT login on the ChatGPT back end.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, createProviderProfileSchema, loadProfiles } from './provider-profiles.js';
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';

describe('codex-chatgpt', () => {
  it('is Codex signed in with ChatGPT against the ChatGPT back end, its bars from the quota endpoint, no variable passed', () => {
    expect(createProviderProfileSchema(BUILT_IN_CATALOG).parse(BUILTIN_PROFILES['codex-chatgpt'])).toEqual({
      driver: 'codex',
      model: 'gpt-5-codex',
      upstream: 'chatgpt',
      login: 'chatgpt',
      quota: 'codex',
      pass_env: [],
      description: expect.stringContaining('ChatGPT'),
    });
  });

  it('leaves the plain codex profile on an API key: no login file is passed, and no ChatGPT bars are read for it', () => {
    expect(BUILTIN_PROFILES.codex).toMatchObject({ upstream: 'openai', pass_env: ['OPENAI_API_KEY'] });
    expect(BUILTIN_PROFILES.codex?.login).toBeUndefined();
    // A ChatGPT plan's quota endpoint never moves for API-key traffic: reading it would price the arm at $0.
    expect(BUILTIN_PROFILES.codex?.quota).toBeUndefined();
  });

  it('takes a profiles file that points the ChatGPT login at a URL serving the back end (a local mirror, say)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'profiles-')), 'profiles.json');
    const mine = { driver: 'codex', model: 'gpt-5.1-codex', upstream: 'http://127.0.0.1:9000', login: 'chatgpt' };
    writeFileSync(file, JSON.stringify({ providers: { 'codex-pro': mine } }));
    expect(loadProfiles(BUILT_IN_CATALOG, file)['codex-pro']).toMatchObject(mine);
  });
});

describe('a ChatGPT login stays with Codex and the ChatGPT back end', () => {
  const base = { driver: 'codex', model: 'gpt-5-codex', upstream: 'chatgpt', login: 'chatgpt' };

  it.each([
    [{ ...base, driver: 'claude' }, 'login', 'expected driver "codex": only Codex signs in with ChatGPT'],
    [
      { ...base, upstream: 'openai' },
      'upstream',
      'expected "chatgpt" (or a URL serving its paths, or "scripted") with login "chatgpt", got "openai"',
    ],
    [{ driver: 'codex', model: 'gpt-5-codex', upstream: 'chatgpt' }, 'login', 'expected login "chatgpt" with upstream "chatgpt"'],
    [{ ...base, login: 'apikey' }, 'login', ''],
  ])('refuses %j at %s', (profile, field, message) => {
    const parsed = createProviderProfileSchema(BUILT_IN_CATALOG).safeParse(profile);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([field]);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });

  it('keeps the login when the run sends every provider to the scripted server', () => {
    expect(createProviderProfileSchema(BUILT_IN_CATALOG).safeParse({ ...base, upstream: 'scripted' }).success).toBe(true);
  });
});

describe('a Google login stays with Gemini CLI and Code Assist', () => {
  const base = { driver: 'gemini', model: 'gemini-2.5-pro', upstream: 'code-assist', login: 'google' };

  it('is the built-in gemini-google: its plan google-ai-pro, its bars from the Code Assist quota', () => {
    expect(createProviderProfileSchema(BUILT_IN_CATALOG).parse(BUILTIN_PROFILES['gemini-google'])).toMatchObject({
      ...base,
      quota: 'gemini',
      plan: 'google-ai-pro',
    });
    expect(createProviderProfileSchema(BUILT_IN_CATALOG).safeParse({ ...base, upstream: 'scripted' }).success).toBe(true);
    expect(createProviderProfileSchema(BUILT_IN_CATALOG).safeParse({ ...base, upstream: 'http://127.0.0.1:9000' }).success).toBe(true);
  });

  it.each([
    [{ ...base, driver: 'claude' }, 'login', 'expected driver "gemini": only Gemini CLI signs in with Google'],
    [{ ...base, upstream: 'gemini' }, 'upstream', 'expected login "google" with upstream "code-assist"'],
    [
      { driver: 'gemini', model: 'gemini-2.5-pro', upstream: 'code-assist' },
      'login',
      'expected login "google" with upstream "code-assist"',
    ],
  ])('refuses %j at %s', (profile, field, message) => {
    const parsed = createProviderProfileSchema(BUILT_IN_CATALOG).safeParse(profile);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([field]);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });
});

describe('billing per token', () => {
  it('is what the plain codex and gemini profiles are, and the gemini profile drives Gemini CLI through its preset', () => {
    expect(BUILTIN_PROFILES.codex?.billing).toBe('per-token');
    expect(createProviderProfileSchema(BUILT_IN_CATALOG).parse(BUILTIN_PROFILES.gemini)).toMatchObject({
      driver: 'gemini',
      upstream: 'gemini',
      billing: 'per-token',
      pass_env: ['GEMINI_API_KEY'],
    });
  });

  it.each([
    [{ plan: 'chatgpt-plus' }, 'expected no plan with billing "per-token"'],
    [{ quota: 'codex' }, 'expected no quota with billing "per-token"'],
  ])('refuses %j beside it, at billing', (extra, message) => {
    const parsed = createProviderProfileSchema(BUILT_IN_CATALOG).safeParse({
      driver: 'codex',
      model: 'gpt-5-codex',
      upstream: 'openai',
      billing: 'per-token',
      ...extra,
    });
    expect(parsed.error?.issues[0]?.path).toEqual(['billing']);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });

  it('takes every proxy preset as an upstream, gemini included, and refuses a name that is none', () => {
    expect(
      createProviderProfileSchema(BUILT_IN_CATALOG).safeParse({ driver: 'gemini', model: 'gemini-2.5-flash', upstream: 'gemini' }).success,
    ).toBe(true);
    expect(
      createProviderProfileSchema(BUILT_IN_CATALOG).safeParse({ driver: 'gemini', model: 'gemini-2.5-flash', upstream: 'google' }).success,
    ).toBe(false);
  });
});

describe('a profile sends its driver only to a back end of its protocol (a review found one that did not)', () => {
  it.each([
    [{ driver: 'codex', model: 'gpt-5-codex', upstream: 'gemini', login: 'chatgpt' }, ['upstream'], 'with login "chatgpt"'],
    [{ driver: 'claude', model: 'claude-sonnet-4-5', upstream: 'gemini' }, ['upstream'], 'which speaks gemini-generate-content'],
    [
      { driver: 'gemini', model: 'gemini-2.5-pro', upstream: 'anthropic' },
      ['upstream'],
      'expected a back end that agent CLI gemini speaks (gemini-generate-content, code-assist), got "anthropic", provider claude',
    ],
    [
      { driver: 'claude', model: 'claude-sonnet-4-5', upstream: 'anthropic', subagents: { upstream: 'openai', model: 'gpt-5-nano' } },
      ['subagents', 'upstream'],
      'which speaks openai-responses',
    ],
  ])('refuses %j at %j', (profile, path, message) => {
    const parsed = createProviderProfileSchema(BUILT_IN_CATALOG).safeParse(profile);
    expect(parsed.error?.issues[0]?.path).toEqual(path);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });

  it('keeps every built-in profile, and a URL or the scripted server for any driver', () => {
    for (const profile of Object.values(BUILTIN_PROFILES))
      expect(createProviderProfileSchema(BUILT_IN_CATALOG).safeParse(profile).success).toBe(true);
    expect(
      createProviderProfileSchema(BUILT_IN_CATALOG).safeParse({ driver: 'claude', model: 'm', upstream: 'https://gateway.example' })
        .success,
    ).toBe(true);
  });
});
