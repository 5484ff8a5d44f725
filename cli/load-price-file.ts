// Loads the list prices: the defaults and the catalog's, with a `--prices FILE` override consulted first.
import { createPriceTable, parsePriceOverride, type PriceTable } from '../budget/prices/index.js';
import { AppError } from '../kernel/index.js';
import { readBoundedFile } from '../ledger/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';

export function loadPriceFile(catalog: ProviderCatalog, file: string | undefined): PriceTable {
  if (file === undefined) return createPriceTable(catalog);
  const text = readBoundedFile(file, { what: 'a price file', maxBytes: 4 * 1024 * 1024 });
  if (text === null) throw new AppError('BAD_USAGE', 'no such price file', { where: file });
  return createPriceTable(catalog, { name: file, value: parsePriceOverride(text, file) });
}
