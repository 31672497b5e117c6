import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment } from '../../../shared';
import { halList } from '../../transport';
import { campaignLocator, locatorValue, readLimit, returnAllLimit, runPerItem, stripLinks } from '../common';

export const description: INodeProperties[] = [campaignLocator(['getUsers']), ...returnAllLimit('campaign', ['getUsers'])];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(this: IExecuteFunctions, i: number) {
			return { id: locatorValue(this, 'campaignId', i, 'Campaign'), limit: readLimit(this, i) };
		},
		async run(p, i, gate) {
			const rows = await halList(this, {
				path: `/campaigns/${pathSegment(p.id)}/users`,
				key: 'users',
				action: `get the assigned users of campaign "${p.id}"`,
				scope: 'campaigns:read',
				notFound: `campaign with ID "${p.id}"`,
				limit: p.limit,
				itemIndex: i,
				gate,
			});
			return rows.map((r) => ({ ...stripLinks(r), campaign_id: p.id }));
		},
	});
}
