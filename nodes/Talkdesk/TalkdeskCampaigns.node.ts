import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceSelector } from '../shared';
import * as campaign from './actions/campaign/Campaign.resource';
import * as doNotCallList from './actions/doNotCallList/DoNotCallList.resource';
import * as recordList from './actions/recordList/RecordList.resource';
import { router } from './actions/router';
import * as listSearch from './methods/listSearch';
import { operationSubtitle } from '../shared/subtitle';

export class TalkdeskCampaigns implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Talkdesk Campaigns',
		name: 'talkdeskCampaigns',
		icon: { light: 'file:../../icons/talkdesk.svg', dark: 'file:../../icons/talkdesk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Talkdesk outbound campaigns, record lists and do-not-call lists',
		defaults: { name: 'Talkdesk Campaigns' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'talkdeskOAuth2Api', required: true }],
		properties: [
			resourceSelector('campaign', [
				{ name: 'Campaign', value: 'campaign' },
				{ name: 'Do-Not-Call List', value: 'doNotCallList' },
				{ name: 'Record List', value: 'recordList' },
			]),
			...campaign.description,
			...recordList.description,
			...doNotCallList.description,
		],
	};

	methods = { listSearch };

	constructor() {
		// The canvas shows the subtitle: the action text ("Get many campaigns") reads better than "getAll: campaign".
		this.description.subtitle = operationSubtitle(this.description.properties);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
