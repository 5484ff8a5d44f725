// A binary search over the sorted 32-bit key hashes that capture and preview checkpoints store instead of the keys.

/** Whether a sorted list of key hashes holds `hash` (capture and preview checkpoints store hashes so). */
export function includesHash(sorted: ArrayLike<number>, hash: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = sorted[middle] as number;
    if (value === hash) return true;
    if (value < hash) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
