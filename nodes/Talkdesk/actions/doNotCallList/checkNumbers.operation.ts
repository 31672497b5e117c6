import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { must, normalizePhoneE164, pathSegment, readDefaultCountry, requiredText, withDefaultCountry } from '../../../shared';
import { halList } from '../../transport';
import { bulkOptions, dncListLocator, readBulkOptions, readLocatorValue, runInBatches, stripLinks } from '../common';
import { checkTimezone } from '../records';

export const description: INodeProperties[] = [
	dncListLocator(),
	requiredText('Phone Number', 'phoneNumber', 'e.g. +12135550123', 'The number to check, with country code. Each input item is checked; numbers go to Talkdesk 50 at a time and every page of the answer is read.'),
	{
		displayName: 'Timezone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. America/New_York',
		description: 'The person\'s time zone (IANA name), if your do-not-call rules depend on it',
	},
	withDefaultCountry(bulkOptions()),
];

/**
 * The query answers a paginated HAL list of the matching entries, 50 per page by default
 * (filter-by-phone-numbers-and-timezones, docs/paging-results). 50 numbers per query keep the usual answer on one
 * page, and every `next` page is still read: a listed number must never come out `listed: false`.
 */
const NUMBERS_PER_QUERY = 50;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runInBatches(this, {
			batchSize: NUMBERS_PER_QUERY,
			identify: ({ listId, query }) => ({ phoneNumber: query.phone_number, doNotCallListId: listId }),
			prepare(this: IExecuteFunctions, i: number) {
				const listId = readLocatorValue(this, i, 'dncListId', 'Do-Not-Call List');
				const query: IDataObject = { phone_number: must(this, i, 'Phone Number', normalizePhoneE164(this.getNodeParameter('phoneNumber', i, ''), readDefaultCountry(this, i))) };
				const tz = String(this.getNodeParameter('timezone', i, '') ?? '').trim();
				if (tz) query.timezone = checkTimezone(this, i, tz);
				return { listId, query };
			},
			async runBatch(batch, gate) {
				const results: IDataObject[] = new Array(batch.length);
				const byList = new Map<string, number[]>();
				batch.forEach((b, k) => byList.set(b.prepared.listId, [...(byList.get(b.prepared.listId) ?? []), k]));
				for (const [listId, positions] of byList) {
					const hits = await halList(this, {
						method: 'POST',
						path: `/do-not-call-lists/${pathSegment(listId)}/entries/queries`,
						body: { phone_numbers: positions.map((k) => batch[k].prepared.query) },
						pageParams: false,
						key: 'entries',
						action: `check ${positions.length} number(s) against do-not-call list "${listId}"`,
						scope: 'do-not-call-lists:manage',
						notFound: `do-not-call list with ID "${listId}"`,
						itemIndex: batch[positions[0]].itemIndex,
						gate,
					});
					positions.forEach((k) => {
						const phone = batch[k].prepared.query.phone_number;
						const entry = hits.find((h) => h.phone_number === phone);
						results[k] = { phone_number: phone, listed: !!entry, do_not_call_list_id: listId, ...(entry ? { entry: stripLinks(entry) } : {}) };
					});
				}
				return results;
			},
		},
		readBulkOptions(this),
	);
}
