// Data for the pages: JSON fetched from the API, fetched again whenever the server says the ledger (or a computation) moved.
import { createContext, h, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';

/**
 * Bumped at each server event: every page that reads data fetches it again, no reload needed. Null until the event
 * stream is open: a page that fetched first could miss the event saying its answer ("computing the report") was
 * ready, sent before the stream connected, and wait for the next ledger change (CI at 9ce85a1; 2 of 30 loops under load).
 */
export const LiveTick = createContext<number | null>(null);

export interface LiveState {
  /** Null until the stream's first event (or its failure, or STREAM_WAIT_MS): pages fetch from then on. */
  tick: number | null;
  connected: boolean;
  generation: number | null;
}

/**
 * How long pages wait for the event stream before fetching anyway (a proxy that holds event streams back). A page
 * that fell back fetches again at the stream's first event, since it may have missed one: at 1 s the fallback fired
 * on a loaded machine while a stream held back 300 ms was still arriving (CI at 7d4700b, load 15-20: two asks).
 */
const STREAM_WAIT_MS = 3_000;

/** One EventSource for the page; the browser reconnects by itself (the server asks for 2 s). */
export function useLiveEvents(): LiveState {
  const [state, setState] = useState<LiveState>({ tick: null, connected: false, generation: null });
  useEffect(() => {
    const source = new EventSource('/api/events');
    const open = (old: LiveState): number => old.tick ?? 0;
    const bump = (generation?: number): void =>
      setState((old) => ({
        // The stream's first event lets the pages make their first fetch: it is registered before they ask.
        tick: old.tick === null ? 0 : old.tick + 1,
        connected: true,
        generation: generation ?? old.generation,
      }));
    source.addEventListener('ledger', (event) => bump((JSON.parse((event as MessageEvent).data) as { generation: number }).generation));
    source.addEventListener('computed', () => bump());
    source.onerror = () => setState((old) => ({ ...old, tick: open(old), connected: false }));
    const wait = setTimeout(() => setState((old) => ({ ...old, tick: open(old) })), STREAM_WAIT_MS);
    return () => {
      clearTimeout(wait);
      source.close();
    };
  }, []);
  return state;
}

export function LiveProvider({ tick, children }: { tick: number | null; children: ComponentChildren }) {
  return h(LiveTick.Provider, { value: tick }, children);
}

export interface Fetched<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/** GETs `url` now and again at every live tick; keeps the last answer on screen while the next one loads. */
export function useApi<T>(url: string | null): Fetched<T> {
  const tick = useContext(LiveTick);
  const [state, setState] = useState<Fetched<T>>({ data: null, error: null, loading: url !== null });
  useEffect(() => {
    if (url === null || tick === null) return;
    let cancelled = false;
    setState((old) => ({ ...old, loading: true }));
    fetch(url, { headers: { accept: 'application/json' } })
      .then(async (response) => {
        const body = (await response.json()) as T & { error?: string };
        if (cancelled) return;
        if (!response.ok) setState({ data: null, error: body.error ?? `HTTP ${response.status}`, loading: false });
        else setState({ data: body, error: null, loading: false });
      })
      .catch((error: Error) => !cancelled && setState((old) => ({ ...old, error: error.message, loading: false })));
    return () => {
      cancelled = true;
    };
  }, [url, tick]);
  return state;
}
