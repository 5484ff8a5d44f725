// Whether a URL carries a user or password: keys belong in environment variables, never in a file or a flag.

/** True when `value` parses as a URL with a user name or password (`https://me:key@host`); an unparsable text has none. */
export function hasUrlCredentials(value: string | URL): boolean {
  const url = typeof value === 'string' ? (URL.canParse(value) ? new URL(value) : null) : value;
  return url !== null && (url.username !== '' || url.password !== '');
}
