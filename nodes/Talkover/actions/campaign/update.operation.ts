import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkDate, checkEnum, checkLength, collection, inputError, must, pathSegment, simplifyOption } from '../../../shared';
import { talkoverRequest, unwrap } from '../../transport';
import { apiNames, byVersion, campaignLocator, readLocatorValue, runPerItem } from '../common';
import { simplifyCampaign } from '../simplify';
import { CAMPAIGN_TYPES, callTimeRangesField, campaignTypeField, checkDays, checkRanges, checkTimezone, daysOfWeekField, optionalCampaignBody, optionalCampaignFields, timezoneField } from './fields';

const updateFieldList: INodeProperties[] = [
	{
		displayName: 'Agent Name or ID',
		name: 'agent_id',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAgents' },
		default: '',
		description: 'The voice agent that makes the calls. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{ ...callTimeRangesField, name: 'call_time_ranges' },
	{ ...campaignTypeField, name: 'campaign_type' },
	{
		displayName: 'Clear End Date',
		name: 'clear_end_date',
		type: 'boolean',
		default: false,
		description: 'Whether to remove the end date so the campaign runs until completed',
	},
	{ ...daysOfWeekField, name: 'days_of_week' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New campaign name, up to 255 characters' },
	{ displayName: 'Start Date', name: 'start_date', type: 'dateTime', default: '', description: 'First day of calling' },
	{ ...timezoneField, name: 'timezone' },
	...optionalCampaignFields,
];
const updateFields = [...updateFieldList].sort((a, b) => a.displayName.localeCompare(b.displayName));

export const description: INodeProperties[] = [
	campaignLocator(),
	...byVersion({
		...collection('updateFields'),
		options: updateFields,
	}),
	...simplifyOption(),
	{
		displayName: 'Talkover refuses changes while an active campaign still has calls waiting or in progress. Pause it first (Change Status → Pause), update, then Start it again.',
		name: 'updateNotice',
		type: 'notice',
		default: '',
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			const id = readLocatorValue(this, i, 'campaignId', 'Campaign');
			const values = apiNames(this.getNodeParameter('updateFields', i, {}) as IDataObject);
			const body: IDataObject = {};
			if (values.name !== undefined) body.name = must(this, i, 'Name', checkLength(String(values.name).trim(), 1, 255));
			if (values.campaign_type !== undefined) body.campaign_type = must(this, i, 'Campaign Type', checkEnum(values.campaign_type, CAMPAIGN_TYPES));
			if (values.agent_id !== undefined && values.agent_id !== '') body.agent_id = String(values.agent_id).trim();
			if (values.start_date !== undefined && values.start_date !== '') body.start_date = must(this, i, 'Start Date', checkDate(values.start_date));
			if (values.days_of_week !== undefined) body.days_of_week = checkDays(this, i, values.days_of_week);
			if (values.call_time_ranges !== undefined) body.call_time_ranges = checkRanges(this, i, values.call_time_ranges);
			if (values.timezone !== undefined) body.timezone = must(this, i, 'Time Zone', checkTimezone(values.timezone));
			const clearEnd = values.clear_end_date === true;
			for (const k of ['name', 'campaign_type', 'agent_id', 'start_date', 'days_of_week', 'call_time_ranges', 'timezone', 'clear_end_date']) delete values[k];
			Object.assign(body, optionalCampaignBody(this, i, values, body.start_date as string | undefined));
			if (clearEnd) {
				if (body.end_date) throw inputError(this, i, 'Clear End Date', 'is on while an End Date is given', 'Use one or the other.');
				body.end_date = null;
			}
			if (!Object.keys(body).length) throw inputError(this, i, 'Update Fields', 'is empty', 'Add at least one field to change.');
			return { id, body, simplify: this.getNodeParameter('simplify', i, true) as boolean };
		},
		async run({ id, body, simplify }, i, gate) {
			const campaign = unwrap(
				await talkoverRequest(this, { method: 'PUT', path: `/campaigns/${pathSegment(id)}`, body, action: `update campaign ${id}`, itemIndex: i, gate }),
			);
			return simplify ? simplifyCampaign(campaign) : campaign;
		},
	});
}
