// The charts' heavy part, in its own chunk: vega-embed with vega's expression interpreter (no eval, so the page's CSP holds).
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';

type Spec = Record<string, unknown>;

/** Draws `spec` (or `plain` when vega-lite refuses the interactive one); returns the view's finalizer. */
export async function drawChart(
  element: HTMLElement,
  spec: Spec,
  plain: Spec,
  onClick: (datum: Record<string, unknown> | undefined) => void,
): Promise<() => void> {
  const options = { actions: false, ast: true, expr: expressionInterpreter, renderer: 'svg' as const, tooltip: true };
  let result: Awaited<ReturnType<typeof embed>>;
  try {
    result = await embed(element, spec as never, options as never);
  } catch {
    result = await embed(element, plain as never, options as never);
  }
  result.view.addEventListener('click', (_event, item) => onClick((item as { datum?: Record<string, unknown> } | null | undefined)?.datum));
  return () => result.finalize();
}
