// reports/ is given its catalog and price table by the caller: no product module of it names the built-in ones.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG_FREE_FOLDERS, findDefaultCatalogs, readProductFiles } from './find-default-catalogs.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('default catalogs', () => {
  it('are named by no product module of reports/: the caller passes the catalog and its price table', () => {
    const files = readProductFiles(root, CATALOG_FREE_FOLDERS);
    expect(files.length).toBeGreaterThan(100);
    expect(findDefaultCatalogs(files)).toEqual([]);
  });

  it('catches an import or a use of the built-in catalog or a price table built in place, and no comment or string', () => {
    const text = `import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { createPriceTable, type PriceTable } from '../../budget/prices/index.js';
// createPriceTable(BUILT_IN_CATALOG) in a comment is not code
const why = 'BUILT_IN_CATALOG';
export const price = (table?: PriceTable) => table ?? createPriceTable(BUILT_IN_CATALOG);
`;
    expect(findDefaultCatalogs([['reports/planted.ts', text]])).toEqual([
      'reports/planted.ts:1 BUILT_IN_CATALOG',
      'reports/planted.ts:2 createPriceTable',
      'reports/planted.ts:5 createPriceTable',
      'reports/planted.ts:5 BUILT_IN_CATALOG',
    ]);
  });
});
