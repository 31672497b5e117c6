import { sleep } from 'n8n-workflow';

/**
 * Paces the requests of one bulk run: at most `maxPerMinute` request starts per minute, spread evenly, and an
 * adaptive slow-down when the vendor still answers 429 (everyone waits for Retry-After, then the interval
 * doubles and recovers by 10 % per success). Shared by all workers of a pool.
 */
export class RequestGate {
	private nextStart = 0;
	private interval: number;
	private readonly baseInterval: number;
	private pausedUntil = 0;

	constructor(maxPerMinute?: number, private readonly now: () => number = Date.now) {
		this.baseInterval = maxPerMinute && maxPerMinute > 0 ? 60_000 / maxPerMinute : 0;
		this.interval = this.baseInterval;
	}

	async acquire(): Promise<void> {
		const now = this.now();
		const start = Math.max(now, this.nextStart, this.pausedUntil);
		this.nextStart = start + this.interval;
		if (start > now) await sleep(start - now);
	}

	succeeded(): void {
		if (this.interval > this.baseInterval) {
			this.interval = Math.max(this.baseInterval, this.interval * 0.9);
		}
	}

	rateLimited(waitMs: number): void {
		const now = this.now();
		// Requests already in flight when the limit hit answer 429 together: slow down once per pause, not per answer.
		if (now >= this.pausedUntil) {
			this.interval = Math.min(60_000, Math.max(this.interval * 2, this.baseInterval, 50));
		}
		this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
	}

	/** Current spacing between request starts, for tests and benchmarks. */
	get currentIntervalMs(): number {
		return this.interval;
	}
}
