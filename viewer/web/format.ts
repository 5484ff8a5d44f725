// How numbers and times read on the pages: n/a where there is nothing honest to show.
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : value.toLocaleString('en-US');
}

export function formatUsd(value: number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : `$${value.toFixed(value < 1 ? 4 : 2)}`;
}

export function formatFraction(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? 'n/a' : value.toFixed(digits);
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return 'n/a';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 90) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 90) return `${m} min ${Math.round(s - m * 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return 'n/a';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { hour12: false });
}
