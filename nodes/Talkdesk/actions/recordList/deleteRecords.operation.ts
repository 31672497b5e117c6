import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { inputError, must, normalizePhoneE164, pathSegment, readDefaultCountry, withDefaultCountry } from '../../../shared';
import { talkdeskRequest } from '../../transport';
import { bulkOptions, readBulkOptions, readLocatorValue, recordListLocator, runInBatches } from '../common';
import { deleteOutcomes, positionsByList } from './bulkOutcome';

export const description: INodeProperties[] = [
	recordListLocator(),
	{
		displayName: 'Delete By',
		name: 'deleteBy',
		type: 'options',
		description: 'How the records to delete are found',
		options: [
			{ name: 'External ID', value: 'externalId', description: 'Your CRM\'s ID for the record' },
			{ name: 'Phone Number', value: 'phoneNumber', description: 'Every record in the list with this number' },
			{ name: 'Record ID', value: 'id', description: 'Talkdesk\'s ID for the record' },
		],
		default: 'id',
	},
	{ displayName: 'Record ID', name: 'recordId', type: 'string', default: '', required: true, description: 'Talkdesk\'s ID of the record to delete (from Get Records or Add Records)', displayOptions: { show: { deleteBy: ['id'] } } },
	{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '', required: true, placeholder: 'e.g. +12135550123', description: 'Every record in the list with this number is deleted', displayOptions: { show: { deleteBy: ['phoneNumber'] } } },
	{ displayName: 'External ID', name: 'externalId', type: 'string', default: '', required: true, description: 'Your CRM\'s ID of the record, as given when it was added', displayOptions: { show: { deleteBy: ['externalId'] } } },
	{ displayName: 'External Provider', name: 'externalProvider', type: 'string', default: '', description: 'The system the External ID comes from, as given when the record was added', displayOptions: { show: { deleteBy: ['externalId'] } } },
	withDefaultCountry(bulkOptions()),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runInBatches(this, {
			batchSize: 100,
			identify: ({ listId, selector }) => ({ ...selector, recordListId: listId }),
			prepare(this: IExecuteFunctions, i: number) {
				const listId = readLocatorValue(this, i, 'recordListId', 'Record List');
				const by = this.getNodeParameter('deleteBy', i, 'id') as string;
				let selector: IDataObject;
				if (by === 'phoneNumber') selector = { phone_number: must(this, i, 'Phone Number', normalizePhoneE164(this.getNodeParameter('phoneNumber', i, ''), readDefaultCountry(this, i))) };
				else if (by === 'externalId') {
					const externalId = String(this.getNodeParameter('externalId', i, '')).trim();
					if (!externalId) throw inputError(this, i, 'External ID', 'is empty');
					const provider = String(this.getNodeParameter('externalProvider', i, '')).trim();
					selector = { ...(provider ? { external_provider: provider } : {}), external_id: externalId };
				} else {
					const id = String(this.getNodeParameter('recordId', i, '')).trim();
					if (!id) throw inputError(this, i, 'Record ID', 'is empty');
					selector = { id };
				}
				return { listId, selector };
			},
			async runBatch(batch, gate) {
				const results: Array<IDataObject | Error> = new Array(batch.length);
				const node = this.getNode();
				for (const [listId, positions] of positionsByList(batch)) {
					const body = await talkdeskRequest(this, {
						method: 'DELETE',
						path: `/record-lists/${pathSegment(listId)}/records/bulks`,
						// delete-a-record: a bare array of selectors.
						body: positions.map((k) => batch[k].prepared.selector),
						// Not re-sent after a 5xx: a second try would report the records it already deleted as "not found".
						idempotent: false,
						action: `delete ${positions.length} record(s) from list "${listId}"`,
						scope: 'record-lists:manage',
						notFound: `record list with ID "${listId}"`,
						itemIndex: batch[positions[0]].itemIndex,
						gate,
					});
					const selectors = positions.map((k) => batch[k].prepared.selector);
					const outcomes = deleteOutcomes(body, selectors);
					positions.forEach((k, n) => {
						const o = outcomes[n];
						const sel = selectors[n];
						const itemIndex = batch[k].itemIndex;
						const what = sel.id ? `record "${String(sel.id)}"` : sel.phone_number ? `the record(s) with phone number ${String(sel.phone_number)}` : `the record with external ID "${String(sel.external_id)}"`;
						if (o.state === 'done') results[k] = { deleted: true, record_list_id: listId, ...sel };
						else if (o.state === 'failed') {
							const message = `Talkdesk did not delete ${what} from list "${listId}"`;
							const description = `${o.why[0].toUpperCase()}${o.why.slice(1)}.`;
							results[k] = new NodeApiError(node, { message, description } as JsonObject, { message, description, itemIndex });
						} else {
							results[k] = new NodeOperationError(node, `Could not tell whether ${what} was deleted: ${o.why}`, {
								itemIndex,
								description: 'Check the list in Talkdesk (Record List → Get Records). Deleting again is safe: a record that is already gone is only reported as not found.',
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
