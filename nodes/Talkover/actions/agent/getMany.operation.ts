import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection } from '../../../shared';
import { directionFilter, filterQuery, readLimit, readList, returnAllAndLimit, runPerItem } from '../common';

export const description: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		...collection('filters'),
		options: [
			directionFilter,
			{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Words in the agent name or label' },
			{ displayName: 'Status', name: 'status', type: 'string', default: '', placeholder: 'e.g. published', description: 'Agent status as Talkover names it' },
		],
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			return { qs: filterQuery(this, i, this.getNodeParameter('filters', i, {}) as IDataObject), limit: readLimit(this, i) };
		},
		async run({ qs, limit }, i, gate) {
			return await readList(this, '/agents', qs, { limit, action: 'list agents', what: 'The agent list', itemIndex: i, gate });
		},
	});
}
