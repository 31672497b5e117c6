import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkDate, checkEnum, checkLength, collection, must, simplifyOption } from '../../../shared';
import { talkoverRequest, unwrap } from '../../transport';
import { agentLocator, apiNames, byVersion, readLocatorValue, runPerItem } from '../common';
import { SIMPLIFY_ON_FROM_VERSION, simplifyCampaign } from '../simplify';
import { CAMPAIGN_TYPES, callTimeRangesField, campaignTypeField, checkDays, checkRanges, checkTimezone, daysOfWeekField, optionalCampaignBody, optionalCampaignFields, timezoneField } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'Campaign name, up to 255 characters',
	},
	{ ...campaignTypeField, required: true },
	agentLocator({ description: 'The voice agent that makes the calls' }),
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'First day of calling',
	},
	{ ...daysOfWeekField, required: true },
	callTimeRangesField,
	{ ...timezoneField, required: true },
	...byVersion({
		...collection('additionalFields'),
		options: optionalCampaignFields,
	}),
	...simplifyOption(SIMPLIFY_ON_FROM_VERSION),
	{
		displayName: 'The campaign is created as a draft: no one is called until you start it (Campaign → Change Status → Start) and add contacts (Campaign Call → Add).',
		name: 'createNotice',
		type: 'notice',
		default: '',
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			const startDate = must(this, i, 'Start Date', checkDate(this.getNodeParameter('startDate', i)));
			const body: IDataObject = {
				name: must(this, i, 'Name', checkLength(String(this.getNodeParameter('name', i, '')).trim(), 1, 255)),
				campaign_type: must(this, i, 'Campaign Type', checkEnum(this.getNodeParameter('campaignType', i), CAMPAIGN_TYPES)),
				agent_id: readLocatorValue(this, i, 'agentId', 'Agent'),
				start_date: startDate,
				days_of_week: checkDays(this, i, this.getNodeParameter('daysOfWeek', i, [])),
				call_time_ranges: checkRanges(this, i, this.getNodeParameter('callTimeRanges', i, {})),
				timezone: must(this, i, 'Time Zone', checkTimezone(this.getNodeParameter('timezone', i))),
			};
			Object.assign(body, optionalCampaignBody(this, i, apiNames(this.getNodeParameter('additionalFields', i, {}) as IDataObject), startDate));
			return { body, simplify: this.getNodeParameter('simplify', i, false) as boolean };
		},
		async run({ body, simplify }, i, gate) {
			const response = await talkoverRequest(this, {
				method: 'POST',
				path: '/campaigns',
				body,
				action: `create campaign "${String(body.name)}"`,
				itemIndex: i,
				gate,
			});
			const campaign = unwrap(response);
			return simplify ? simplifyCampaign(campaign) : campaign;
		},
	});
}
