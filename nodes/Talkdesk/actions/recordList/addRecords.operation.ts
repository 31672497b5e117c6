import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment, withDefaultCountry } from '../../../shared';
import { talkdeskRequest } from '../../transport';
import { bulkOptions, locatorValue, phoneTypeOptions, readBulkOptions, recordListLocator, runInBatches, show, stripLinks } from '../common';
import { readOtherPhones, readPhone, readRecordFields, recordFields } from '../records';

const d = show('recordList', ['addRecords']);

export const description: INodeProperties[] = [
	recordListLocator(['addRecords']),
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+12135550123',
		description: 'With country code. Spaces, dashes and brackets are removed; a missing country code is an error, never guessed.',
		displayOptions: d,
	},
	{ displayName: 'Phone Type', name: 'phoneType', type: 'options', options: phoneTypeOptions, default: 'MOBILE', displayOptions: d },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: d,
		options: recordFields(),
	},
	withDefaultCountry(bulkOptions('recordList', ['addRecords'])),
];

interface Prepared {
	listId: string;
	record: IDataObject;
}

/** Talkdesk takes at most 100 records per bulk call. */
const BULK_SIZE = 100;

/** Per-entry results of a bulk call, by `index` when given, else by position. Shape assumed (see README). */
export function bulkResults(body: unknown, count: number): Array<IDataObject | undefined> {
	const b = (body ?? {}) as IDataObject;
	const embedded = (b._embedded ?? {}) as IDataObject;
	const raw = (Array.isArray(body) ? body : (embedded.results ?? embedded.records ?? b.results ?? [])) as IDataObject[];
	const out: Array<IDataObject | undefined> = new Array(count);
	raw.forEach((r, k) => {
		const at = typeof r?.index === 'number' ? r.index : k;
		if (at >= 0 && at < count) out[at] = r;
	});
	return out;
}

export function isRejected(r: IDataObject): boolean {
	const status = String(r.status ?? r.status_code ?? '').toUpperCase();
	return status === 'FAILED' || status === 'ERROR' || status === 'REJECTED' || /^[45]\d\d$/.test(status) || !!r.errors;
}

export function rejection(r: IDataObject | undefined): IDataObject {
	if (!r) return { error: 'Talkdesk returned no result for this record' };
	const fields = (r.fields ?? r.errors ?? []) as IDataObject[];
	const reasons = Array.isArray(fields) ? fields.map((f) => `${String(f.name ?? '')} ${String(f.description ?? f.message ?? '')}`.trim()).filter(Boolean) : [];
	return { error: [r.message ?? r.description ?? 'Rejected by Talkdesk', ...reasons].join(' — '), fields };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runInBatches(this, {
			batchSize: BULK_SIZE,
			identify: ({ listId, record }) => ({ phoneNumber: (record.phone_numbers as IDataObject[])[0]?.phone_number, recordListId: listId }),
			prepare(this: IExecuteFunctions, i: number): Prepared {
				const listId = locatorValue(this, 'recordListId', i, 'Record List');
				const a = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
				const main = readPhone(this, i, 'Phone Number', this.getNodeParameter('phoneNumber', i, ''), this.getNodeParameter('phoneType', i, 'MOBILE'));
				return { listId, record: { phone_numbers: [main, ...readOtherPhones(this, i, a)], ...readRecordFields(this, i, a) } };
			},
			async runBatch(batch, gate) {
				const results: Array<IDataObject | Error> = new Array(batch.length);
				// One bulk call per list; a batch normally holds one list.
				const byList = new Map<string, number[]>();
				batch.forEach((b, k) => byList.set(b.prepared.listId, [...(byList.get(b.prepared.listId) ?? []), k]));
				for (const [listId, positions] of byList) {
					const body = await talkdeskRequest(this, {
						method: 'POST',
						path: `/record-lists/${pathSegment(listId)}/records/bulks`,
						body: positions.map((k) => batch[k].prepared.record),
						action: `add ${positions.length} record(s) to list "${listId}"`,
						scope: 'record-lists:manage',
						notFound: `record list with ID "${listId}"`,
						itemIndex: batch[positions[0]].itemIndex,
						gate,
					});
					const entries = bulkResults(body, positions.length);
					positions.forEach((k, n) => {
						const r = entries[n];
						const phone = (batch[k].prepared.record.phone_numbers as IDataObject[])[0].phone_number;
						if (!r || isRejected(r)) {
							// A rejected record is reported, not thrown: the rest of the bulk was added and must show.
							results[k] = { status: 'rejected', record_list_id: listId, phone_number: phone, ...rejection(r) };
						} else {
							const record = r.record && typeof r.record === 'object' ? stripLinks(r.record as IDataObject) : undefined;
							results[k] = { status: 'created', record_list_id: listId, id: r.id ?? record?.id, phone_number: phone, ...(record ? { record } : {}) };
						}
					});
				}
				return results;
			},
		},
		readBulkOptions(this),
	);
}
