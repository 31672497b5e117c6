import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection, simplifyOption } from '../../../shared';
import { directionFilter, filterQuery, readLimit, readList, returnAllAndLimit, runPerItem } from '../common';
import { SIMPLIFY_ON_FROM_VERSION, simplifyAgent } from '../simplify';

export const description: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		...collection('filters'),
		options: [
			{ ...directionFilter, description: 'Only agents that take inbound calls, or only agents that make outbound calls' },
			{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Words in the agent name or label' },
			{ displayName: 'Status', name: 'status', type: 'string', default: '', placeholder: 'e.g. published', description: 'Agent status as Talkover names it' },
		],
	},
	...simplifyOption(SIMPLIFY_ON_FROM_VERSION),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			return { qs: filterQuery(this, i, this.getNodeParameter('filters', i, {}) as IDataObject), limit: readLimit(this, i), simplify: this.getNodeParameter('simplify', i, false) as boolean };
		},
		async run({ qs, limit, simplify }, i, gate) {
			return await readList(this, '/agents', qs, { limit, action: 'list agents', what: 'The agent list', itemIndex: i, gate, map: simplify ? simplifyAgent : undefined });
		},
	});
}
