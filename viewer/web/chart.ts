// One report chart drawn by vega-embed from the report's own Vega-Lite spec: hover for values, drag or wheel to zoom, click to open the arms.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html, linkTo, linkToArm } from './html.js';

type Spec = Record<string, unknown>;

/**
 * Zoom and pan on the first single view with an x and y encoding (an interval selection bound to its scales), and
 * every mark's data fields as its tooltip. A spec vega-lite refuses with the additions is drawn as it came.
 */
export function addInteraction(spec: Spec): Spec {
  const config = (spec.config as Spec | undefined) ?? {};
  const withTooltip = {
    ...spec,
    config: { ...config, mark: { ...((config.mark as Spec | undefined) ?? {}), tooltip: { content: 'data' } } },
  };
  // Zoom along time (or a number) on x where x is continuous, else along y (the report's bars have ordinal x).
  const zoomOn = (unit: Spec): Spec[] => {
    const x = (unit.encoding as { x?: { type?: string } } | undefined)?.x;
    const encodings = x?.type === 'temporal' || x?.type === 'quantitative' ? ['x'] : ['y'];
    return [{ name: 'zoom', select: { type: 'interval', encodings }, bind: 'scales' }];
  };
  if (spec.mark && spec.encoding) return { ...withTooltip, params: [...((spec.params as unknown[]) ?? []), ...zoomOn(spec)] };
  const layers = spec.layer as Spec[] | undefined;
  const zoom = layers?.[0] ? zoomOn(layers[0]) : [];
  if (layers?.[0]?.mark && layers[0].encoding)
    return { ...withTooltip, layer: [{ ...layers[0], params: [...((layers[0].params as unknown[]) ?? []), ...zoom] }, ...layers.slice(1)] };
  return withTooltip;
}

/** Where a clicked mark leads: its arm when it is one window, else the arms of its task or provider. */
export function findTarget(datum: Record<string, unknown> | undefined): string | null {
  if (!datum) return null;
  if (typeof datum.window_id === 'string') return linkToArm(datum.window_id);
  if (typeof datum.feature_id === 'string') return linkTo('arms', { task: datum.feature_id });
  if (typeof datum.provider === 'string') return linkTo('arms', { provider: datum.provider });
  return null;
}

export function Chart({ chartKey, title, spec, opensArms = true }: { chartKey: string; title: string; spec: Spec; opensArms?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let finalize: (() => void) | null = null;
    let cancelled = false;
    // vega (about 1 MB) loads with the first chart, not with the first page.
    void import('./vega-chunk.js').then(async ({ drawChart }) => {
      if (cancelled || !box.current) return;
      try {
        finalize = await drawChart(box.current, addInteraction(spec), spec, (datum) => {
          const target = opensArms ? findTarget(datum) : null;
          if (target) location.hash = target;
        });
      } catch (failure) {
        setError((failure as Error).message);
      }
    });
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [spec, opensArms]);
  return html`<figure class="chart" data-testid=${`chart-${chartKey}`}>
    <div ref=${box} role="img" aria-label=${`${title} (hover for values, drag or scroll to zoom${opensArms ? ', click a mark to open its arms' : ''})`}></div>
    ${error ? html`<figcaption class="error">The chart could not be drawn: ${error}</figcaption>` : null}
  </figure>`;
}
