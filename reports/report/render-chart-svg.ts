// Renders a Vega-Lite spec to SVG headlessly (no canvas, no network, no files): computation, so it may live in reports/.
import type { TopLevelSpec } from 'vega-lite';

/**
 * Compiles with vega-lite and renders with a vega View whose renderer is 'none', then serializes to SVG.
 * Data must be inline (`data.values`): the loader is never asked to fetch anything. vega is imported on
 * first use, so commands that draw no chart do not pay for loading it.
 */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const [vegaLite, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: createRefusingLoader(vega) });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A vega loader that refuses every URL and file: the specs carry their data inline. */
function createRefusingLoader(vega: typeof import('vega')): ReturnType<typeof vega.loader> {
  const loader = vega.loader();
  const refuse = async (uri: string): Promise<never> => {
    throw new Error(`charts load no external data (asked for ${uri})`);
  };
  loader.load = refuse;
  loader.sanitize = refuse;
  return loader;
}
