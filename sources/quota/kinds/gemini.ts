// Gemini's quota on a Google AI plan: Code Assist's `POST v1internal:retrieveUserQuota`, read with Gemini CLI's Google login.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../kernel/index.js';
import { parseGeminiQuota } from '../../parsers/quota/parse-gemini-quota.js';
import { readCredentialFile, readPath } from '../read-credential-file.js';
import { BASE_HEADERS, type QuotaCredential, type QuotaKindSpec, type QuotaRequest } from './quota-kind.js';

/** Gemini CLI's client metadata, as it sends it to loadCodeAssist (0.61.0 bundle: _doSetupUser). */
const CODE_ASSIST_METADATA = { ideType: 'IDE_UNSPECIFIED', platform: 'PLATFORM_UNSPECIFIED', pluginType: 'GEMINI' };

export const GEMINI_QUOTA: QuotaKindSpec = {
  id: 'gemini',
  defaultUrl: 'https://cloudcode-pa.googleapis.com/v1internal:retrieveUserQuota',
  path: '/v1internal:retrieveUserQuota',
  // The CLI's own variables for its Code Assist server (CodeAssistServer.getBaseUrl): a gateway set there is read too.
  serverEnv: {
    name: 'CODE_ASSIST_ENDPOINT',
    buildUrl: (value, env) => `${value.replace(/\/+$/, '')}/${env.CODE_ASSIST_API_VERSION || 'v1internal'}:retrieveUserQuota`,
  },
  places: '$GEMINI_CLI_HOME/.gemini/oauth_creds.json or ~/.gemini/oauth_creds.json (Google login)',
  credentialDir: locateGeminiDir,
  loadCredential: readGeminiLogin,
  // Code Assist's methods are POSTs of JSON, the OAuth access token as a bearer (CodeAssistServer.requestPost).
  buildRequest: (credential) => post(credential, { project: credential.project }),
  // The project is the one loadCodeAssist names, as the CLI asks before anything (setupUser): Google manages one for a
  // free or Google AI account; GOOGLE_CLOUD_PROJECT is sent with the question and used only when the answer names none.
  prepare: {
    needed: () => true,
    url: (quotaUrl) => replaceMethod(quotaUrl, 'loadCodeAssist'),
    request: (credential) =>
      post(credential, {
        ...(credential.project ? { cloudaicompanionProject: credential.project } : {}),
        metadata: { ...CODE_ASSIST_METADATA, ...(credential.project ? { duetProject: credential.project } : {}) },
      }),
    complete: (credential, body) => {
      const project = parseCodeAssistProject(body) ?? credential.project ?? null;
      return project === null ? null : { ...credential, project };
    },
    missing: 'Code Assist named no project for this account (set GOOGLE_CLOUD_PROJECT to yours, as Gemini CLI asks)',
    plan: parseCodeAssistTier,
  },
  describeRefusal: (status, _body, _headers, credential) =>
    status === 401 || status === 403
      ? ` (the Google login from ${credential.from} was refused: run \`gemini\` once to refresh it, or sign in again)`
      : '',
  parse: (text, _at, model) => parseGeminiQuota(text, model),
};

/** The same server's other method: `<base>/v1internal:<method>`, whatever method the quota URL named (a gateway's too). */
function replaceMethod(quotaUrl: string, method: string): string {
  const url = new URL(quotaUrl);
  url.pathname = `${url.pathname.replace(/:[A-Za-z]+$/, '')}:${method}`;
  url.search = '';
  return url.toString();
}

function post(credential: QuotaCredential, body: Record<string, unknown>): QuotaRequest {
  return {
    method: 'POST',
    headers: { ...BASE_HEADERS, 'content-type': 'application/json', authorization: `Bearer ${credential.secret}` },
    body: JSON.stringify(body),
  };
}

/**
 * `access_token` in Gemini CLI's Google login, `.gemini/oauth_creds.json` under $GEMINI_CLI_HOME (default ~: the
 * CLI's own homedir()), its file storage and the default; a keychain login is not read. The project from
 * GOOGLE_CLOUD_PROJECT (or _ID), as the CLI takes it. A token past its `expiry_date` is refused, not refreshed:
 * refreshing is the CLI's (running `gemini` once does it).
 */
function readGeminiLogin(env: NodeJS.ProcessEnv, now: Date): QuotaCredential | null {
  const file = join(locateGeminiDir(env), 'oauth_creds.json');
  const json = readCredentialFile(file);
  if (json === null) return null;
  const token = readPath(json, ['access_token']);
  if (typeof token !== 'string' || token === '')
    throw new AppError('BAD_INPUT', 'has no access_token (sign in with Google in `gemini` first)', { where: file });
  const expiry = readPath(json, ['expiry_date']);
  if (typeof expiry === 'number' && expiry <= now.getTime())
    throw new AppError(
      'BAD_INPUT',
      `holds a Google login that expired at ${new Date(expiry).toISOString()}: run \`gemini\` once to refresh it`,
      {
        where: file,
        kind: 'quota-expired',
      },
    );
  const project = env.GOOGLE_CLOUD_PROJECT || env.GOOGLE_CLOUD_PROJECT_ID;
  return { secret: token, ...(project ? { project } : {}), from: file };
}

/** Gemini CLI's own folder: `.gemini` under GEMINI_CLI_HOME, else the home (its homedir()). */
function locateGeminiDir(env: NodeJS.ProcessEnv): string {
  return join(env.GEMINI_CLI_HOME || env.HOME || homedir(), '.gemini');
}

/** The project loadCodeAssist names (`cloudaicompanionProject`, a string; onboardUser's answer nests it as `{id}`, read too). */
function parseCodeAssistProject(text: string): string | null {
  const json = parseAnswer(text);
  const project = readPath(json, ['cloudaicompanionProject']);
  const id = typeof project === 'object' && project !== null ? readPath(project, ['id']) : project;
  return typeof id === 'string' && /^[a-z][a-z0-9-]{2,62}$/i.test(id) ? id : null;
}

/**
 * The tier loadCodeAssist names: `paidTier.id` where the account pays for a Google AI plan (`g1-pro-tier`,
 * `g1-ultra-tier`), else `currentTier.id` (`free-tier`, `standard-tier`, `legacy-tier`), as Gemini CLI prefers them
 * (setupUser: `paidTier?.id ?? currentTier.id`). Gemini CLI keeps it in memory only, so this answer is where it is read.
 */
function parseCodeAssistTier(text: string): string | null {
  const json = parseAnswer(text);
  for (const field of ['paidTier', 'currentTier']) {
    const id = readPath(json, [field, 'id']);
    if (typeof id === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) return id;
  }
  return null;
}

/** loadCodeAssist's answer as JSON, or null when it is not JSON (its fields then read as absent). */
function parseAnswer(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
