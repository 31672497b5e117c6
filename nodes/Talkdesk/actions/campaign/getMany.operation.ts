import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection } from '../../../shared';
import { halList } from '../../transport';
import { readLimit, returnAllAndLimit, runPerItem, simplifyCampaign, simplifyOption, stripLinks } from '../common';

export const description: INodeProperties[] = [
	...returnAllAndLimit(),
	...simplifyOption(),
	{
		...collection('filters'),
		options: [
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only campaigns whose name contains this text (not case-sensitive; filtered by the node)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				options: [
					{ name: 'Incomplete', value: 'INCOMPLETE' },
					{ name: 'Paused', value: 'PAUSED' },
					{ name: 'Ready', value: 'READY' },
					{ name: 'Running', value: 'RUNNING' },
				],
				default: [],
				description: 'Only campaigns in these states (filtered by the node)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(this: IExecuteFunctions, i: number) {
			const filters = this.getNodeParameter('filters', i, {}) as { name?: string; status?: string[] };
			return {
				limit: readLimit(this, i),
				simplify: this.getNodeParameter('simplify', i, true) as boolean,
				name: (filters.name ?? '').toLowerCase(),
				status: filters.status ?? [],
			};
		},
		async run(p, i, gate) {
			const filtering = !!p.name || p.status.length > 0;
			// The API documents no filters, so with a filter the node reads every page and filters itself.
			const all = await halList(this, {
				path: '/campaigns',
				key: 'campaigns',
				action: 'list campaigns',
				scope: 'campaigns:read',
				limit: filtering ? undefined : p.limit,
				itemIndex: i,
				gate,
			});
			let campaigns = all.filter(
				(c) =>
					(!p.name || String(c.name ?? '').toLowerCase().includes(p.name)) &&
					(!p.status.length || p.status.includes(String(c.status))),
			);
			if (p.limit !== undefined) campaigns = campaigns.slice(0, p.limit);
			return campaigns.map((c) => (p.simplify ? simplifyCampaign(c) : stripLinks(c)));
		},
	});
}
