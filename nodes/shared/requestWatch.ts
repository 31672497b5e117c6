import type { RequestOutcome, RequestSignal } from './concurrency';
import type { RequestGate } from './gate';

/** Thrown where a request would have started after the run was stopped: nothing was sent for it. */
export class RunStoppedError extends Error {
	constructor() {
		super('Not sent: the run stopped at an earlier failure');
		this.name = 'RunStoppedError';
	}
}

/**
 * One unit's (item's or batch's) view of the run's request gate. The transport calls `acquire()` right before each
 * request and `succeeded()` / `rateLimited()` after its answer, so this view knows when each request started and
 * how it ended, and reports that to the pool; after the run stopped, `acquire()` refuses, so no request starts.
 * Every other member is the shared gate's own (pacing stays shared by all units).
 */
export class RequestWatch {
	/** Requests this unit started. */
	attempts = 0;
	/** Set when a request of this unit was refused because the run had stopped. */
	cancelled = false;
	readonly gate: RequestGate;
	private attemptStartedAt: number | undefined;
	private readonly createdAt: number;

	constructor(
		shared: RequestGate,
		private readonly isStopped: () => boolean,
		private readonly report: (signal: RequestSignal) => void,
		private readonly now: () => number = Date.now,
	) {
		this.createdAt = now();
		const overrides: Record<string, unknown> = {
			acquire: async (...args: unknown[]) => {
				// A new attempt without an answer to the previous one: the transport is retrying a transient failure.
				this.close('retried');
				this.refuseIfStopped();
				// The gate's slot travels back to the transport, which hands it to succeeded/rateLimited/failed.
				const slot = await (shared.acquire as (...a: unknown[]) => Promise<object>).apply(shared, args);
				this.refuseIfStopped();
				this.attempts++;
				this.attemptStartedAt = this.now();
				return slot;
			},
			succeeded: (...args: unknown[]) => {
				this.close('ok');
				return (shared.succeeded as (...a: unknown[]) => unknown).apply(shared, args);
			},
			rateLimited: (...args: unknown[]) => {
				this.close('rateLimited');
				return (shared.rateLimited as (...a: unknown[]) => unknown).apply(shared, args);
			},
		};
		this.gate = new Proxy(shared, {
			get(target, property) {
				if (typeof property === 'string' && property in overrides) return overrides[property];
				const value = Reflect.get(target, property, target) as unknown;
				return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
			},
		});
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
