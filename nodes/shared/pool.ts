/**
 * Runs `worker` over `inputs` with at most `concurrency` in flight and returns results in input order.
 * With `stopOnError`, no new input starts after a failure; inputs never started get `undefined`
 * (`started[i]` tells which ones ran), so callers can report precisely what was sent.
 */
export async function mapPool<T, R>(
	inputs: readonly T[],
	concurrency: number,
	worker: (input: T, index: number) => Promise<R>,
	options: { stopOnError?: boolean } = {},
): Promise<{ results: Array<R | undefined>; errors: Array<unknown>; started: boolean[] }> {
	const results: Array<R | undefined> = new Array(inputs.length);
	const errors: unknown[] = new Array(inputs.length);
	const started: boolean[] = new Array(inputs.length).fill(false);
	let next = 0;
	let failed = false;
	const lanes = Math.max(1, Math.min(concurrency || 1, inputs.length));
	const lane = async () => {
		while (next < inputs.length && !(failed && options.stopOnError)) {
			const index = next++;
			started[index] = true;
			try {
				results[index] = await worker(inputs[index], index);
			} catch (error) {
				errors[index] = error ?? new Error('unknown error');
				failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: lanes }, lane));
	return { results, errors, started };
}

/**
 * A pool fed while it runs: units are pushed as soon as they are ready (the caller keeps preparing the next ones)
 * and start while fewer than `limit()` run. The first unit runs alone, so a run's first sign-in or token fetch
 * happens once instead of once per parallel request; after `stop()` no unit starts, queued ones stay unstarted.
 * The worker must not throw (it records its own outcome).
 */
export class StreamPool<U> {
	private readonly queue: U[] = [];
	private head = 0;
	private running = 0;
	private finished = 0;
	private started = 0;
	private stopped = false;
	private readonly active = new Set<Promise<void>>();
	private readonly idleWaiters: Array<() => void> = [];

	constructor(
		private readonly worker: (unit: U) => Promise<void>,
		private readonly limit: () => number,
	) {}

	push(unit: U): void {
		this.queue.push(unit);
		this.pump();
	}

	stop(): void {
		this.stopped = true;
	}

	/** Units started so far. */
	get startedCount(): number {
		return this.started;
	}

	/** Resolves once the first unit has finished (at once if none is running). */
	async firstFinished(): Promise<void> {
		while (this.finished === 0 && this.active.size) await Promise.race(this.active);
	}

	/** Units pushed but never started (after a stop). */
	unstarted(): U[] {
		return this.queue.slice(this.head);
	}

	/** Waits until every pushed unit has run, or, after a stop, until the running ones have finished. */
	async drain(): Promise<void> {
		// One waiter resolved when the last unit ends (racing every active unit on each finish cost CPU per unit).
		if (this.active.size) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
	}

	private capacity(): number {
		if (this.started > 0 && this.finished === 0) return 0;
		return Math.max(1, this.limit()) - this.running;
	}

	private pump(): void {
		while (!this.stopped && this.head < this.queue.length && this.capacity() > 0) {
			const unit = this.queue[this.head++];
			this.running++;
			this.started++;
			const run: Promise<void> = this.worker(unit)
				.catch(() => undefined)
				.then(() => {
					this.running--;
					this.finished++;
					this.active.delete(run);
					this.pump();
					if (!this.active.size) for (const resolve of this.idleWaiters.splice(0)) resolve();
				});
			this.active.add(run);
		}
	}
}
