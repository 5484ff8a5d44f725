// Takes the usage data points of an agent's exported metrics: Claude Code's claude_code.token.usage and claude_code.cost.usage.
import { readAttributes, readText } from './otel-values.js';
import type { OtelExtraction, OtelMetricRecord, OtelSender } from './otel-usage-records.js';
import { MAX_COST_USD, MAX_COUNT, readAmount, readNanos } from './read-otel-figures.js';
import { readRecordTime, readSender } from './read-sender.js';
import { TEMPORALITY, type OtlpMetric, type OtlpMetricsRequest, type OtlpNumberPoint } from './otlp-types.js';

/** The usage metrics kept, with the largest value a data point may hold; other metrics are accepted and not kept. */
const USAGE_METRICS: Record<string, number> = { 'claude_code.token.usage': MAX_COUNT, 'claude_code.cost.usage': MAX_COST_USD };

type Built = { record: OtelMetricRecord } | { reason: string };

/** Never throws; `receivedAt` dates a point that carries no time of its own. Counts every data point of every metric as seen. */
export function extractMetricUsage(request: OtlpMetricsRequest, receivedAt: Date): OtelExtraction {
  const result: OtelExtraction = { records: [], seen: 0, refused: [] };
  (request.resourceMetrics ?? []).forEach((resourceMetrics, r) => {
    const sender = readSender(resourceMetrics.resource);
    (resourceMetrics.scopeMetrics ?? []).forEach((scopeMetrics, s) => {
      (scopeMetrics.metrics ?? []).forEach((metric, m) => {
        result.seen += countPoints(metric);
        const max = USAGE_METRICS[metric.name ?? ''];
        if (max === undefined) return;
        const points = metric.sum?.dataPoints ?? metric.gauge?.dataPoints ?? [];
        points.forEach((point, p) => {
          const built = buildRecord(metric, point, sender, max, receivedAt);
          if ('reason' in built)
            result.refused.push({ where: `resourceMetrics[${r}].scopeMetrics[${s}].metrics[${m}].dataPoints[${p}]`, reason: built.reason });
          else result.records.push(built.record);
        });
      });
    });
  });
  return result;
}

function countPoints(metric: OtlpMetric): number {
  const holder = metric.sum ?? metric.gauge ?? metric.histogram ?? metric.exponentialHistogram ?? metric.summary;
  return holder?.dataPoints?.length ?? 0;
}

function buildRecord(metric: OtlpMetric, point: OtlpNumberPoint, sender: OtelSender, max: number, receivedAt: Date): Built {
  const name = metric.name ?? '';
  const attributes = readAttributes(point.attributes);
  const raw = point.asDouble ?? (point.asInt === undefined ? undefined : Number(point.asInt));
  const value = readAmount(raw === undefined ? null : raw, `${name} value`, max);
  if (!value.ok) return { reason: value.reason };
  if (value.value === null) return { reason: `${name}: the data point has no value` };
  const time = readRecordTime({ timeUnixNano: point.timeUnixNano }, attributes, receivedAt);
  if (!time.ok) return { reason: `${name}: ${time.reason}` };
  const start = readNanos(point.startTimeUnixNano, 'startTimeUnixNano');
  if (!start.ok) return { reason: `${name}: ${start.reason}` };
  const temporality = metric.sum?.aggregationTemporality;
  return {
    record: {
      kind: 'otel-metric',
      metric: name,
      ...sender,
      token_type: readText(attributes.type),
      value: value.value,
      unit: metric.unit ? metric.unit : null,
      temporality: temporality === 1 || temporality === 2 ? TEMPORALITY[temporality] : null,
      start_at: start.value,
      occurred_at: time.value,
      session_id: readText(attributes['session.id']),
      model: readText(attributes.model),
      attributes,
    },
  };
}
