import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { halList } from '../../transport';
import { readLimit, returnAllAndLimit, runPerItem, stripLinks } from '../common';

export const description: INodeProperties[] = [...returnAllAndLimit()];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(this: IExecuteFunctions, i: number) {
			return readLimit(this, i);
		},
		async run(limit, i, gate) {
			const lists = await halList(this, { path: '/record-lists', key: 'record_lists', action: 'list record lists', scope: 'record-lists:manage', limit, itemIndex: i, gate });
			return lists.map(stripLinks);
		},
	});
}
