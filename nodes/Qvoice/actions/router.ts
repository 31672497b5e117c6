import type { AllEntities, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ResourceModules } from '../../shared';
import { routeOperation } from '../../shared';
import * as call from './call/Call.resource';
import * as campaign from './campaign/Campaign.resource';
import * as campaignActivity from './campaignActivity/CampaignActivity.resource';
import * as lead from './lead/Lead.resource';
import * as queue from './queue/Queue.resource';

type QvoiceMap = {
	call: 'setDispositionVoicemail';
	campaign: 'get' | 'getMany';
	campaignActivity: 'getMany';
	lead: 'add' | 'delete' | 'getMany' | 'setStatus';
	queue: 'getStatus';
};

export type Qvoice = AllEntities<QvoiceMap>;

const resources: ResourceModules<QvoiceMap> = { call, campaign, campaignActivity, lead, queue };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, resources);
}
