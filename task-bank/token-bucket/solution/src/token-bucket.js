// Token-bucket rate limiter with continuous refill and an injectable clock.
export class TokenBucket {
  #capacity;
  #rate;
  #now;
  #tokens;
  #last;

  constructor({ capacity, refillPerSecond, now = Date.now } = {}) {
    if (!(typeof capacity === 'number' && capacity > 0)) throw new RangeError('capacity must be > 0');
    if (!(typeof refillPerSecond === 'number' && refillPerSecond >= 0)) throw new RangeError('refillPerSecond must be >= 0');
    this.#capacity = capacity;
    this.#rate = refillPerSecond;
    this.#now = now;
    this.#tokens = capacity;
    this.#last = now();
  }

  #refill() {
    const t = this.#now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + (this.#rate * (t - this.#last)) / 1000);
    this.#last = t;
  }

  #check(n) {
    if (!(typeof n === 'number' && n > 0 && n <= this.#capacity)) throw new RangeError(`n must be in (0, ${this.#capacity}]`);
  }

  tryTake(n = 1) {
    this.#check(n);
    this.#refill();
    if (this.#tokens < n) return false;
    this.#tokens -= n;
    return true;
  }

  available() {
    this.#refill();
    return this.#tokens;
  }

  msUntil(n = 1) {
    this.#check(n);
    this.#refill();
    if (this.#tokens >= n) return 0;
    if (this.#rate === 0) return Infinity;
    return ((n - this.#tokens) * 1000) / this.#rate;
  }
}
