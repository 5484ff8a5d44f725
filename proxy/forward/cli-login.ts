// A CLI's own login a back end with `auth_login` puts on what it forwards (Gemini CLI's Google login), kept in memory only.
import { AppError } from '../../kernel/index.js';
import { describeCredentialPlaces, loadQuotaCredential } from '../../sources/quota/index.js';
import type { BackendLoginKind, PROFILE_LOGINS } from '../../ledger/vocabulary/index.js';
import type { BackendLogin } from './backend-login.js';

/**
 * Gemini CLI signed in with Google keeps its login in `$GEMINI_CLI_HOME/.gemini/oauth_creds.json` (default ~) and
 * rewrites it when it refreshes the access token (about hourly). As for a ChatGPT login (chatgpt-login.ts), the proxy
 * never refreshes: it reads the file on each request, so the user's own `gemini` keeps the proxy's login fresh, and a
 * token past its `expiry_date` is refused with the line that says so (sources/quota/kinds/gemini.ts reads the file).
 */
export class CliLogin implements BackendLogin {
  readonly file: string;

  /** `kind`: the CLI whose login file it is (sources/quota/kinds/: its reader, its places). */
  constructor(
    private readonly kind: Exclude<BackendLoginKind, typeof PROFILE_LOGINS.chatgpt>,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.file = describeCredentialPlaces(kind);
  }

  readHeaders(nowMs: number): { headers: Record<string, string>; secrets: string[] } {
    // A login that is there but expired or broken throws the reader's own line naming the file.
    const credential = loadQuotaCredential(this.kind, this.env, new Date(nowMs));
    if (!credential)
      throw new AppError('NOT_FOUND', `no Google login to send: sign in with Google in \`gemini\` first (looked in ${this.file})`);
    return { headers: { authorization: `Bearer ${credential.secret}` }, secrets: [credential.secret] };
  }
}
