// Loads the list prices: the defaults, with a `--prices FILE` override consulted first.
import { existsSync, readFileSync } from 'node:fs';
import { createPriceTable, parsePriceOverride, type PriceTable } from '../budget/prices/index.js';
import { AppError } from '../kernel/index.js';

export function loadPriceFile(file: string | undefined): PriceTable {
  if (file === undefined) return createPriceTable();
  if (!existsSync(file)) throw new AppError('BAD_USAGE', 'no such price file', { where: file });
  return createPriceTable({ name: file, value: parsePriceOverride(readFileSync(file, 'utf8'), file) });
}
