// GLM Coding Plan's quota endpoint (Z.ai `GET /api/monitor/usage/quota/limit`), read with the plan's API key.
import { parseGlmQuota } from '../../parsers/quota/parse-glm-quota.js';
import { BASE_HEADERS, type QuotaKindSpec } from './quota-kind.js';

export const GLM_QUOTA: QuotaKindSpec = {
  id: 'glm',
  // The China platform serves the same path at https://open.bigmodel.cn: set TRACKER_QUOTA_URL_GLM.
  defaultUrl: 'https://api.z.ai/api/monitor/usage/quota/limit',
  path: '/api/monitor/usage/quota/limit',
  places: 'ZAI_API_KEY',
  loadCredential: (env) => (env.ZAI_API_KEY ? { secret: env.ZAI_API_KEY, from: 'ZAI_API_KEY' } : null),
  // Z.ai takes the raw key, with no scheme (its console and community monitors send it so).
  buildRequest: (credential) => ({ method: 'GET', headers: { ...BASE_HEADERS, authorization: credential.secret } }),
  parse: (text) => parseGlmQuota(text),
};
