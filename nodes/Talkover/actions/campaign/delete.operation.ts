import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment } from '../../../shared';
import { talkoverRequest } from '../../transport';
import { campaignLocator, readLocatorValue, runPerItem } from '../common';

export const description: INodeProperties[] = [
	campaignLocator(),
	{
		displayName: 'Deleting also removes the campaign\'s calls and files. Talkover refuses to delete an active campaign: pause, complete or cancel it first.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			return readLocatorValue(this, i, 'campaignId', 'Campaign');
		},
		async run(id, i, gate) {
			await talkoverRequest(this, { method: 'DELETE', path: `/campaigns/${pathSegment(id)}`, action: `delete campaign ${id}`, hint: { action: 'delete campaign', field: 'Campaign', id }, itemIndex: i, gate });
			return { id, deleted: true };
		},
	});
}
