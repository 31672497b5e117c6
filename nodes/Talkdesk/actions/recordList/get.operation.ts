import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment } from '../../../shared';
import { talkdeskRequest } from '../../transport';
import { readLocatorValue, recordListLocator, runPerItem, stripLinks } from '../common';

export const description: INodeProperties[] = [recordListLocator()];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(this: IExecuteFunctions, i: number) {
			return readLocatorValue(this, i, 'recordListId', 'Record List');
		},
		async run(id, i, gate) {
			const list = await talkdeskRequest(this, {
				method: 'GET',
				path: `/record-lists/${pathSegment(id)}`,
				action: `get record list "${id}"`,
				scope: 'record-lists:manage',
				notFound: `record list with ID "${id}"`,
				itemIndex: i,
				gate,
			});
			return stripLinks(list);
		},
	});
}
