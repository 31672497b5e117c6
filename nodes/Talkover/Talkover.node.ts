import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceSelector } from '../shared';
import * as agent from './actions/agent/Agent.resource';
import * as call from './actions/call/Call.resource';
import * as campaign from './actions/campaign/Campaign.resource';
import * as campaignCall from './actions/campaignCall/CampaignCall.resource';
import { router } from './actions/router';
import { searchAgents, searchCampaigns } from './methods/listSearch';
import { getAgents, getCampaigns } from './methods/loadOptions';
import { operationSubtitle } from '../shared/subtitle';

export class Talkover implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Talkover',
		name: 'talkover',
		icon: { light: 'file:../../icons/talkover.svg', dark: 'file:../../icons/talkover.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Run Talkover.ai voice-agent calling campaigns: campaigns, contacts to call, calls and agents',
		defaults: { name: 'Talkover' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'talkoverApi', required: true }],
		properties: [
			resourceSelector('campaign', [
				{ name: 'Agent', value: 'agent', description: 'Voice agents; make a one-off call' },
				{ name: 'Call', value: 'call', description: 'Calls made and received' },
				{ name: 'Campaign', value: 'campaign', description: 'Calling campaigns and their status' },
				{ name: 'Campaign Call', value: 'campaignCall', description: 'A contact added to a campaign to be called' },
			]),
			...agent.description,
			...call.description,
			...campaign.description,
			...campaignCall.description,
		],
	};

	methods = {
		listSearch: { searchAgents, searchCampaigns },
		loadOptions: { getAgents, getCampaigns },
	};

	constructor() {
		// The canvas shows the subtitle: the action text ("Get many campaigns") reads better than "getAll: campaign".
		this.description.subtitle = operationSubtitle(this.description.properties);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
