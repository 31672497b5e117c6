import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecuteOptions } from '../../shared';
import { campaignLocator as sharedCampaignLocator, pickFields, readThroughputOptions, resourceLocator, TALKDESK_THROUGHPUT, throughputCollection } from '../../shared';

export { readLimit, readLocatorValue, returnAllAndLimit, runInBatches, runPerItem, simplifyOption } from '../../shared';

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

const ID_PLACEHOLDER = 'e.g. 4f1c9c1e-2b7a-4b8e-9a55-0d3c2c6f9e01';
const idPattern = (what: string) => ({ regex: '^\\S+$', errorMessage: `Not a valid ${what} ID` });

export function campaignLocator(): INodeProperties {
	return sharedCampaignLocator({
		name: 'campaignId',
		description: 'The campaign to use. Pick it from the list or paste its ID.',
		placeholder: ID_PLACEHOLDER,
		idPattern: idPattern('campaign'),
	});
}

export function recordListLocator(): INodeProperties {
	return resourceLocator({
		displayName: 'Record List',
		name: 'recordListId',
		searchListMethod: 'searchRecordLists',
		description: 'The record list (lead list) to use',
		placeholder: ID_PLACEHOLDER,
		idPattern: idPattern('record list'),
	});
}

export function dncListLocator(): INodeProperties {
	return resourceLocator({
		displayName: 'Do-Not-Call List',
		name: 'dncListId',
		searchListMethod: 'searchDoNotCallLists',
		description: 'The do-not-call list to use',
		placeholder: ID_PLACEHOLDER,
		idPattern: idPattern('do-not-call list'),
	});
}

/** "Concurrency" and "Max Requests per Minute" for operations that send many requests. */
export function bulkOptions(): INodeProperties {
	return throughputCollection(TALKDESK_THROUGHPUT, undefined);
}

export function readBulkOptions(ctx: IExecuteFunctions): ExecuteOptions {
	return readThroughputOptions(ctx, TALKDESK_THROUGHPUT);
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
