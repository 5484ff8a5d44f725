// Wilson score interval of a proportion and Newcombe's hybrid score interval of a difference of two (method 10): pure.
import { computeNormalUpperQuantile } from './normal-tail.js';

export interface ProportionInterval {
  low: number;
  high: number;
}

/**
 * Wilson's score interval for x successes in n trials (Wilson 1927): stays inside [0, 1] and is informative at x = 0
 * (0 of 10 gives [0, 0.278] at 95%), where the Wald interval collapses to [0, 0]. null for n = 0.
 */
export function computeWilsonInterval(x: number, n: number, confidence = 0.95): ProportionInterval | null {
  if (n <= 0) return null;
  const z = computeNormalUpperQuantile((1 - confidence) / 2);
  const z2 = z * z;
  const center = (x + z2 / 2) / (n + z2);
  const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / (n + z2);
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

/**
 * The interval of p1 - p2 = x1/n1 - x2/n2 by Newcombe's hybrid score method (Newcombe 1998, Statistics in Medicine
 * 17:873-890, method 10): each proportion's Wilson limits combined in quadrature. Its coverage stays near nominal
 * with small counts and with no events at all, where the Wald interval is [0, 0]. The n trials are taken as
 * independent. null when either n is 0.
 */
export function computeNewcombeInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = 0.95,
): (ProportionInterval & { difference: number }) | null {
  const a = computeWilsonInterval(x1, n1, confidence);
  const b = computeWilsonInterval(x2, n2, confidence);
  if (a === null || b === null) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p1 - p2;
  return {
    difference,
    low: difference - Math.hypot(p1 - a.low, b.high - p2),
    high: difference + Math.hypot(a.high - p1, p2 - b.low),
  };
}
