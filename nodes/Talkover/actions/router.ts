import type { AllEntities, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ResourceModules } from '../../shared';
import { routeOperation } from '../../shared';
import * as agent from './agent/Agent.resource';
import * as call from './call/Call.resource';
import * as campaign from './campaign/Campaign.resource';
import * as campaignCall from './campaignCall/CampaignCall.resource';
import { V1_OPERATIONS } from './common';

type TalkoverMap = {
	agent: 'get' | 'getMany' | 'makeCall';
	call: 'getMany';
	campaign: 'changeStatus' | 'create' | 'delete' | 'get' | 'getMany' | 'update';
	campaignCall: 'add';
};

export type Talkover = AllEntities<TalkoverMap>;

const resources: ResourceModules<TalkoverMap> = { agent, call, campaign, campaignCall };

/** Version-1 operation values (e.g. `getAll`) → the module that runs them now. */
const aliases = Object.fromEntries(Object.entries(V1_OPERATIONS).flatMap(([current, old]) => old.map((o) => [o, current])));

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, resources, aliases);
}
