import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment, simplifyOption } from '../../../shared';
import { talkoverRequest, unwrap } from '../../transport';
import { campaignLocator, readLocatorValue, runPerItem } from '../common';
import { simplifyCampaign } from '../simplify';

export const description: INodeProperties[] = [
	campaignLocator(),
	...simplifyOption(),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			return { id: readLocatorValue(this, i, 'campaignId', 'Campaign'), simplify: this.getNodeParameter('simplify', i, true) as boolean };
		},
		async run({ id, simplify }, i, gate) {
			const campaign = unwrap(await talkoverRequest(this, { method: 'GET', path: `/campaigns/${pathSegment(id)}`, action: `get campaign ${id}`, itemIndex: i, gate }));
			return simplify ? simplifyCampaign(campaign) : campaign;
		},
	});
}
