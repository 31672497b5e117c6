import type { RequestOutcome, RequestSignal } from './concurrency';
import type { RequestGate, RequestPacer } from './gate';

/** Thrown where a request would have started after the run was stopped: nothing was sent for it. */
export class RunStoppedError extends Error {
	constructor() {
		super('Not sent: the run stopped at an earlier failure');
		this.name = 'RunStoppedError';
	}
}

/**
 * One unit's (item's or batch's) view of the run's request gate. The transport calls `acquire()` right before each
 * request and `succeeded()` / `rateLimited()` after its answer, so this watch knows when each request started and
 * how it ended, and reports that to the pool; after the run stopped, `acquire()` refuses, so no request starts.
 * The plan and the pacing stay the shared gate's (one for all units).
 */
export class RequestWatch {
	/** Requests this unit started. */
	attempts = 0;
	/** Set when a request of this unit was refused because the run had stopped. */
	cancelled = false;
	readonly gate: RequestPacer;
	private attemptStartedAt: number | undefined;
	private readonly createdAt: number;

	constructor(
		shared: RequestGate,
		private readonly isStopped: () => boolean,
		private readonly report: (signal: RequestSignal) => void,
		private readonly now: () => number = Date.now,
	) {
		this.createdAt = now();
		this.gate = {
			get planKnown() {
				return shared.planKnown;
			},
			setPlan: (requestsPerMinute, windowMs) => shared.setPlan(requestsPerMinute, windowMs),
			acquire: async () => {
				// A new attempt without an answer to the previous one: the transport is retrying a transient failure.
				this.close('retried');
				this.refuseIfStopped();
				// The gate's slot travels back to the transport, which hands it to succeeded/rateLimited/failed.
				const slot = await shared.acquire();
				this.refuseIfStopped();
				this.attempts++;
				this.attemptStartedAt = this.now();
				return slot;
			},
			succeeded: (headers, slot) => {
				this.close('ok');
				shared.succeeded(headers, slot);
			},
			rateLimited: (waitMs, headers, slot) => {
				this.close('rateLimited');
				shared.rateLimited(waitMs, headers, slot);
			},
			failed: (headers, slot) => shared.failed(headers, slot),
		};
	}

	/** Called once when the unit is done: closes its last request, or reports the whole unit if it never used the gate. */
	finish(outcome: 'ok' | 'failed'): void {
		if (this.attemptStartedAt !== undefined) this.close(outcome);
		else if (this.attempts === 0 && !this.cancelled) {
			this.report({ outcome, startedAt: this.createdAt, finishedAt: this.now() });
		}
	}

	private refuseIfStopped(): void {
		if (this.isStopped()) {
			this.cancelled = true;
			this.attemptStartedAt = undefined;
			throw new RunStoppedError();
		}
	}

	private close(outcome: RequestOutcome): void {
		if (this.attemptStartedAt === undefined) return;
		const startedAt = this.attemptStartedAt;
		this.attemptStartedAt = undefined;
		this.report({ outcome, startedAt, finishedAt: this.now() });
	}
}
