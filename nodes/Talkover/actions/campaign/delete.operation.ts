import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment } from '../../../shared';
import { talkoverRequest } from '../../transport';
import { campaignLocator, locatorValue, runPerItem } from '../common';

const show = { resource: ['campaign'], operation: ['delete'] };

export const description: INodeProperties[] = [
	{ ...campaignLocator(), displayOptions: { show } },
	{
		displayName: 'Deleting also removes the campaign\'s calls and files. Talkover refuses to delete an active campaign: pause, complete or cancel it first.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			return locatorValue(this, i, 'campaignId', 'Campaign');
		},
		async run(id, i, gate) {
			await talkoverRequest(this, { method: 'DELETE', path: `/campaigns/${pathSegment(id)}`, action: `delete campaign ${id}`, hint: { action: 'delete campaign', field: 'Campaign', id }, itemIndex: i, gate });
			return { id, deleted: true };
		},
	});
}
