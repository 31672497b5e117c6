import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment } from '../../../shared';
import { talkdeskRequest } from '../../transport';
import { campaignLocator, readLocatorValue, runPerItem, simplifyCampaign, simplifyOption, stripLinks } from '../common';

export const description: INodeProperties[] = [campaignLocator(), ...simplifyOption()];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(this: IExecuteFunctions, i: number) {
			return { id: readLocatorValue(this, i, 'campaignId', 'Campaign'), simplify: this.getNodeParameter('simplify', i, true) as boolean };
		},
		async run(p, i, gate) {
			const c = await talkdeskRequest(this, {
				method: 'GET',
				path: `/campaigns/${pathSegment(p.id)}`,
				action: `get campaign "${p.id}"`,
				scope: 'campaigns:read',
				notFound: `campaign with ID "${p.id}"`,
				itemIndex: i,
				gate,
			});
			return p.simplify ? simplifyCampaign(c) : stripLinks(c);
		},
	});
}
