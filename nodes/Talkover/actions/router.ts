import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as agent from './agent/Agent.resource';
import * as call from './call/Call.resource';
import * as campaign from './campaign/Campaign.resource';
import * as campaignCall from './campaignCall/CampaignCall.resource';

type OperationModule = { execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[]> };

const resources: Record<string, Record<string, OperationModule>> = {
	agent: { get: agent.get, getAll: agent.getAll, makeCall: agent.makeCall },
	call: { getAll: call.getAll },
	campaign: {
		changeStatus: campaign.changeStatus,
		create: campaign.create,
		delete: campaign.delete,
		get: campaign.get,
		getAll: campaign.getAll,
		update: campaign.update,
	},
	campaignCall: { add: campaignCall.add },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = resources[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return [await module.execute.call(this)];
}
