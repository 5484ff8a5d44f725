// Google's canonical status names (google.rpc.Code) by HTTP code, as the Gemini API's error envelope states them.

/** https://cloud.google.com/apis/design/errors (the mapping table of google.rpc.Code to HTTP). */
const STATUS_BY_HTTP: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The status name Google sends with an HTTP code; an unlisted code is INTERNAL from 500 up, else INVALID_ARGUMENT. */
export function findGoogleStatus(httpCode: number): string {
  return STATUS_BY_HTTP[httpCode] ?? (httpCode >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT');
}
