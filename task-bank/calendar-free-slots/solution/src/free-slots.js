// Free time in a working day: merge the (buffered) busy intervals and return the gaps inside the day.
function checkInterval(iv, label) {
  const ok = iv && Number.isFinite(iv.start) && Number.isFinite(iv.end) && iv.start < iv.end;
  if (!ok) throw new RangeError(`findFreeSlots: ${label} must have finite start < end, got ${JSON.stringify(iv)}`);
}

export function findFreeSlots(busy, day, options = {}) {
  checkInterval(day, 'day');
  busy.forEach((iv, i) => checkInterval(iv, `busy[${i}]`));
  const minLength = options.minLength ?? 1;
  const buffer = options.buffer ?? 0;
  const sorted = busy
    .map((iv) => ({ start: iv.start - buffer, end: iv.end + buffer }))
    .sort((a, b) => a.start - b.start);
  const free = [];
  let cursor = day.start;
  for (const iv of sorted) {
    if (iv.end <= cursor) continue;
    if (iv.start >= day.end) break;
    if (iv.start > cursor) free.push({ start: cursor, end: iv.start });
    cursor = Math.max(cursor, iv.end);
    if (cursor >= day.end) break;
  }
  if (cursor < day.end) free.push({ start: cursor, end: day.end });
  return free.filter((iv) => iv.end - iv.start >= minLength);
}
