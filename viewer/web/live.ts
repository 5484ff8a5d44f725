// Data for the pages: JSON fetched from the API, fetched again whenever the server says the ledger (or a computation) moved.
import { createContext, h, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';

/** Bumped at each server event: every page that reads data fetches it again, no reload needed. */
export const LiveTick = createContext(0);

export interface LiveState {
  tick: number;
  connected: boolean;
  generation: number | null;
}

/** One EventSource for the page; the browser reconnects by itself (the server asks for 2 s). */
export function useLiveEvents(): LiveState {
  const [state, setState] = useState<LiveState>({ tick: 0, connected: false, generation: null });
  useEffect(() => {
    const source = new EventSource('/api/events');
    const bump = (generation?: number): void =>
      setState((old) => ({
        // The stream's first event names the generation the page already fetched: no refetch for it.
        tick: old.generation === null && generation !== undefined ? old.tick : old.tick + 1,
        connected: true,
        generation: generation ?? old.generation,
      }));
    source.addEventListener('ledger', (event) => bump((JSON.parse((event as MessageEvent).data) as { generation: number }).generation));
    source.addEventListener('computed', () => bump());
    source.onerror = () => setState((old) => ({ ...old, connected: false }));
    return () => source.close();
  }, []);
  return state;
}

export function LiveProvider({ tick, children }: { tick: number; children: ComponentChildren }) {
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
    if (url === null) return;
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
