import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pathSegment } from '../shared';
import { pollSources } from '../shared/polling';
import { CALL_STATUS_OPTIONS } from './actions/call/getMany.operation';
import { directionFilter } from './actions/common';
import { getAgents, getCampaigns } from './methods/loadOptions';
import { listAll } from './transport';

const DAY_MS = 86_400_000;

/** What a call looked like (status, duration, last update); a change fires "updated". */
function fingerprint(call: IDataObject): string {
	return [call.status, call.duration, call.updated_at ?? call.ended_at ?? ''].map((v) => String(v ?? '')).join('|');
}

function day(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

export class TalkoverCallsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Talkover Calls Trigger',
		name: 'talkoverCallsTrigger',
		icon: { light: 'file:../../icons/talkover.svg', dark: 'file:../../icons/talkover.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "new" ? "New call" : "New or updated call"}}',
		description: 'Starts the workflow when Talkover has a new call or a call changed status (checks on a schedule)',
		defaults: { name: 'Talkover Calls Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'talkoverApi', required: true }],
		properties: [
			{
				displayName: 'For n8n instances Talkover cannot reach from the internet. If yours is reachable, the Talkover Trigger (webhook) is faster and sends transcripts and reports too.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				default: 'newOrUpdated',
				options: [
					{ name: 'New Call', value: 'new', description: 'Each call once, when it first appears' },
					{ name: 'New or Updated Call', value: 'newOrUpdated', description: 'New calls, and again whenever a call\'s status or duration changes' },
				],
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'Agent Name or ID',
						name: 'agentId',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getAgents' },
						default: '',
						description: 'Only calls of this agent. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Campaign Name or ID',
						name: 'campaignId',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getCampaigns' },
						default: '',
						description: 'Only calls of this campaign (when Talkover includes the campaign in the call). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					directionFilter,
					{
						displayName: 'Status',
						name: 'status',
						type: 'options',
						default: 'completed',
						description: 'Only calls with this status; a call that reaches it counts as new',
						options: CALL_STATUS_OPTIONS,
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Look Back (Hours)',
						name: 'lookBackHours',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 720 },
						default: 48,
						description: 'How long after it started a call is still watched for changes. Longer catches late changes but fetches more each time.',
					},
				],
			},
		],
	};

	methods = { loadOptions: { getAgents, getCampaigns } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event', 'newOrUpdated') as string;
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const lookBackMs = Math.max(1, Number(options.lookBackHours ?? 48)) * 3_600_000;
		const qs: IDataObject = {};
		if (filters.status) qs.status = filters.status;
		if (filters.direction) qs.direction = filters.direction;
		const agentId = String(filters.agentId ?? '').trim();
		const path = agentId ? `/agents/${pathSegment(agentId)}/calls` : '/calls';
		const campaignId = String(filters.campaignId ?? '').trim();
		const keep = (call: IDataObject) => !campaignId || call.campaign_id === undefined || String(call.campaign_id) === campaignId;

		return await pollSources(this, [
			{
				name: 'calls',
				compare: 'snapshot',
				// Other filters or another window show other calls, which are not new: a change starts a new baseline.
				config: [qs, agentId, campaignId, lookBackMs],
				fetch: async ({ manual, now, since }) => {
					const from = manual ? now - 30 * DAY_MS : Math.min(since ?? now, now) - lookBackMs;
					// date_from is a calendar day whose time zone is not documented: one day earlier never misses a call.
					const query = { ...qs, date_from: day(from - DAY_MS) };
					// A manual sample needs one page; a poll reads the whole window.
					const calls = manual
						? await listAll(this, path, query, { limit: 100, action: 'list recent calls' })
						: await listAll(this, path, query, { action: 'list calls for the trigger' });
					return calls.filter(keep);
				},
				key: (call) => String(call.id),
				fingerprint,
				order: (call) => String(call.created_at ?? ''),
				emit: (call, before) => {
					if (before === undefined) return { ...call, change: 'new' };
					if (event === 'newOrUpdated') return { ...call, change: 'updated', previous_status: String(before).split('|')[0] };
					return undefined;
				},
				// Talkover lists newest first: the sample is the most recent matching call.
				sample: (calls) => (calls.length ? [{ ...calls[0], change: 'new' }] : []),
			},
		]);
	}
}
