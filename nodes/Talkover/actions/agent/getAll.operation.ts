import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { simplifyOption } from '../../../shared/simplify';
import { listAllChecked } from '../../transport';
import { markIncomplete, returnAllAndLimit, runPerItem } from '../common';
import { SIMPLIFY_ON_FROM_VERSION, simplifyAgent } from '../simplify';

const show = { resource: ['agent'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				description: 'Only agents that take inbound calls, or only agents that make outbound calls',
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
	...simplifyOption(show, SIMPLIFY_ON_FROM_VERSION),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
			const qs: IDataObject = {};
			for (const [k, v] of Object.entries(filters)) if (v !== '' && v !== undefined && v !== null) qs[k] = v;
			const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
			return { qs, limit: returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number), simplify: this.getNodeParameter('simplify', i, false) as boolean };
		},
		async run({ qs, limit, simplify }, i, gate) {
			const read = await listAllChecked(this, '/agents', qs, { limit, action: 'list agents', itemIndex: i, gate });
			const items = simplify ? read.items.map(simplifyAgent) : read.items;
			return read.incomplete ? markIncomplete(this, i, 'The agent list', items, read.incomplete) : items;
		},
	});
}
