// A back end as the server uses it: where it is, how it is signed in to, what it speaks (build-routing-table.ts makes them).
import type { BackendLoginKind, KeyHeader, ProtocolId } from '../../ledger/vocabulary/index.js';

export interface Backend {
  name: string;
  /** scheme://host:port */
  origin: string;
  /** The URL's path without a trailing slash ("" or "/api/anthropic"). */
  basePath: string;
  /** Ledger provider of its bar readings; null: told by the headers (anthropic -> claude, x-codex -> codex). */
  provider: string | null;
  /** The API it speaks (its own `protocol`, else its provider's); null: not known (a bare URL). */
  protocol: ProtocolId | null;
  auth: { header: KeyHeader; env: string } | null;
  /** `codex`: the ChatGPT login of the proxy's $CODEX_HOME/auth.json goes on every request instead of the client's; `gemini`: Gemini CLI's Google login. */
  login: BackendLoginKind | null;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  connections: number;
}
