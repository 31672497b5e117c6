import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection, executePerItem } from '../../../shared';
import { getCampaigns, getPortal } from '../../transport';
import { readLimit, returnAllAndLimit } from '../common';

export const description: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		...collection('filters'),
		options: [
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only campaigns whose name contains this text (not case-sensitive)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				placeholder: 'e.g. running',
				description: 'Only campaigns with this status, e.g. running, paused or stopped',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await (executePerItem<{ limit: number | undefined; name: string; status: string }>).call(this, {
		prepare(i) {
			const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
			return {
				limit: readLimit(this, i),
				name: String(filters.name ?? '').trim().toLowerCase(),
				status: String(filters.status ?? '').trim().toLowerCase(),
			};
		},
		async run(p, i) {
			const portal = await getPortal(this);
			let campaigns = await getCampaigns(this, portal, i);
			if (p.name) campaigns = campaigns.filter((c) => c.name.toLowerCase().includes(p.name));
			if (p.status) campaigns = campaigns.filter((c) => c.status.toLowerCase() === p.status);
			return p.limit === undefined ? campaigns : campaigns.slice(0, p.limit);
		},
	});
}
