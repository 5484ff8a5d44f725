// Count and noun agreeing in number ("1 task", "2 tasks"), for every floor's messages: templates like `${n} tasks` said "1 tasks".

/** `count` and the noun in the form its number takes; `plural` for nouns that do not just add an s. */
export function pluralize(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
