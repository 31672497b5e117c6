import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecuteOptions } from '../../shared';
import {
	readLocatorValue,
	readThroughputOptions,
	resourceLocator,
	returnAllAndLimit,
	TALKDESK_THROUGHPUT,
	throughputCollection,
} from '../../shared';

export { readLimit, runInBatches, runPerItem } from '../../shared';

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

function locator(displayName: string, name: string, searchListMethod: string, what: string): INodeProperties {
	return resourceLocator({
		displayName,
		name,
		searchListMethod,
		description: '',
		placeholder: 'e.g. 4f1c9c1e-2b7a-4b8e-9a55-0d3c2c6f9e01',
		idPattern: { regex: '^\\S+$', errorMessage: `Not a valid ${what} ID` },
	});
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
	return returnAllAndLimit(show(resource, operations) ?? {});
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
	return throughputCollection(TALKDESK_THROUGHPUT, show(resource, operations));
}

export function readBulkOptions(ctx: IExecuteFunctions): ExecuteOptions {
	return readThroughputOptions(ctx, TALKDESK_THROUGHPUT);
}

/** A resource locator's value, required and trimmed. */
export function locatorValue(ctx: IExecuteFunctions, name: string, itemIndex: number, field: string): string {
	return readLocatorValue(ctx, itemIndex, name, field);
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
