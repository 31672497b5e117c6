import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection, simplifyOption } from '../../../shared';
import { byVersion, filterQuery, readLimit, readList, returnAllAndLimit, runPerItem } from '../common';
import { simplifyCampaign } from '../simplify';

export const description: INodeProperties[] = [
	...returnAllAndLimit(),
	...byVersion({
		...collection('filters'),
		options: [
			{
				displayName: 'Agent Name or ID',
				name: 'agent_id',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getAgents' },
				default: '',
				description: 'Only campaigns of this agent. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Campaign Type',
				name: 'campaign_type',
				type: 'options',
				description: 'Only campaigns of this type',
				default: 'sales',
				options: [
					{ name: 'Custom', value: 'custom' },
					{ name: 'Follow-Up', value: 'follow_up' },
					{ name: 'Reminder', value: 'reminder' },
					{ name: 'Sales', value: 'sales' },
				],
			},
			{ displayName: 'Created From', name: 'date_from', type: 'dateTime', default: '', description: 'Only campaigns from this day on' },
			{ displayName: 'Created To', name: 'date_to', type: 'dateTime', default: '', description: 'Only campaigns up to this day' },
			{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Words in the campaign name or description' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				description: 'Only campaigns with this status',
				default: 'active',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Cancelled', value: 'cancelled' },
					{ name: 'Completed', value: 'completed' },
					{ name: 'Draft', value: 'draft' },
					{ name: 'Paused', value: 'paused' },
				],
			},
		],
	}),
	...simplifyOption(),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			const qs = filterQuery(this, i, this.getNodeParameter('filters', i, {}) as IDataObject);
			return { qs, limit: readLimit(this, i), simplify: this.getNodeParameter('simplify', i, true) as boolean };
		},
		async run({ qs, limit, simplify }, i, gate) {
			const map = simplify ? simplifyCampaign : undefined;
			return await readList(this, '/campaigns', qs, { limit, action: 'list campaigns', what: 'The campaign list', itemIndex: i, gate, map });
		},
	});
}
