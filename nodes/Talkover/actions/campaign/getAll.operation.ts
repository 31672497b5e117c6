import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkDate, must } from '../../../shared';
import { listAllChecked } from '../../transport';
import { markIncomplete, returnAllAndLimit, runPerItem } from '../common';
import { simplifyOption } from '../../../shared/simplify';
import { simplifyCampaign } from '../simplify';

const show = { resource: ['campaign'], operation: ['getAll'] };

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
	},
	...simplifyOption(show),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
			const qs: IDataObject = {};
			for (const [k, v] of Object.entries(filters)) {
				if (v === '' || v === undefined || v === null) continue;
				if (k === 'date_from') qs[k] = must(this, i, 'Created From', checkDate(v));
				else if (k === 'date_to') qs[k] = must(this, i, 'Created To', checkDate(v));
				else qs[k] = v;
			}
			const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
			const limit = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
			return { qs, limit, simplify: this.getNodeParameter('simplify', i, true) as boolean };
		},
		async run({ qs, limit, simplify }, i, gate) {
			const read = await listAllChecked(this, '/campaigns', qs, { limit, action: 'list campaigns', itemIndex: i, gate });
			const campaigns = simplify ? read.items.map(simplifyCampaign) : read.items;
			return read.incomplete ? markIncomplete(this, i, 'The campaign list', campaigns, read.incomplete) : campaigns;
		},
	});
}
