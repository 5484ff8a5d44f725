// Refuses a provider flag that names no provider in the data: a typo would silently give empty or different figures.
import { AppError } from '../kernel/index.js';

/** `id` must be one of `present` (the providers with windows); the error names them, and a likely intended one. */
export function checkProviderHasWindows(id: string | undefined, present: Iterable<string>, flag: string): void {
  const known = [...new Set(present)].sort();
  if (id === undefined || known.includes(id)) return;
  const close = known.find((candidate) => candidate.startsWith(id) || id.startsWith(candidate));
  throw new AppError(
    'BAD_USAGE',
    `no window of provider ${JSON.stringify(id)} in the data${close ? `; did you mean ${close}?` : ''} (it has ${known.join(', ') || 'no windows'})`,
    { where: flag },
  );
}
