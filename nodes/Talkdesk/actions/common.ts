import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecuteOptions } from '../../shared';
import { pickFields, simplifyOption as sharedSimplifyOption } from '../../shared/simplify';
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

export function simplifyOption(resource: Resource, operations: string[]): INodeProperties[] {
	return sharedSimplifyOption({ resource: [resource], operation: operations });
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

// What Simplify keeps per resource (at most 10 fields); everything else stays available with Simplify off.

/** Leaves out the dialing settings, dialing strategy, dispositions and links. */
export const CAMPAIGN_FIELDS = ['id', 'name', 'status', 'dialing_mode', 'priority', 'action_required', 'run_once', 'created_at'] as const;
/** Leaves out external_provider, external_url, sync_external_id and links. */
export const RECORD_FIELDS = ['id', 'first_name', 'last_name', 'phone_numbers', 'priority', 'timezone', 'external_id', 'extra_data', 'created_at', 'record_list_id'] as const;
/** Leaves out links and anything else Talkdesk adds to an entry. */
export const DNC_ENTRY_FIELDS = ['id', 'phone_number', 'expiration_date', 'reason', 'created_at', 'do_not_call_list_id'] as const;

export const simplifyCampaign = (c: IDataObject): IDataObject => pickFields(c, CAMPAIGN_FIELDS);
export const simplifyRecord = (r: IDataObject): IDataObject => pickFields(r, RECORD_FIELDS);
export const simplifyDncEntry = (e: IDataObject): IDataObject => pickFields(e, DNC_ENTRY_FIELDS);

export function stripLinks(o: IDataObject): IDataObject {
	const { _links, ...rest } = o;
	void _links;
	return rest;
}
