import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkDate, checkLength, collection, must, normalizePhoneE164, pathSegment, readDefaultCountry, requiredText, withDefaultCountry } from '../../../shared';
import { talkdeskRequest } from '../../transport';
import { bulkOptions, dncListLocator, readBulkOptions, readLocatorValue, runPerItem, stripLinks } from '../common';

export const description: INodeProperties[] = [
	dncListLocator(),
	requiredText('Phone Number', 'phoneNumber', 'e.g. +12135550123', 'The number that must not be called, with country code'),
	{
		...collection('additionalFields'),
		options: [
			{ displayName: 'Expiration Date', name: 'expirationDate', type: 'dateTime', default: '', description: 'From this date the number may be called again. Leave empty to block it for good.' },
			{ displayName: 'Reason', name: 'reason', type: 'string', default: '', description: 'Why the number is blocked, e.g. "Customer asked not to be called" (up to 255 characters)' },
		],
	},
	withDefaultCountry(bulkOptions()),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
			identify: ({ listId, body }) => ({ phoneNumber: body.phone_number, doNotCallListId: listId }),
			prepare(this: IExecuteFunctions, i: number) {
				const listId = readLocatorValue(this, i, 'dncListId', 'Do-Not-Call List');
				const a = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
				const body: IDataObject = { phone_number: must(this, i, 'Phone Number', normalizePhoneE164(this.getNodeParameter('phoneNumber', i, ''), readDefaultCountry(this, i))) };
				if (a.expirationDate) body.expiration_date = must(this, i, 'Expiration Date', checkDate(a.expirationDate));
				if (a.reason) body.reason = must(this, i, 'Reason', checkLength(String(a.reason), 1, 255));
				return { listId, body };
			},
			async run(p, i, gate) {
				const entry = await talkdeskRequest(this, {
					method: 'POST',
					path: `/do-not-call-lists/${pathSegment(p.listId)}/entries`,
					body: p.body,
					action: `add ${String(p.body.phone_number)} to do-not-call list "${p.listId}"`,
					scope: 'do-not-call-lists:manage',
					notFound: `do-not-call list with ID "${p.listId}"`,
					itemIndex: i,
					gate,
				});
				return { ...stripLinks(entry), do_not_call_list_id: p.listId };
			},
		},
		readBulkOptions(this),
	);
}
