// Fake provider tokens in the formats of gitleaks' rules (config/gitleaks.toml at b58d3f1), planted by the specs and unit tests.

export interface PlantedSecret {
  kind: string;
  /** The text as an agent would see or write it. */
  text: string;
  /** What must not survive anywhere the tool writes or shows. */
  secrets: string[];
}

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

/**
 * A random body of `length` characters from `alphabet`, the same on every run (seeded by the kind): every token here
 * is generated, never written whole, so no secret scanner (GitHub's push protection, gitleaks on this repository)
 * takes this file for a leak. None of them is a real credential.
 */
function fake(seed: string, alphabet: string, length: number): string {
  // FNV-1a of the seed, then xorshift32: enough to spread characters, and the same on every run.
  let state = [...seed].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16777619), 2166136261) >>> 0 || 1;
  return Array.from({ length }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return alphabet[(state >>> 0) % alphabet.length];
  }).join('');
}

/** A token planted in `text(token)`, its body (after the prefix, which may be named in docs) as what must go. */
function plant(kind: string, prefix: string, body: string, text: (token: string) => string): PlantedSecret {
  return { kind, text: text(`${prefix}${body}`), secrets: [body] };
}

/** One token of each shape a review found kept in turns, diffs and test logs (gitleaks rule ids in the kinds). */
export const PLANTED_TOKENS: readonly PlantedSecret[] = [
  plant('vault-service-token', 'hvs.', fake('vault', `${ALNUM}_-`, 96), (t) => `export VAULT_TOKEN=${t}`),
  plant('vault-batch-token', 'hvb.', fake('vault-batch', `${ALNUM}_-`, 140), (t) => `vault login ${t}`),
  plant(
    'hashicorp-tf-api-token',
    `${fake('tfc-id', LOWER_ALNUM, 14)}.atlasv1.`,
    fake('tfc', `${LOWER_ALNUM}-_`, 67),
    (t) => `token = "${t}"`,
  ),
  plant('digitalocean-pat', 'dop_v1_', fake('do-pat', HEX, 64), (t) => `doctl auth init -t ${t}`),
  plant('digitalocean-access-token', 'doo_v1_', fake('do-oauth', HEX, 64), (t) => `DO_ACCESS=${t}`),
  plant('digitalocean-refresh-token', 'dor_v1_', fake('do-refresh', HEX, 64), (t) => `{"refresh": "${t}"}`),
  plant('doppler-api-token', 'dp.pt.', fake('doppler', ALNUM, 43), (t) => `DOPPLER=${t} doppler run -- npm start`),
  plant('age-secret-key', 'AGE-SECRET-KEY-1', fake('age', BECH32.toUpperCase(), 58), (t) => `# created: 2026-05-01\n${t}`),
  plant('heroku-api-key-v2', 'HRKU-AA', fake('heroku', `${ALNUM}_-`, 58), (t) => `heroku config:set KEY=1 --app x # ${t}`),
  plant(
    'heroku-api-key',
    '',
    `${fake('hk1', HEX, 8)}-${fake('hk2', HEX, 4)}-4${fake('hk3', HEX, 3)}-a${fake('hk4', HEX, 3)}-${fake('hk5', HEX, 12)}`,
    (t) => `HEROKU_API_KEY: ${t}`,
  ),
  plant('shopify-access-token', 'shpat_', fake('shopify', HEX, 32), (t) => `X-Shopify-Access-Token: ${t}`),
  plant('pulumi-api-token', 'pul-', fake('pulumi', HEX, 40), (t) => `pulumi login --token ${t}`),
  plant('linear-api-key', 'lin_api_', fake('linear', ALNUM, 40), (t) => `new LinearClient({ apiKey: '${t}' })`),
  plant('postman-api-token', 'PMAK-', `${fake('pmak1', HEX, 24)}-${fake('pmak2', HEX, 34)}`, (t) => `postman login --with-api-key ${t}`),
  plant('databricks-api-token', 'dapi', fake('databricks', HEX, 32), (t) => `DATABRICKS_TOKEN ${t}`),
  plant('sentry-user-token', 'sntryu_', fake('sentry', HEX, 64), (t) => `auth.token=${t}`),
  plant('grafana-service-account-token', 'glsa_', `${fake('glsa1', ALNUM, 32)}_${fake('glsa2', HEX, 8)}`, (t) => `grafana ${t}`),
  plant('flyio-access-token', 'fo1_', fake('fly', `${ALNUM}_-`, 43), (t) => `fly deploy --access-token ${t}`),
  plant('prefect-api-token', 'pnu_', fake('prefect', ALNUM, 36), (t) => `prefect cloud login -k ${t}`),
  plant('planetscale-api-token', 'pscale_tkn_', fake('pscale', `${ALNUM}_`, 43), (t) => `PLANETSCALE_SERVICE_TOKEN: ${t}`),
  plant('rubygems-api-token', 'rubygems_', fake('rubygems', HEX, 48), (t) => `:rubygems_api_key: ${t}`),
  plant('notion-api-token', 'ntn_', `${fake('ntn1', '0123456789', 11)}${fake('ntn2', ALNUM, 35)}`, (t) => `new Client({ auth: "${t}" })`),
  plant('perplexity-api-key', 'pplx-', fake('pplx', ALNUM, 48), (t) => `PPLX ${t}`),
  plant('sendinblue-api-token', 'xkeysib-', `${fake('sib1', HEX, 64)}-${fake('sib2', ALNUM, 16)}`, (t) => `BREVO_API_KEY=${t}`),
  plant('easypost-api-token', 'EZAK', fake('easypost', ALNUM, 54), (t) => `EasyPost::Client.new(api_key: '${t}')`),
  plant('dynatrace-api-token', 'dt0c01.', `${fake('dt1', ALNUM, 24)}.${fake('dt2', ALNUM, 64)}`, (t) => `Api-Token ${t}`),
];
