// What a CLI's login says of the plan it is on: its provider, its account, the plan's id, the file it came from.
export interface LoginPlan {
  /** The provider whose CLI it is. */
  provider: string;
  /** The account as the proxy names it (fingerprintAccount), where the login says it; else null. */
  account: string | null;
  plan: string;
  /** The file it was read from, for the answer to name. */
  from: string;
}
