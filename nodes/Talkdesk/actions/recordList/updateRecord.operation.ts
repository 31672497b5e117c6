import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection, inputError, pathSegment, withDefaultCountry } from '../../../shared';
import { talkdeskRequest } from '../../transport';
import { bulkOptions, phoneTypeOptions, readBulkOptions, readLocatorValue, recordListLocator, runPerItem, stripLinks } from '../common';
import { readPhone, readRecordFields, recordFields } from '../records';

export const description: INodeProperties[] = [
	recordListLocator(),
	{
		displayName: 'Record ID',
		name: 'recordId',
		type: 'string',
		default: '',
		required: true,
		description: 'The record to change (the ID from Get Records or Add Records)',
	},
	{
		...collection('updateFields'),
		options: [
			...recordFields().filter((p) => p.name !== 'otherPhones'),
			{
				displayName: 'Phone Numbers',
				name: 'phoneNumbers',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Phone Number',
				default: {},
				description: 'Replaces all of the record\'s phone numbers with these',
				options: [
					{
						displayName: 'Phone',
						name: 'phones',
						values: [
							{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '', placeholder: 'e.g. +12135550123' },
							{ displayName: 'Phone Type', name: 'phoneType', type: 'options', options: phoneTypeOptions, default: 'MOBILE' },
						],
					},
				],
			},
		],
	},
	withDefaultCountry(bulkOptions()),
];

/** The changes as JSON-patch operations, as Talkdesk's PATCH /records/{id} takes them. */
function toPatch(ctx: IExecuteFunctions, i: number, u: IDataObject): IDataObject[] {
	const fields = readRecordFields(ctx, i, u);
	const ops: IDataObject[] = [];
	for (const [key, value] of Object.entries(fields)) {
		if (key === 'extra_data') {
			// One op per key, so other custom fields on the record stay as they are.
			for (const [k, v] of Object.entries(value as IDataObject)) ops.push({ op: 'add', path: `/extra_data/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, value: v });
		} else ops.push({ op: 'replace', path: `/${key}`, value });
	}
	const phones = ((u.phoneNumbers as IDataObject | undefined)?.phones ?? []) as IDataObject[];
	if (phones.length) {
		ops.push({ op: 'replace', path: '/phone_numbers', value: phones.map((p, k) => readPhone(ctx, i, `Phone Number ${k + 1}`, p.phoneNumber, p.phoneType)) });
	}
	return ops;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
			identify: ({ listId, recordId }) => ({ recordId, recordListId: listId }),
			prepare(this: IExecuteFunctions, i: number) {
				const listId = readLocatorValue(this, i, 'recordListId', 'Record List');
				const recordId = String(this.getNodeParameter('recordId', i, '')).trim();
				if (!recordId) throw inputError(this, i, 'Record ID', 'is empty');
				const ops = toPatch(this, i, this.getNodeParameter('updateFields', i, {}) as IDataObject);
				if (!ops.length) throw inputError(this, i, 'Update Fields', 'has nothing to change', 'Add at least one field to update.');
				return { listId, recordId, ops };
			},
			async run(p, i, gate) {
				const record = await talkdeskRequest(this, {
					method: 'PATCH',
					path: `/record-lists/${pathSegment(p.listId)}/records/${pathSegment(p.recordId)}`,
					body: p.ops,
					// Replacing values with the same values is harmless, so a retry after a dropped connection is safe.
					idempotent: true,
					action: `update record "${p.recordId}"`,
					scope: 'record-lists:manage',
					notFound: `record "${p.recordId}" in list "${p.listId}" (or no such list)`,
					itemIndex: i,
					gate,
				});
				return { ...stripLinks(record), record_list_id: p.listId };
			},
		},
		readBulkOptions(this),
	);
}
