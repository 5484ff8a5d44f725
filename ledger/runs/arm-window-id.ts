// Window ids of an experiment's arms: `<plan>-a<NNN>-<provider>`, with `-r<N>` for a retried attempt.

export function nameArmWindow(planId: string, armIndex: number, provider: string, attempt: number): string {
  const base = `${planId}-a${String(armIndex + 1).padStart(3, '0')}-${provider}`;
  return attempt > 1 ? `${base}-r${attempt}` : base;
}

/** The arm index (0-based) a window id of this plan names, or null when it is not one of its arms' windows. */
export function readArmIndex(planId: string, windowId: string): number | null {
  if (!windowId.startsWith(`${planId}-a`)) return null;
  const match = /^-a(\d{3,})-/.exec(windowId.slice(planId.length));
  return match ? Number(match[1]) - 1 : null;
}
