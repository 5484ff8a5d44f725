// A fixed-width stock report: one row per SKU with its on-hand, reserved and available counts and a reorder flag.

const COLUMNS = [
  ['SKU', 10],
  ['ON HAND', 8],
  ['RESERVED', 8],
  ['AVAILABLE', 9],
];

function cell(text, width, right) {
  const s = String(text);
  return right ? s.padStart(width) : s.padEnd(width);
}

/** The report lines: a header, then each SKU; "REORDER" marks SKUs whose available units are at or below their reorder point. */
export function stockReport(inventory) {
  const header = COLUMNS.map(([name, width], i) => cell(name, width, i > 0)).join(' ');
  const rows = inventory.skus().map((sku) => {
    const available = inventory.available(sku);
    const flag = available <= inventory.reorderPoint(sku) ? ' REORDER' : '';
    const counts = [inventory.onHand(sku), inventory.reserved(sku), available];
    return `${cell(sku, 10, false)} ${counts.map((n, i) => cell(n, COLUMNS[i + 1][1], true)).join(' ')}${flag}`;
  });
  return [header, ...rows];
}
