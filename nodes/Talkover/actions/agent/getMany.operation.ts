import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection } from '../../../shared';
import { listAllChecked } from '../../transport';
import { markIncomplete, readLimit, returnAllAndLimit, runPerItem } from '../common';


export const description: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		...collection('filters'),
		options: [
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				default: 'outbound',
				options: [
					{ name: 'Inbound', value: 'inbound' },
					{ name: 'Outbound', value: 'outbound' },
				],
			},
			{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Words in the agent name or label' },
			{ displayName: 'Status', name: 'status', type: 'string', default: '', placeholder: 'e.g. published', description: 'Agent status as Talkover names it' },
		],
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
			const qs: IDataObject = {};
			for (const [k, v] of Object.entries(filters)) if (v !== '' && v !== undefined && v !== null) qs[k] = v;
			return { qs, limit: readLimit(this, i) };
		},
		async run({ qs, limit }, i, gate) {
			const read = await listAllChecked(this, '/agents', qs, { limit, action: 'list agents', itemIndex: i, gate });
			return read.incomplete ? markIncomplete(this, i, 'The agent list', read.items, read.incomplete) : read.items;
		},
	});
}
