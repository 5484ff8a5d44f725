// Retry an async function with exponential backoff; sleep and random are injectable for tests.
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function retry(fn, options = {}) {
  const {
    retries = 3,
    baseMs = 100,
    factor = 2,
    maxMs = Infinity,
    jitter = false,
    random = Math.random,
    sleep = realSleep,
    shouldRetry = () => true,
    onRetry = () => {},
  } = options;
  if (!Number.isInteger(retries) || retries < 0) throw new RangeError(`retries must be an integer >= 0, got ${retries}`);
  const errors = [];
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      errors.push(error);
      if (!shouldRetry(error, attempt)) throw error;
      if (attempt === retries + 1) break;
      let delay = Math.min(maxMs, baseMs * factor ** (attempt - 1));
      if (jitter) delay *= random();
      onRetry(error, attempt, delay);
      await sleep(delay);
    }
  }
  throw new AggregateError(errors, `failed after ${errors.length} attempts`);
}
