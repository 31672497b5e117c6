import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkIntegerRange, collection, executePerItem, must, simplifyOption } from '../../../shared';
import { getPortal, readAllLeads } from '../../transport';
import { campaignLocator, getCampaignId, markIncomplete, readLimit, returnAllAndLimit, simplifyLead } from '../common';

export const description: INodeProperties[] = [
	campaignLocator('The campaign whose leads to list'),
	...returnAllAndLimit(),
	...simplifyOption(),
	{
		displayName:
			'With the Status option set, the node reads every lead of the campaign, Page Size leads per request (the API has no status filter), and keeps the matching ones in n8n; Limit then counts matching leads. On a campaign with many thousands of leads this takes a while.',
		name: 'statusFilterNotice',
		type: 'notice',
		default: '',
	},
	{
		...collection('options'),
		options: [
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 500,
				description: 'How many leads to ask the portal for per request',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				placeholder: 'e.g. new',
				description: 'Only leads with this status, e.g. new, success or failed (several: separate with commas). Read in n8n from the full lead list.',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await (executePerItem<{ campaignId: string; limit: number | undefined; pageSize: number; statuses: string[]; simplify: boolean }>).call(this, {
		prepare(i) {
			const options = this.getNodeParameter('options', i, {}) as IDataObject;
			const statuses = String(options.status ?? '')
				.split(',')
				.map((s) => s.trim().toLowerCase())
				.filter(Boolean);
			return {
				campaignId: getCampaignId(this, i),
				limit: readLimit(this, i),
				pageSize: must(this, i, 'Page Size', checkIntegerRange(options.pageSize ?? 500, 1, 1000)),
				statuses,
				simplify: this.getNodeParameter('simplify', i, true) as boolean,
			};
		},
		async run(p, i) {
			const portal = await getPortal(this);
			// The API has no status filter: with one, read everything and keep the matches.
			const read = await readAllLeads(this, portal, p.campaignId, { pageSize: p.pageSize, limit: p.statuses.length ? undefined : p.limit, itemIndex: i });
			let leads = p.statuses.length ? read.items.filter((l) => p.statuses.includes(String(l.status ?? '').toLowerCase())) : read.items;
			if (p.limit !== undefined) leads = leads.slice(0, p.limit);
			if (p.simplify) leads = leads.map(simplifyLead);
			return read.incomplete ? markIncomplete(this, i, `The lead list of campaign "${p.campaignId}"`, leads, read.incomplete) : leads;
		},
	});
}
