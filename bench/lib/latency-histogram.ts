// Sub-millisecond latency percentiles: autocannon's own histogram stores whole milliseconds, so p50 reads "0 ms".

/** 10 µs buckets up to 100 ms, then 1 ms buckets up to 60 s; enough for every figure the bench prints. */
const FINE_BUCKET_MS = 0.01;
const FINE_BUCKETS = 10_000;
const COARSE_BUCKETS = 60_000;

export class LatencyHistogram {
  private readonly fine = new Uint32Array(FINE_BUCKETS);
  private readonly coarse = new Uint32Array(COARSE_BUCKETS);
  count = 0;
  private sum = 0;
  max = 0;

  record(ms: number): void {
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
    const fineIndex = Math.floor(ms / FINE_BUCKET_MS);
    if (fineIndex < FINE_BUCKETS) this.fine[fineIndex]!++;
    else this.coarse[Math.min(Math.floor(ms), COARSE_BUCKETS - 1)]!++;
  }

  mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /** The upper edge of the bucket holding the p-th percentile (0 < p <= 100), in milliseconds. */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < FINE_BUCKETS; i++) {
      seen += this.fine[i]!;
      if (seen >= rank) return (i + 1) * FINE_BUCKET_MS;
    }
    for (let i = 0; i < COARSE_BUCKETS; i++) {
      seen += this.coarse[i]!;
      if (seen >= rank) return Math.min(i + 1, this.max);
    }
    return this.max;
  }
}
