import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { PollSource } from '../shared/polling';
import { latest, pollSources, shared } from '../shared/polling';
import { getCampaignOptions, getQueueOptions } from './methods/loadOptions';
import type { Portal } from './transport';
import { activityKey, getActivity, getAllLeads, getCampaigns, getPortal, getQueues } from './transport';

/** Lead Status Changed keeps one id → status pair per lead; beyond this many the trigger refuses (static data size). */
export const MAX_TRACKED_LEADS = 50_000;
const SAMPLE_WINDOW_SEC = 7 * 86_400;

function nowSec(): number {
	return Math.floor(Date.now() / 1000);
}

interface QueueCounts {
	idle: number;
	loggedIn: number;
}

function queueCounts(queue: IDataObject): QueueCounts {
	const agents = Array.isArray(queue.agents) ? (queue.agents as IDataObject[]) : [];
	const idle = typeof queue.idle_agents === 'number' ? queue.idle_agents : agents.filter((a) => a.logged_in && a.status === 'idle').length;
	const loggedIn = typeof queue.logged_in_agents === 'number' ? queue.logged_in_agents : agents.filter((a) => a.logged_in).length;
	return { idle, loggedIn };
}

export class QvoiceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'QVOICE Trigger',
		name: 'qvoiceTrigger',
		icon: { light: 'file:../../icons/qvoice.svg', dark: 'file:../../icons/qvoice.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		// n8n's node panel lists this trigger and the QVOICE node as one entry and shows this text for both.
		description:
			'Add and manage leads, read campaigns, queues and campaign activity on QVOICE and other fonoUC-based contact-center portals; or start a workflow on campaign activity, lead or campaign status changes and queue thresholds',
		defaults: { name: 'QVOICE Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'qvoiceApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				default: 'newActivity',
				options: [
					{
						name: 'Campaign Status Changed',
						value: 'campaignStatusChanged',
						description: 'A campaign was started, paused, stopped…',
					},
					{
						name: 'Lead Status Changed',
						value: 'leadStatusChanged',
						description: 'A lead of the chosen campaigns changed status (e.g. new → success)',
					},
					{
						name: 'New Campaign Activity',
						value: 'newActivity',
						description: 'A new dial attempt or lead-history record appeared',
					},
					{
						name: 'Queue Threshold',
						value: 'queueThreshold',
						description: 'Idle agents of a queue dropped below a number, or its logged-in agents changed',
					},
				],
			},
			{
				displayName: 'Campaign Names or IDs',
				name: 'campaigns',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getCampaigns' },
				default: [],
				required: true,
				description:
					'Campaigns whose leads to watch. Every poll reads all their leads, so pick only the ones you need. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { event: ['leadStatusChanged'] } },
			},
			{
				displayName: 'Campaign Names or IDs',
				name: 'campaignFilter',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getCampaigns' },
				default: [],
				description:
					'Only these campaigns (leave empty for all). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { event: ['campaignStatusChanged'] } },
			},
			{
				displayName: 'Queue Names or IDs',
				name: 'queues',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getQueues' },
				default: [],
				description:
					'Queues to watch (leave empty for all). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { event: ['queueThreshold'] } },
			},
			{
				displayName: 'Condition',
				name: 'condition',
				type: 'options',
				default: 'idleBelow',
				displayOptions: { show: { event: ['queueThreshold'] } },
				options: [
					{
						name: 'Idle Agents Drop Below',
						value: 'idleBelow',
						description: 'Fires once when the number of idle (logged-in, free) agents falls below the threshold',
					},
					{
						name: 'Logged-In Agents Change',
						value: 'loggedInChanged',
						description: 'Fires when the number of logged-in agents goes up or down',
					},
				],
			},
			{
				displayName: 'Threshold',
				name: 'threshold',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description: 'Fire when fewer than this many agents are idle',
				displayOptions: { show: { event: ['queueThreshold'], condition: ['idleBelow'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { event: ['newActivity', 'leadStatusChanged'] } },
				options: [
					{
						displayName: 'Include New Leads',
						name: 'includeNewLeads',
						type: 'boolean',
						default: false,
						description: 'Whether leads added since the last poll also fire (with previous_status empty)',
						displayOptions: { show: { '/event': ['leadStatusChanged'] } },
					},
					{
						displayName: 'Overlap (Seconds)',
						name: 'overlapSec',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 300,
						description:
							'Each poll looks back this far before the previous poll, to catch records written late or stamped by a portal clock that runs behind. Duplicates are removed.',
						displayOptions: { show: { '/event': ['newActivity'] } },
					},
				],
			},
		],
	};

	methods = {
		loadOptions: { getCampaigns: getCampaignOptions, getQueues: getQueueOptions },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const portal = shared(async () => await getPortal(this));
		let source: PollSource;
		if (event === 'newActivity') source = activitySource(this, portal);
		else if (event === 'leadStatusChanged') source = leadStatusSource(this, portal);
		else if (event === 'campaignStatusChanged') source = campaignStatusSource(this, portal);
		else if (event === 'queueThreshold') source = queueSource(this, portal);
		else throw new NodeOperationError(this.getNode(), `Unknown event "${event}"`);
		// One source per event, named after it: choosing another event starts a new baseline.
		return await pollSources(this, [source]);
	}
}

type PortalOf = () => Promise<Portal>;

function activitySource(ctx: IPollFunctions, portal: PortalOf): PollSource {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return {
		name: 'newActivity',
		compare: 'stream',
		clock: nowSec,
		// The window reaches back this far before the previous poll, for records written late or stamped by a portal
		// clock that runs behind; what the baseline's window returns is history (remembered, never emitted).
		overlap: Math.max(0, Number(options.overlapSec ?? 300) || 0),
		cursor: 'clock',
		fetch: async ({ manual, now, since }) =>
			await getActivity(ctx, await portal(), { startSec: manual ? now - SAMPLE_WINDOW_SEC : since ?? now, endSec: now, pageSize: 1000, unit: 'seconds' }),
		key: activityKey,
		time: (record) => Number(record.timestamp),
		emit: (record) => record,
		sample: (records) => (records.length ? [records[records.length - 1]] : []),
	};
}

function leadStatusSource(ctx: IPollFunctions, portal: PortalOf): PollSource {
	const campaigns = ((ctx.getNodeParameter('campaigns', []) as string[]) ?? []).map(String).filter(Boolean);
	if (!campaigns.length) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one campaign to watch', {
			description: 'Lead Status Changed compares the leads of the chosen campaigns between polls.',
		});
	}
	const includeNew = (ctx.getNodeParameter('options', {}) as IDataObject).includeNewLeads === true;
	// Lead ids are compared per campaign; the campaign a lead was read from is not part of its output.
	const campaignOf = new WeakMap<IDataObject, string>();
	return {
		name: 'leadStatusChanged',
		compare: 'snapshot',
		config: campaigns,
		fetch: async ({ manual }) => {
			if (manual) return await getAllLeads(ctx, await portal(), campaigns[0], { pageSize: 100, limit: 100 });
			const all: IDataObject[] = [];
			for (const campaignId of campaigns) {
				for (const lead of await getAllLeads(ctx, await portal(), campaignId, { pageSize: 1000 })) {
					campaignOf.set(lead, campaignId);
					all.push(lead);
				}
			}
			return all;
		},
		key: (lead) => `${campaignOf.get(lead) ?? ''}:${String(lead.id)}`,
		fingerprint: (lead) => String(lead.status ?? ''),
		emit: (lead, before) => {
			if (before !== undefined) return { ...lead, previous_status: before };
			return includeNew ? { ...lead, previous_status: null, new_lead: true } : undefined;
		},
		bound: {
			maxKeys: MAX_TRACKED_LEADS,
			refuse: {
				message: `The chosen campaigns hold more than ${MAX_TRACKED_LEADS} leads`,
				description: 'Lead Status Changed remembers every lead between polls. Watch fewer campaigns, or use New Campaign Activity instead.',
			},
		},
		sample: (leads) => {
			const newest = latest(leads, (l) => Number(l.created ?? 0));
			return newest ? [{ ...newest, previous_status: null }] : [];
		},
	};
}

function campaignStatusSource(ctx: IPollFunctions, portal: PortalOf): PollSource {
	const filter = ((ctx.getNodeParameter('campaignFilter', []) as string[]) ?? []).map(String);
	return {
		name: 'campaignStatusChanged',
		compare: 'snapshot',
		config: filter,
		fetch: async () => {
			const campaigns = (await getCampaigns(ctx, await portal())) as IDataObject[];
			return filter.length ? campaigns.filter((c) => filter.includes(String(c.id))) : campaigns;
		},
		key: (c) => String(c.id),
		fingerprint: (c) => String(c.status ?? ''),
		emit: (c, before) => (before === undefined ? undefined : { ...c, previous_status: before }),
		sample: (campaigns) => (campaigns.length ? [{ ...campaigns[0], previous_status: null }] : []),
	};
}

function queueSource(ctx: IPollFunctions, portal: PortalOf): PollSource {
	const chosen = ((ctx.getNodeParameter('queues', []) as string[]) ?? []).map(String);
	const condition = ctx.getNodeParameter('condition', 'idleBelow') as string;
	const threshold = Number(ctx.getNodeParameter('threshold', 1));
	const describe = (q: IDataObject, was?: QueueCounts): IDataObject => ({
		...q,
		condition,
		...(condition === 'idleBelow' ? { threshold } : {}),
		previous_idle_agents: was ? was.idle : null,
		previous_logged_in_agents: was ? was.loggedIn : null,
	});
	return {
		name: 'queueThreshold',
		compare: 'snapshot',
		config: [chosen, condition, threshold],
		fetch: async () => {
			const queues = await getQueues(ctx, await portal());
			return chosen.length ? queues.filter((q) => chosen.includes(String(q.id))) : queues;
		},
		key: (q) => String(q.id),
		fingerprint: queueCounts,
		emit: (q, before) => {
			if (before === undefined) return undefined;
			const was = before as QueueCounts;
			const now = queueCounts(q);
			// Edge-triggered: fire when the condition starts to hold, not on every poll while it holds.
			const fires = condition === 'idleBelow' ? now.idle < threshold && was.idle >= threshold : now.loggedIn !== was.loggedIn;
			return fires ? describe(q, was) : undefined;
		},
		sample: (queues) => (queues.length ? [describe(queues[0])] : []),
	};
}
