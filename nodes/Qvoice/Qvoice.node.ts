import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceSelector } from '../shared';
import * as call from './actions/call/Call.resource';
import * as campaign from './actions/campaign/Campaign.resource';
import * as campaignActivity from './actions/campaignActivity/CampaignActivity.resource';
import * as lead from './actions/lead/Lead.resource';
import * as queue from './actions/queue/Queue.resource';
import { router } from './actions/router';
import { searchCampaigns } from './methods/listSearch';
import { getCampaignOptions, getQueueOptions } from './methods/loadOptions';
import { operationSubtitle } from '../shared/subtitle';

export class Qvoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'QVOICE',
		name: 'qvoice',
		icon: { light: 'file:../../icons/qvoice.svg', dark: 'file:../../icons/qvoice.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Add and manage leads, read campaigns, queues and campaign activity on QVOICE and other fonoUC-based contact-center portals',
		defaults: { name: 'QVOICE' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'qvoiceApi', required: true }],
		properties: [
			resourceSelector('lead', [
				{ name: 'Call', value: 'call' },
				{ name: 'Campaign', value: 'campaign' },
				{ name: 'Campaign Activity', value: 'campaignActivity' },
				{ name: 'Lead', value: 'lead' },
				{ name: 'Queue', value: 'queue' },
			]),
			...call.description,
			...campaign.description,
			...campaignActivity.description,
			...lead.description,
			...queue.description,
		],
	};

	methods = {
		listSearch: { searchCampaigns },
		loadOptions: { getCampaigns: getCampaignOptions, getQueues: getQueueOptions },
	};

	constructor() {
		// The canvas shows the subtitle: the action text ("Get many campaigns") reads better than "getAll: campaign".
		this.description.subtitle = operationSubtitle(this.description.properties);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
