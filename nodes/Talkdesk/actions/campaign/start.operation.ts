import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { bulkOptions, campaignLocator } from '../common';
import { setCampaignStatus } from './setStatus';

export const description: INodeProperties[] = [campaignLocator(), bulkOptions()];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await setCampaignStatus.call(this, 'running');
}
