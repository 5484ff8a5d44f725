// Finding and replacing text in a buffer.

/** Offsets of every non-overlapping occurrence of needle, left to right. */
export function findAll(text, needle, { caseSensitive = true } = {}) {
  if (needle === '') return [];
  const haystack = caseSensitive ? text : text.toLowerCase();
  const target = caseSensitive ? needle : needle.toLowerCase();
  const found = [];
  let at = haystack.indexOf(target);
  while (at !== -1) {
    found.push(at);
    at = haystack.indexOf(target, at + target.length);
  }
  return found;
}

/** Replaces every occurrence in the buffer (from the end, so earlier offsets stay valid) as one undo step; returns the count. */
export function replaceAll(buffer, needle, replacement, options = {}) {
  const offsets = findAll(buffer.text, needle, options);
  buffer.transact(() => {
    for (const offset of offsets.reverse()) buffer.replace(offset, needle.length, replacement);
  });
  return offsets.length;
}
