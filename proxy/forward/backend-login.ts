// A login the proxy sends in place of the client's credentials (a ChatGPT login, a Google login), read from the user's own CLI.

export interface BackendLogin {
  /** Where it is read from, for messages. */
  readonly file: string;
  /** The headers to send now and their secret values; throws an AppError naming the file when none can be sent. */
  readHeaders(nowMs: number): { headers: Record<string, string>; secrets: string[] };
}
