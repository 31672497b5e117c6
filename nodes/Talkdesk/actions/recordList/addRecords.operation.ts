import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkLength, collection, must, pathSegment, requiredText, withDefaultCountry } from '../../../shared';
import { talkdeskRequest } from '../../transport';
import { bulkOptions, phoneTypeOptions, readBulkOptions, readLocatorValue, recordListLocator, runInBatches, stripLinks } from '../common';
import { readOtherPhones, readPhone, readRecordFields, recordFields } from '../records';
import { createOutcomes, positionsByList } from './bulkOutcome';

export const description: INodeProperties[] = [
	recordListLocator(),
	requiredText('Phone Number', 'phoneNumber', 'e.g. +12135550123', 'With country code. Spaces, dashes and brackets are removed; a missing country code is an error, never guessed.'),
	{ displayName: 'Phone Type', name: 'phoneType', type: 'options', options: phoneTypeOptions, default: 'MOBILE' },
	// Talkdesk requires both names on every record (record-lists-bulks: 1–80 characters each).
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', required: true, placeholder: 'e.g. Ana', description: '1–80 characters. Talkdesk requires it.' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', required: true, placeholder: 'e.g. Silva', description: '1–80 characters. Talkdesk requires it.' },
	{
		...collection('additionalFields'),
		options: recordFields().filter((p) => p.name !== 'firstName' && p.name !== 'lastName'),
	},
	withDefaultCountry(bulkOptions()),
];

interface Prepared {
	listId: string;
	record: IDataObject;
}

/** Talkdesk takes at most 100 records per bulk call. */
const BULK_SIZE = 100;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runInBatches(this, {
			batchSize: BULK_SIZE,
			identify: ({ listId, record }) => ({ phoneNumber: (record.phone_numbers as IDataObject[])[0]?.phone_number, recordListId: listId }),
			prepare(this: IExecuteFunctions, i: number): Prepared {
				const listId = readLocatorValue(this, i, 'recordListId', 'Record List');
				const a = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
				const main = readPhone(this, i, 'Phone Number', this.getNodeParameter('phoneNumber', i, ''), this.getNodeParameter('phoneType', i, 'MOBILE'));
				const names: IDataObject = {};
				for (const [param, label, key] of [
					['firstName', 'First Name', 'first_name'],
					['lastName', 'Last Name', 'last_name'],
				] as const) {
					// Older workflows kept the names under Additional Fields; the top-level field wins when set.
					const value = String(this.getNodeParameter(param, i, '') || (a[param] ?? '')).trim();
					names[key] = must(this, i, label, value ? checkLength(value, 1, 80) : { ok: false, problem: 'is empty', hint: 'Talkdesk requires a first and a last name on every record (1–80 characters).' });
				}
				return { listId, record: { phone_numbers: [main, ...readOtherPhones(this, i, a)], ...readRecordFields(this, i, a), ...names } };
			},
			async runBatch(batch, gate) {
				const results: Array<IDataObject | Error> = new Array(batch.length);
				const node = this.getNode();
				for (const [listId, positions] of positionsByList(batch)) {
					const sent = positions.map((k) => batch[k].prepared.record);
					const body = await talkdeskRequest(this, {
						method: 'POST',
						path: `/record-lists/${pathSegment(listId)}/records/bulks`,
						// record-lists-bulks: an object {"records": […]}, not a bare array.
						body: { records: sent },
						action: `add ${positions.length} record(s) to list "${listId}"`,
						scope: 'record-lists:manage',
						notFound: `record list with ID "${listId}"`,
						itemIndex: batch[positions[0]].itemIndex,
						gate,
					});
					const outcomes = createOutcomes(body, sent);
					positions.forEach((k, n) => {
						const o = outcomes[n];
						const itemIndex = batch[k].itemIndex;
						const phone = (sent[n].phone_numbers as IDataObject[])[0].phone_number as string;
						const who = `${phone}${sent[n].external_id ? ` (external ID ${String(sent[n].external_id)})` : ''}`;
						if (o.state === 'done') {
							const record = o.record ? stripLinks(o.record) : undefined;
							results[k] = { status: 'created', record_list_id: listId, id: record?.id, phone_number: phone, ...(record ? { record } : {}) };
						} else if (o.state === 'failed') {
							// Reported per item: the rest of the bulk was added and must show.
							const message = `Talkdesk did not add the record ${who} to list "${listId}"`;
							const description = `${o.why[0].toUpperCase()}${o.why.slice(1)}. Talkdesk gives no reason per record; common causes are a phone number the list already has (lists that check duplicates) or a value Talkdesk refuses.`;
							results[k] = new NodeApiError(node, { message, description } as JsonObject, { message, description, itemIndex });
						} else {
							results[k] = new NodeOperationError(node, `Could not tell whether the record ${who} was saved: ${o.why}`, {
								itemIndex,
								description: 'Check the list in Talkdesk (Record List → Get Records) before sending this record again, so that it is not added twice.',
							});
						}
					});
				}
				return results;
			},
		},
		readBulkOptions(this),
	);
}
