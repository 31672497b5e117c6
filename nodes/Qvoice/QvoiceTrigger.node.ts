import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { getCampaignOptions, getQueueOptions } from './methods/loadOptions';
import type { Portal } from './transport';
import { activityKey, getActivity, getAllLeads, getCampaigns, getPortal, getQueues } from './transport';

/** Lead Status Changed keeps one id → status pair per lead; beyond this many the trigger refuses (static data size). */
export const MAX_TRACKED_LEADS = 50_000;
const SAMPLE_WINDOW_SEC = 7 * 86_400;

interface PollResult {
	items: IDataObject[];
	/** State to store when the poll succeeded; undefined in manual mode (a test run commits nothing). */
	next?: IDataObject;
}

function nowSec(): number {
	return Math.floor(Date.now() / 1000);
}

function queueCounts(queue: IDataObject): { idle: number; loggedIn: number } {
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
		description: 'Starts a workflow on campaign activity, lead or campaign status changes and queue thresholds on QVOICE / fonoUC portals',
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
		const manual = this.getMode() === 'manual';
		const state = this.getWorkflowStaticData('node');
		const portal = await getPortal(this);
		// A change of settings starts over with a fresh baseline instead of diffing unrelated data.
		const configKey = JSON.stringify([
			event,
			event === 'leadStatusChanged' ? this.getNodeParameter('campaigns', []) : null,
			event === 'queueThreshold' ? [this.getNodeParameter('queues', []), this.getNodeParameter('condition', 'idleBelow'), this.getNodeParameter('threshold', 1)] : null,
		]);
		const previous = state.configKey === configKey ? (state.data as IDataObject | undefined) : undefined;

		let result: PollResult;
		if (event === 'newActivity') result = await pollActivity.call(this, portal, previous, manual);
		else if (event === 'leadStatusChanged') result = await pollLeadStatus.call(this, portal, previous, manual);
		else if (event === 'campaignStatusChanged') result = await pollCampaignStatus.call(this, portal, previous, manual);
		else if (event === 'queueThreshold') result = await pollQueues.call(this, portal, previous, manual);
		else throw new NodeOperationError(this.getNode(), `Unknown event "${event}"`);

		// Written only now, after every request succeeded: a failed poll commits nothing.
		if (!manual && result.next) {
			state.configKey = configKey;
			state.data = result.next;
		}
		return result.items.length ? [this.helpers.returnJsonArray(result.items)] : null;
	}
}

async function pollActivity(this: IPollFunctions, portal: Portal, previous: IDataObject | undefined, manual: boolean): Promise<PollResult> {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const overlap = Math.max(0, Number(options.overlapSec ?? 300) || 0);
	const now = nowSec();
	if (manual) {
		const records = await getActivity(this, portal, { startSec: now - SAMPLE_WINDOW_SEC, endSec: now, pageSize: 1000, unit: 'seconds' });
		return { items: records.length ? [records[records.length - 1]] : [] };
	}
	if (!previous || typeof previous.cursor !== 'number') {
		// The next poll looks back over the overlap, to before activation: what is already there is history, not
		// an event, so the baseline remembers it (by key, which also tolerates a portal clock running behind).
		const existing = await getActivity(this, portal, { startSec: now - overlap, endSec: now, pageSize: 1000, unit: 'seconds' });
		const seen: Record<string, number> = {};
		for (const record of existing) seen[activityKey(record)] = Number(record.timestamp ?? now);
		return { items: [], next: { cursor: now, seen } };
	}
	const seen = (previous.seen ?? {}) as Record<string, number>;
	const startSec = previous.cursor - overlap;
	const records = await getActivity(this, portal, { startSec, endSec: now, pageSize: 1000, unit: 'seconds' });
	const fresh: IDataObject[] = [];
	const nextSeen: Record<string, number> = {};
	for (const [key, ts] of Object.entries(seen)) if (ts >= now - overlap) nextSeen[key] = ts;
	for (const record of records) {
		const key = activityKey(record);
		const ts = Number(record.timestamp ?? now);
		if (seen[key] !== undefined || nextSeen[key] !== undefined) continue;
		fresh.push(record);
		// Only keys the next window can return again need remembering: memory stays bounded by the overlap.
		if (ts >= now - overlap) nextSeen[key] = ts;
	}
	fresh.sort((a, b) => Number(a.timestamp ?? 0) - Number(b.timestamp ?? 0));
	return { items: fresh, next: { cursor: now, seen: nextSeen } };
}

async function pollLeadStatus(this: IPollFunctions, portal: Portal, previous: IDataObject | undefined, manual: boolean): Promise<PollResult> {
	const campaigns = ((this.getNodeParameter('campaigns', []) as string[]) ?? []).map(String).filter(Boolean);
	if (!campaigns.length) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one campaign to watch', {
			description: 'Lead Status Changed compares the leads of the chosen campaigns between polls.',
		});
	}
	const options = this.getNodeParameter('options', {}) as IDataObject;
	if (manual) {
		const leads = await getAllLeads(this, portal, campaigns[0], { pageSize: 100, limit: 100 });
		const latest = leads.reduce<IDataObject | undefined>((a, b) => (!a || Number(b.created ?? 0) > Number(a.created ?? 0) ? b : a), undefined);
		return { items: latest ? [{ ...latest, previous_status: null }] : [] };
	}
	const current: Record<string, Record<string, string>> = {};
	const leadsById = new Map<string, IDataObject>();
	let tracked = 0;
	for (const campaignId of campaigns) {
		const leads = await getAllLeads(this, portal, campaignId, { pageSize: 1000 });
		tracked += leads.length;
		if (tracked > MAX_TRACKED_LEADS) {
			throw new NodeOperationError(this.getNode(), `The chosen campaigns hold more than ${MAX_TRACKED_LEADS} leads`, {
				description: 'Lead Status Changed remembers every lead between polls. Watch fewer campaigns, or use New Campaign Activity instead.',
			});
		}
		const map: Record<string, string> = {};
		for (const lead of leads) {
			map[String(lead.id)] = String(lead.status ?? '');
			leadsById.set(String(lead.id), lead);
		}
		current[campaignId] = map;
	}
	if (!previous) return { items: [], next: { leads: current } };
	const before = (previous.leads ?? {}) as Record<string, Record<string, string>>;
	const items: IDataObject[] = [];
	for (const [campaignId, map] of Object.entries(current)) {
		const old = before[campaignId] ?? {};
		for (const [id, status] of Object.entries(map)) {
			const was = old[id];
			if (was === undefined) {
				if (options.includeNewLeads === true) items.push({ ...leadsById.get(id), previous_status: null, new_lead: true });
			} else if (was !== status) {
				items.push({ ...leadsById.get(id), previous_status: was });
			}
		}
	}
	return { items, next: { leads: current } };
}

async function pollCampaignStatus(this: IPollFunctions, portal: Portal, previous: IDataObject | undefined, manual: boolean): Promise<PollResult> {
	const filter = ((this.getNodeParameter('campaignFilter', []) as string[]) ?? []).map(String);
	let campaigns = await getCampaigns(this, portal);
	if (filter.length) campaigns = campaigns.filter((c) => filter.includes(c.id));
	if (manual) return { items: campaigns.length ? [{ ...campaigns[0], previous_status: null }] : [] };
	const current: Record<string, string> = {};
	for (const c of campaigns) current[c.id] = c.status;
	if (!previous) return { items: [], next: { statuses: current } };
	const before = (previous.statuses ?? {}) as Record<string, string>;
	const items = campaigns
		.filter((c) => before[c.id] !== undefined && before[c.id] !== c.status)
		.map((c) => ({ ...c, previous_status: before[c.id] }));
	return { items, next: { statuses: current } };
}

async function pollQueues(this: IPollFunctions, portal: Portal, previous: IDataObject | undefined, manual: boolean): Promise<PollResult> {
	const chosen = ((this.getNodeParameter('queues', []) as string[]) ?? []).map(String);
	const condition = this.getNodeParameter('condition', 'idleBelow') as string;
	const threshold = Number(this.getNodeParameter('threshold', 1));
	let queues = await getQueues(this, portal);
	if (chosen.length) queues = queues.filter((q) => chosen.includes(String(q.id)));
	const current: Record<string, { idle: number; loggedIn: number }> = {};
	for (const q of queues) current[String(q.id)] = queueCounts(q);
	const describe = (q: IDataObject, was?: { idle: number; loggedIn: number }): IDataObject => ({
		...q,
		condition,
		...(condition === 'idleBelow' ? { threshold } : {}),
		previous_idle_agents: was ? was.idle : null,
		previous_logged_in_agents: was ? was.loggedIn : null,
	});
	if (manual) return { items: queues.length ? [describe(queues[0])] : [] };
	if (!previous) return { items: [], next: { queues: current } };
	const before = (previous.queues ?? {}) as Record<string, { idle: number; loggedIn: number }>;
	const items: IDataObject[] = [];
	for (const q of queues) {
		const was = before[String(q.id)];
		const now = current[String(q.id)];
		if (!was) continue;
		// Edge-triggered: fire when the condition starts to hold, not on every poll while it holds.
		if (condition === 'idleBelow' ? now.idle < threshold && was.idle >= threshold : now.loggedIn !== was.loggedIn) {
			items.push(describe(q, was));
		}
	}
	return { items, next: { queues: current } };
}
