import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { RequestSignal } from './concurrency';
import { AdaptiveConcurrency } from './concurrency';
import { withFieldReferences } from './fieldReference';
import type { RequestPacer } from './gate';
import { RequestGate } from './gate';
import { StreamPool } from './pool';
import { RequestWatch } from './requestWatch';

/** What one item produced: one object, several, ready-made items, or nothing (→ `{ success: true }`). */
export type ItemOutput = IDataObject | IDataObject[] | INodeExecutionData[] | undefined | void;

/** The fields that identify one item in an error-output item, e.g. `{ phoneNumber, campaignId }`. */
export type IdentifyItem<P> = (prepared: P) => IDataObject;

export interface PerItemOperation<P> {
	/** Reads and validates one item's parameters, without I/O. Nothing is sent for an item it refuses. */
	prepare: (this: IExecuteFunctions, itemIndex: number) => P | Promise<P>;
	/** Sends what the item asks for and returns its result. */
	run: (this: IExecuteFunctions, prepared: P, itemIndex: number, gate: RequestPacer) => Promise<ItemOutput>;
	/** What a user's error branch needs to act on a failed item (the number, the campaign…), from what was prepared. */
	identify?: IdentifyItem<P>;
}

export interface BatchOperation<P> {
	prepare: (this: IExecuteFunctions, itemIndex: number) => P | Promise<P>;
	/** Largest number of items the vendor takes in one call. */
	batchSize: number;
	/** Sends one batch; returns one entry per batch member, in order: its result or its own Error. */
	runBatch: (
		this: IExecuteFunctions,
		batch: Array<{ itemIndex: number; prepared: P }>,
		gate: RequestPacer,
	) => Promise<Array<ItemOutput | Error>>;
	identify?: IdentifyItem<P>;
}

export interface ExecuteOptions {
	/** Most requests (or batches) in flight at once: the pool starts lower and adapts up to this. Default 1. */
	concurrency?: number;
	/** Pace request starts to this many per minute (0 or unset: no pacing). */
	maxPerMinute?: number;
	/** Where the adaptive pool starts (default INITIAL_CONCURRENCY, capped by `concurrency`). */
	initialConcurrency?: number;
	/** Sees every finished request's signal (benchmarks and tests). */
	onRequest?: (signal: RequestSignal) => void;
}

type NodeError = NodeApiError | NodeOperationError;

function isExecutionData(value: unknown): value is INodeExecutionData {
	return !!value && typeof value === 'object' && 'json' in (value as IDataObject) && typeof (value as IDataObject).json === 'object';
}

function toItems(output: ItemOutput, itemIndex: number): INodeExecutionData[] {
	const paired = { item: itemIndex };
	if (output === undefined || output === null) return [{ json: { success: true }, pairedItem: paired }];
	const list = Array.isArray(output) ? output : [output];
	return list.map((entry) =>
		isExecutionData(entry)
			? { ...entry, pairedItem: paired }
			: { json: entry as IDataObject, pairedItem: paired },
	);
}

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if ((error as NodeApiError).context && (error as NodeApiError).context.itemIndex === undefined) {
			(error as NodeApiError).context.itemIndex = itemIndex;
		}
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * A failed item. For "Continue (regular output)": `{ error, description, httpCode }` on the main output, as always.
 * For "Continue (using error output)": n8n routes an item to the error output only when its json keys are all
 * error/message/details (or `item.error` is set, but then n8n replaces its json by `{ error }`: n8n-core
 * WorkflowExecute.handleNodeErrorOutput and normalizeNodeErrors). So the item is `{ error, details }`, `details`
 * holding the description, HTTP code and what the item was for (`identify`: a campaign or a normalised number is
 * often a node parameter, not an input field); n8n then merges the input item's own fields in at the top level.
 */
function errorItem(error: NodeError, itemIndex: number, identity: IDataObject | undefined, toErrorOutput: boolean): INodeExecutionData {
	const facts: IDataObject = {};
	if (error.description) facts.description = error.description;
	if ((error as NodeApiError).httpCode) facts.httpCode = (error as NodeApiError).httpCode;
	if (!toErrorOutput) return { json: { error: error.message, ...facts }, pairedItem: { item: itemIndex } };
	return { json: { error: error.message, details: { ...facts, item: itemIndex + 1, ...(identity ?? {}) } }, pairedItem: { item: itemIndex } };
}

/** "1–3, 5, 7–9" (1-based, as users count items). */
export function itemRanges(indexes: number[]): string {
	const sorted = [...new Set(indexes)].sort((a, b) => a - b);
	const parts: string[] = [];
	for (let k = 0; k < sorted.length; ) {
		let end = k;
		while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
		parts.push(end === k ? `${sorted[k] + 1}` : `${sorted[k] + 1}–${sorted[end] + 1}`);
		k = end + 1;
	}
	return parts.join(', ');
}

function items(indexes: number[]): string {
	return `${indexes.length === 1 ? 'Item' : 'Items'} ${itemRanges(indexes)}`;
}

type ItemState = 'succeeded' | 'failed' | 'notSent' | 'interrupted';

/** What the run had done when it stopped, so a re-run does not send anything twice. */
function stopReport(states: Map<number, ItemState>, stoppedAt: number): string {
	const of = (state: ItemState) => [...states].filter(([i, s]) => s === state && i !== stoppedAt).map(([i]) => i);
	const succeeded = of('succeeded');
	const failed = of('failed');
	const interrupted = of('interrupted');
	const notSent = of('notSent');
	const lines: string[] = [];
	if (succeeded.length) {
		lines.push(`${items(succeeded)} ${succeeded.length === 1 ? 'was' : 'were'} already sent and succeeded: re-running ${succeeded.length === 1 ? 'it' : 'them'} would send ${succeeded.length === 1 ? 'it' : 'them'} again.`);
	}
	if (failed.length) lines.push(`${items(failed)} also failed.`);
	if (interrupted.length) {
		lines.push(`${items(interrupted)} had a request answered with a temporary failure and ${interrupted.length === 1 ? 'was' : 'were'} not retried: check whether they took effect before re-running them.`);
	}
	if (notSent.length) lines.push(`${items(notSent)} ${notSent.length === 1 ? 'was' : 'were'} not sent.`);
	if (!succeeded.length && !failed.length && !interrupted.length) lines.push('No other item was sent.');
	return lines.join(' ');
}

interface Unit<P> {
	members: Array<{ itemIndex: number; prepared: P }>;
}

interface StreamSpec<P> {
	prepare: (this: IExecuteFunctions, itemIndex: number) => P | Promise<P>;
	identify?: IdentifyItem<P>;
	/** Items per unit (1 for per-item operations). */
	unitSize: number;
	/** Sends one unit; returns one entry per member: its output or its own Error. */
	send: (unit: Unit<P>, gate: RequestPacer) => Promise<Array<ItemOutput | Error>>;
}

/** How long preparation may run before it lets started requests go out (the event loop does the sending). */
const PREPARE_SLICE_MS = 4;

/**
 * The one item loop. Items are prepared one by one and handed to an adaptive pool as soon as they (or their batch)
 * are ready, so requests start while later items are still being prepared. A refused item gets nothing sent.
 * With Continue On Fail every input yields exactly one output. Without it, the first failure (bad input or a vendor
 * error) stops the run: no request starts after it, requests in flight finish, and the error says which items were
 * already done. Owns error wrapping, the error output and `pairedItem`.
 */
async function executeStream<P>(ctx: IExecuteFunctions, spec: StreamSpec<P>, options: ExecuteOptions): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const continueOnFail = ctx.continueOnFail();
	const toErrorOutput = ctx.getNode().onError === 'continueErrorOutput';
	const ceiling = Math.max(1, options.concurrency ?? 1);
	const controller = new AdaptiveConcurrency({ ceiling, initial: options.initialConcurrency });
	const gate = new RequestGate(options.maxPerMinute);
	const outputs = new Map<number, ItemOutput>();
	const failures = new Map<number, NodeError>();
	const states = new Map<number, ItemState>();
	const identities = new Map<number, IDataObject>();
	let stop: { itemIndex: number; error: NodeError } | undefined;

	const fail = (itemIndex: number, error: unknown) => {
		const nodeError = asNodeError(ctx, error, itemIndex);
		failures.set(itemIndex, nodeError);
		states.set(itemIndex, 'failed');
		if (!continueOnFail && !stop) {
			stop = { itemIndex, error: nodeError };
			pool.stop();
		}
	};
	const onSignal = (signal: RequestSignal) => {
		controller.record(signal);
		options.onRequest?.(signal);
	};

	const pool = new StreamPool<Unit<P>>(async (unit) => {
		const watch = new RequestWatch(gate, () => stop !== undefined, onSignal);
		let entries: Array<ItemOutput | Error>;
		try {
			entries = await spec.send(unit, watch.gate);
			watch.finish('ok');
		} catch (error) {
			if (watch.cancelled) {
				for (const { itemIndex } of unit.members) states.set(itemIndex, watch.attempts ? 'interrupted' : 'notSent');
				return;
			}
			watch.finish('failed');
			for (const { itemIndex } of unit.members) fail(itemIndex, error);
			return;
		}
		unit.members.forEach(({ itemIndex }, k) => {
			const entry = entries[k];
			if (entry instanceof Error) fail(itemIndex, entry);
			else if (k >= entries.length) fail(itemIndex, new NodeOperationError(ctx.getNode(), 'The vendor returned no result for this item', { itemIndex }));
			else {
				outputs.set(itemIndex, entry);
				states.set(itemIndex, 'succeeded');
			}
		});
	}, () => controller.limit);

	// Preparing reads each item's parameters; `{{ $json.field }}` ones straight from the item (fieldReference.ts).
	const prepareCtx = withFieldReferences(ctx);
	let batch: Unit<P> = { members: [] };
	let sliceStart = Date.now();
	let firstSent = false;
	for (let i = 0; i < count && !stop; i++) {
		try {
			const prepared = await spec.prepare.call(prepareCtx, i);
			if (spec.identify) identities.set(i, spec.identify(prepared));
			states.set(i, 'notSent');
			batch.members.push({ itemIndex: i, prepared });
		} catch (error) {
			fail(i, error);
		}
		if (batch.members.length >= spec.unitSize) {
			pool.push(batch);
			batch = { members: [] };
		}
		// Sending happens on the event loop, so preparation pauses to let started requests go out: the run's first
		// request (it runs alone: sign-in, token) is awaited before preparing on, after that every few milliseconds.
		if (!firstSent && pool.startedCount > 0) {
			firstSent = true;
			await pool.firstFinished();
			sliceStart = Date.now();
		} else if (Date.now() - sliceStart >= PREPARE_SLICE_MS) {
			await sleep(0);
			sliceStart = Date.now();
		}
	}
	if (batch.members.length && !stop) pool.push(batch);
	await pool.drain();

	if (stop) {
		const { itemIndex, error } = stop;
		if (count > 1) {
			for (let i = 0; i < count; i++) if (!states.has(i)) states.set(i, 'notSent');
			const report = stopReport(states, itemIndex);
			error.description = error.description ? `${error.description}\n\n${report}` : report;
		}
		throw error;
	}
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < count; i++) {
		const failure = failures.get(i);
		if (failure) out.push(errorItem(failure, i, identities.get(i), toErrorOutput));
		else if (outputs.has(i)) {
			// A loop, not push(...items): Return All can give one item 100,000+ results, past the argument limit.
			for (const item of toItems(outputs.get(i), i)) out.push(item);
		}
	}
	return out;
}

/** One request (or several, e.g. pages) per item, through the streaming adaptive pool. */
export async function executePerItem<P>(
	this: IExecuteFunctions,
	operation: PerItemOperation<P>,
	options: ExecuteOptions = {},
): Promise<INodeExecutionData[]> {
	// A batch of one: the same streaming pool, stop report and error output as the bulk operations.
	const runBatch: BatchOperation<P>['runBatch'] = async function (batch, gate) {
		return [await operation.run.call(this, batch[0].prepared, batch[0].itemIndex, gate)];
	};
	return await executeInBatches.call<IExecuteFunctions, [BatchOperation<P>, ExecuteOptions], Promise<INodeExecutionData[]>>(this, { prepare: operation.prepare, identify: operation.identify, batchSize: 1, runBatch }, options);
}

/** Like executePerItem, for vendor bulk endpoints: valid items go out in batches, results map back by position. */
export async function executeInBatches<P>(
	this: IExecuteFunctions,
	operation: BatchOperation<P>,
	options: ExecuteOptions = {},
): Promise<INodeExecutionData[]> {
	return await executeStream<P>(
		this,
		{
			prepare: operation.prepare,
			identify: operation.identify,
			unitSize: Math.max(1, operation.batchSize),
			send: async (unit, gate) => await operation.runBatch.call(this, unit.members, gate),
		},
		options,
	);
}

/** executePerItem with the prepared type inferred (`.call` would erase the generic). */
export async function runPerItem<P>(
	ctx: IExecuteFunctions,
	operation: PerItemOperation<P>,
	options?: ExecuteOptions,
): Promise<INodeExecutionData[]> {
	return await executePerItem.call(ctx, operation as PerItemOperation<unknown>, options);
}

/** executeInBatches with the prepared type inferred. */
export async function runInBatches<P>(
	ctx: IExecuteFunctions,
	operation: BatchOperation<P>,
	options?: ExecuteOptions,
): Promise<INodeExecutionData[]> {
	return await executeInBatches.call(ctx, operation as BatchOperation<unknown>, options);
}
