import type { RequestOutcome, RequestSignal } from './concurrency';
import type { RequestGate } from './gate';

/** Thrown where a request would have started after the run was stopped: nothing was sent for it. */
export class RunStoppedError extends Error {
	constructor() {
		super('Not sent: the run stopped at an earlier failure');
		this.name = 'RunStoppedError';
	}
}

const views = new WeakMap<RequestGate, RequestGate>();

/**
 * An object whose reads fall through to `shared` and whose every method runs on `shared` (a method run on an object
 * inheriting from it would write its state onto that object instead). Built once per shared gate.
 */
function delegatingView(shared: RequestGate): RequestGate {
	let view = views.get(shared);
	if (!view) {
		view = Object.create(shared) as RequestGate;
		const methods = view as unknown as Record<string, unknown>;
		for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(shared) as object)) {
			const descriptor = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(shared) as object, name);
			if (name === 'constructor' || !descriptor || typeof descriptor.value !== 'function') continue;
			methods[name] = (descriptor.value as (...a: unknown[]) => unknown).bind(shared);
		}
		views.set(shared, view);
	}
	return view;
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
		// A view whose reads fall through to the shared gate (its state and getters) and whose methods all run on the
		// shared gate, with the four that matter to this unit watched. Cheaper than a Proxy, which bound a function
		// on every property read of every request (measured in test/bench/cpu-profile.js).
		const view = Object.create(delegatingView(shared)) as RequestGate;
		const watched: Pick<RequestGate, 'acquire' | 'succeeded' | 'rateLimited' | 'failed'> = {
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
		this.gate = Object.assign(view, watched);
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
