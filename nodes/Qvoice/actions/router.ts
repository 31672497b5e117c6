import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as call from './call/Call.resource';
import * as campaign from './campaign/Campaign.resource';
import * as campaignActivity from './campaignActivity/CampaignActivity.resource';
import type { OperationModule } from './common';
import * as lead from './lead/Lead.resource';
import * as queue from './queue/Queue.resource';

const OPERATIONS: Record<string, Record<string, OperationModule>> = {
	call: { setDispositionVoicemail: call.setDispositionVoicemail },
	campaign: { get: campaign.get, getMany: campaign.getMany },
	campaignActivity: { getMany: campaignActivity.getMany },
	lead: { add: lead.add, delete: lead.delete, getMany: lead.getMany, setStatus: lead.setStatus },
	queue: { getStatus: queue.getStatus },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = OPERATIONS[resource]?.[operation];
	if (!op) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for "${resource}"`);
	}
	return [await op.execute.call(this)];
}
