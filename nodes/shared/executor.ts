import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { RequestGate } from './gate';
import { mapPool } from './pool';

/** What one item produced: one object, several, ready-made items, or nothing (→ `{ success: true }`). */
export type ItemOutput = IDataObject | IDataObject[] | INodeExecutionData[] | undefined | void;

export interface PerItemOperation<P> {
	/** Reads and validates one item's parameters, without I/O. Runs for every item before anything is sent. */
	prepare: (this: IExecuteFunctions, itemIndex: number) => P | Promise<P>;
	/** Sends what the item asks for and returns its result. */
	run: (this: IExecuteFunctions, prepared: P, itemIndex: number, gate: RequestGate) => Promise<ItemOutput>;
}

export interface BatchOperation<P> {
	prepare: (this: IExecuteFunctions, itemIndex: number) => P | Promise<P>;
	/** Largest number of items the vendor takes in one call. */
	batchSize: number;
	/** Sends one batch; returns one entry per batch member, in order: its result or its own Error. */
	runBatch: (
		this: IExecuteFunctions,
		batch: Array<{ itemIndex: number; prepared: P }>,
		gate: RequestGate,
	) => Promise<Array<ItemOutput | Error>>;
}

export interface ExecuteOptions {
	/** Requests (or batches) in flight at once. Default 1. */
	concurrency?: number;
	/** Pace request starts to this many per minute (0 or unset: no pacing). */
	maxPerMinute?: number;
}

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

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if ((error as NodeApiError).context && (error as NodeApiError).context.itemIndex === undefined) {
			(error as NodeApiError).context.itemIndex = itemIndex;
		}
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if ((error as NodeApiError).httpCode) json.httpCode = (error as NodeApiError).httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

async function prepareAll<P>(
	ctx: IExecuteFunctions,
	prepare: (this: IExecuteFunctions, itemIndex: number) => P | Promise<P>,
	count: number,
	continueOnFail: boolean,
): Promise<{ prepared: Array<P | undefined>; failures: Map<number, NodeApiError | NodeOperationError> }> {
	const prepared: Array<P | undefined> = new Array(count);
	const failures = new Map<number, NodeApiError | NodeOperationError>();
	for (let i = 0; i < count; i++) {
		try {
			prepared[i] = await prepare.call(ctx, i);
		} catch (error) {
			const nodeError = asNodeError(ctx, error, i);
			// Bad input stops the run before any request is sent, unless the user chose to continue.
			if (!continueOnFail) throw nodeError;
			failures.set(i, nodeError);
		}
	}
	return { prepared, failures };
}

function assemble(
	ctx: IExecuteFunctions,
	count: number,
	outputs: Map<number, ItemOutput>,
	failures: Map<number, NodeApiError | NodeOperationError>,
	continueOnFail: boolean,
): INodeExecutionData[] {
	if (!continueOnFail && failures.size) {
		throw failures.get(Math.min(...failures.keys()));
	}
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < count; i++) {
		const failure = failures.get(i);
		if (failure) out.push(errorItem(failure, i));
		else if (outputs.has(i)) {
			// A loop, not push(...items): Return All can give one item 100,000+ results, past the argument limit.
			for (const item of toItems(outputs.get(i), i)) out.push(item);
		}
	}
	void ctx;
	return out;
}

/**
 * The one item loop: validates every item first, runs the rest through an order-preserving pool, and owns
 * error wrapping, Continue On Fail (exactly one output per failed item) and `pairedItem`.
 */
export async function executePerItem<P>(
	this: IExecuteFunctions,
	operation: PerItemOperation<P>,
	options: ExecuteOptions = {},
): Promise<INodeExecutionData[]> {
	const count = this.getInputData().length;
	const continueOnFail = this.continueOnFail();
	const { prepared, failures } = await prepareAll(this, operation.prepare, count, continueOnFail);
	const gate = new RequestGate(options.maxPerMinute);
	const todo = [...Array(count).keys()].filter((i) => !failures.has(i));
	const outputs = new Map<number, ItemOutput>();
	const { results, errors, started } = await mapPool(
		todo,
		options.concurrency ?? 1,
		async (itemIndex) => await operation.run.call(this, prepared[itemIndex] as P, itemIndex, gate),
		{ stopOnError: !continueOnFail },
	);
	todo.forEach((itemIndex, k) => {
		if (!started[k]) return;
		if (errors[k] !== undefined) failures.set(itemIndex, asNodeError(this, errors[k], itemIndex));
		else outputs.set(itemIndex, results[k]);
	});
	return assemble(this, count, outputs, failures, continueOnFail);
}

/** Like executePerItem, for vendor bulk endpoints: valid items go out in batches, results map back by position. */
export async function executeInBatches<P>(
	this: IExecuteFunctions,
	operation: BatchOperation<P>,
	options: ExecuteOptions = {},
): Promise<INodeExecutionData[]> {
	const count = this.getInputData().length;
	const continueOnFail = this.continueOnFail();
	const { prepared, failures } = await prepareAll(this, operation.prepare, count, continueOnFail);
	const gate = new RequestGate(options.maxPerMinute);
	const todo = [...Array(count).keys()].filter((i) => !failures.has(i));
	const batches: Array<Array<{ itemIndex: number; prepared: P }>> = [];
	for (let k = 0; k < todo.length; k += operation.batchSize) {
		batches.push(todo.slice(k, k + operation.batchSize).map((i) => ({ itemIndex: i, prepared: prepared[i] as P })));
	}
	const outputs = new Map<number, ItemOutput>();
	const { results, errors, started } = await mapPool(
		batches,
		options.concurrency ?? 1,
		async (batch) => await operation.runBatch.call(this, batch, gate),
		{ stopOnError: !continueOnFail },
	);
	batches.forEach((batch, b) => {
		if (!started[b]) return;
		if (errors[b] !== undefined) {
			for (const { itemIndex } of batch) failures.set(itemIndex, asNodeError(this, errors[b], itemIndex));
			return;
		}
		const entries = results[b] ?? [];
		batch.forEach(({ itemIndex }, k) => {
			const entry = entries[k];
			if (entry instanceof Error) failures.set(itemIndex, asNodeError(this, entry, itemIndex));
			else if (k >= entries.length) {
				failures.set(
					itemIndex,
					new NodeOperationError(this.getNode(), 'The vendor returned no result for this item', { itemIndex }),
				);
			} else outputs.set(itemIndex, entry);
		});
	});
	return assemble(this, count, outputs, failures, continueOnFail);
}

/** For operations that read once per run (not per item), e.g. lists driven by the first item's parameters. */
export function pairAll(items: IDataObject[], itemIndex = 0): INodeExecutionData[] {
	return items.map((json) => ({ json, pairedItem: { item: itemIndex } }));
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
