import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchOperation, ExecuteOptions, PerItemOperation } from '../../shared';
import { checkIntegerRange, executeInBatches, executePerItem, inputError, must } from '../../shared';

export type Resource = 'campaign' | 'recordList' | 'doNotCallList';

export const PHONE_TYPES = ['HOME', 'OFFICE', 'MOBILE', 'EXTRA_1', 'EXTRA_2', 'EXTRA_3'] as const;

export const phoneTypeOptions = [
	{ name: 'Extra 1', value: 'EXTRA_1' },
	{ name: 'Extra 2', value: 'EXTRA_2' },
	{ name: 'Extra 3', value: 'EXTRA_3' },
	{ name: 'Home', value: 'HOME' },
	{ name: 'Mobile', value: 'MOBILE' },
	{ name: 'Office', value: 'OFFICE' },
];

export const timeUnitOptions = [
	{ name: 'Days', value: 'DAYS' },
	{ name: 'Hours', value: 'HOURS' },
	{ name: 'Minutes', value: 'MINUTES' },
	{ name: 'Seconds', value: 'SECONDS' },
];

export function show(resource: Resource, operation: string[]): INodeProperties['displayOptions'] {
	return { show: { resource: [resource], operation } };
}

function locator(
	displayName: string,
	name: string,
	searchListMethod: string,
	what: string,
): Omit<INodeProperties, 'displayOptions'> {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 4f1c9c1e-2b7a-4b8e-9a55-0d3c2c6f9e01',
				validation: [{ type: 'regex', properties: { regex: '^\\S+$', errorMessage: `Not a valid ${what} ID` } }],
			},
		],
	};
}

export function campaignLocator(operations: string[]): INodeProperties {
	return {
		...locator('Campaign', 'campaignId', 'searchCampaigns', 'campaign'),
		description: 'The campaign to use. Pick it from the list or paste its ID.',
		displayOptions: show('campaign', operations),
	};
}

export function recordListLocator(operations: string[]): INodeProperties {
	return {
		...locator('Record List', 'recordListId', 'searchRecordLists', 'record list'),
		description: 'The record list (lead list) to use',
		displayOptions: show('recordList', operations),
	};
}

export function dncListLocator(operations: string[]): INodeProperties {
	return {
		...locator('Do-Not-Call List', 'dncListId', 'searchDoNotCallLists', 'do-not-call list'),
		description: 'The do-not-call list to use',
		displayOptions: show('doNotCallList', operations),
	};
}

export function returnAllLimit(resource: Resource, operations: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: show(resource, operations),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { resource: [resource], operation: operations, returnAll: [false] } },
		},
	];
}

export function simplifyOption(resource: Resource, operations: string[]): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return only the main fields instead of the full object with all settings and links',
		displayOptions: show(resource, operations),
	};
}

/** "Concurrency" and "Max Requests per Minute" for operations that send many requests. */
export function bulkOptions(resource: Resource, operations: string[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(resource, operations),
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 1,
				description: 'How many requests run at the same time (1–10). Results keep the input order either way.',
			},
			{
				displayName: 'Max Requests per Minute',
				name: 'maxPerMinute',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Spread requests so no more than this many start per minute. 0 means no limit; the node still slows down by itself when Talkdesk answers "too many requests".',
			},
		],
	};
}

export function readBulkOptions(ctx: IExecuteFunctions): { concurrency: number; maxPerMinute: number } {
	const o = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = must(ctx, 0, 'Concurrency', checkIntegerRange(o.concurrency ?? 1, 1, 10));
	const maxPerMinute = must(ctx, 0, 'Max Requests per Minute', checkIntegerRange(o.maxPerMinute ?? 0, 0, 100000));
	return { concurrency, maxPerMinute };
}

/** A resource locator's value, required and trimmed. */
export function locatorValue(ctx: IExecuteFunctions, name: string, itemIndex: number, field: string): string {
	const value = String(ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!value) throw inputError(ctx, itemIndex, field, 'is empty', `Pick a ${field.toLowerCase()} from the list or paste its ID.`);
	return value;
}

export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false)) return undefined;
	return must(ctx, itemIndex, 'Limit', checkIntegerRange(ctx.getNodeParameter('limit', itemIndex, 50), 1, 1_000_000));
}

export function simplifyCampaign(c: IDataObject): IDataObject {
	const { id, name, status, dialing_mode, priority, action_required, run_once, created_at } = c;
	return { id, name, status, dialing_mode, priority, action_required, run_once, created_at };
}

export function stripLinks(o: IDataObject): IDataObject {
	const { _links, ...rest } = o;
	void _links;
	return rest;
}

/** executePerItem / executeInBatches with the prepared type inferred (`.call` would erase the generic). */
export async function runPerItem<P>(ctx: IExecuteFunctions, operation: PerItemOperation<P>, options?: ExecuteOptions): Promise<INodeExecutionData[]> {
	const typed: (this: IExecuteFunctions, op: PerItemOperation<P>, o?: ExecuteOptions) => Promise<INodeExecutionData[]> = executePerItem;
	return await typed.call(ctx, operation, options);
}

export async function runInBatches<P>(ctx: IExecuteFunctions, operation: BatchOperation<P>, options?: ExecuteOptions): Promise<INodeExecutionData[]> {
	const typed: (this: IExecuteFunctions, op: BatchOperation<P>, o?: ExecuteOptions) => Promise<INodeExecutionData[]> = executeInBatches;
	return await typed.call(ctx, operation, options);
}
