/**
 * How one finished request went, as the pool sees it:
 * - `ok`: answered successfully;
 * - `rateLimited`: the vendor answered 429 (the request is retried after its wait);
 * - `retried`: failed without a final answer (5xx, timeout, reset) and is being retried;
 * - `failed`: the vendor refused this request for its own reasons (bad data, duplicate…): says nothing about load.
 */
export type RequestOutcome = 'ok' | 'rateLimited' | 'retried' | 'failed';

export interface RequestSignal {
	outcome: RequestOutcome;
	/** Milliseconds (any clock, the same for every signal) when the request was sent and when its answer came. */
	startedAt: number;
	finishedAt: number;
}

export interface AdaptiveConcurrencyOptions {
	/** The user's Concurrency: never more requests in flight than this. */
	ceiling: number;
	/** Where the run starts (capped by the ceiling). */
	initial?: number;
	/** Latency counts as rising when the recent average exceeds `latencyFactor` × the fastest seen + `latencySlackMs`. */
	latencyFactor?: number;
	latencySlackMs?: number;
}

/** Default start: modest, so a run never opens with a burst the vendor has to refuse. */
export const INITIAL_CONCURRENCY = 4;

/**
 * AIMD concurrency limit for one run. It starts at `initial`, doubles per round trip while every answer is clean and
 * fast (slow start), then grows by one per round trip (additive increase); a 429 halves it, a transient failure or
 * rising latency cuts it to 70 % (multiplicative decrease). Requests sent before the last cut were sent under the
 * old limit, so their answers cannot cut it again: one cut per congestion event, not one per answer.
 * Pure and clock-free (the signals carry their times): deterministic to test.
 */
export class AdaptiveConcurrency {
	private value: number;
	private readonly ceiling: number;
	private readonly latencyFactor: number;
	private readonly latencySlackMs: number;
	private slowStart = true;
	private fastest = Infinity;
	private recent: number | undefined;
	private lastCutAt = -Infinity;

	constructor(options: AdaptiveConcurrencyOptions) {
		this.ceiling = Math.max(1, Math.floor(options.ceiling));
		this.value = Math.max(1, Math.min(this.ceiling, Math.floor(options.initial ?? INITIAL_CONCURRENCY)));
		this.latencyFactor = options.latencyFactor ?? 3;
		this.latencySlackMs = options.latencySlackMs ?? 50;
	}

	/** How many requests may be in flight now. */
	get limit(): number {
		return Math.max(1, Math.min(this.ceiling, Math.floor(this.value)));
	}

	record(signal: RequestSignal): void {
		const latency = Math.max(0, signal.finishedAt - signal.startedAt);
		const sentBeforeCut = signal.startedAt < this.lastCutAt;
		switch (signal.outcome) {
			case 'rateLimited':
				this.cut(signal, 0.5);
				return;
			case 'retried':
				this.cut(signal, 0.7);
				return;
			case 'failed':
				return;
			default:
				break;
		}
		this.fastest = Math.min(this.fastest, latency);
		if (sentBeforeCut) return;
		this.recent = this.recent === undefined ? latency : this.recent * 0.8 + latency * 0.2;
		if (this.recent > this.fastest * this.latencyFactor + this.latencySlackMs) {
			this.cut(signal, 0.7);
			return;
		}
		if (this.value < this.ceiling) {
			this.value = Math.min(this.ceiling, this.value + (this.slowStart ? 1 : 1 / this.value));
		}
	}

	private cut(signal: RequestSignal, factor: number): void {
		if (signal.startedAt < this.lastCutAt) return;
		this.value = Math.max(1, Math.min(this.value, this.ceiling) * factor);
		this.slowStart = false;
		this.recent = undefined;
		this.lastCutAt = signal.finishedAt;
	}
}
