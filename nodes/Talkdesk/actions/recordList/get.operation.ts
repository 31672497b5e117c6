import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment } from '../../../shared';
import { talkdeskRequest } from '../../transport';
import { locatorValue, recordListLocator, runPerItem, stripLinks } from '../common';

export const description: INodeProperties[] = [recordListLocator(['get'])];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(this: IExecuteFunctions, i: number) {
			return locatorValue(this, 'recordListId', i, 'Record List');
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
