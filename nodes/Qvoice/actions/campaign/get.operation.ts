import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { executePerItem } from '../../../shared';
import { getCampaigns, getPortal } from '../../transport';
import { campaignLocator, getCampaignId } from '../common';

export const description: INodeProperties[] = [campaignLocator('The campaign to read')];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await (executePerItem<string>).call(this, {
		prepare(i) {
			return getCampaignId(this, i);
		},
		async run(campaignId, i) {
			const portal = await getPortal(this);
			const campaigns = await getCampaigns(this, portal, i);
			const found = campaigns.find((c) => c.id === campaignId);
			if (!found) {
				throw new NodeOperationError(this.getNode(), `Campaign "${campaignId}" was not found on the portal`, {
					itemIndex: i,
					description: `The portal lists ${campaigns.length} campaign(s) for this account. Pick the campaign from the list, or check the Account ID in the credential.`,
				});
			}
			return found;
		},
	});
}
