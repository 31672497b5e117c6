import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { pathSegment } from '../shared';
import { simplifyCampaign, stripLinks } from './actions/common';
import * as listSearch from './methods/listSearch';
import { halList } from './transport';

/** Campaign id → [status, action_required]. */
type CampaignState = Record<string, [string, boolean]>;

interface RecordState {
	listId: string;
	/** Highest created_at seen, and the ids seen at exactly that instant (ties are common in bulk imports). */
	watermark: string;
	idsAtWatermark: string[];
}

interface TriggerState {
	campaigns?: CampaignState;
	records?: RecordState;
}

// Bounds the stored state; an account with more campaigns than this still works, it only stores this many.
const MAX_CAMPAIGNS_KEPT = 20_000;
const MAX_IDS_AT_WATERMARK = 1_000;

const CAMPAIGN_EVENTS = ['campaignNeedsAction', 'campaignStatusChanged', 'newCampaign'];

export class TalkdeskCampaignsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Talkdesk Campaigns Trigger',
		name: 'talkdeskCampaignsTrigger',
		icon: { light: 'file:../../icons/talkdesk.svg', dark: 'file:../../icons/talkdesk.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts a workflow when a Talkdesk campaign changes status, is created or needs action, or when a record is added to a list (checks on a schedule)',
		defaults: { name: 'Talkdesk Campaigns Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'talkdeskOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Campaign Needs Action', value: 'campaignNeedsAction', description: 'A campaign\'s "action required" flag turned on (e.g. it has no records left or lost its numbers)' },
					{ name: 'Campaign Status Changed', value: 'campaignStatusChanged', description: 'A campaign went e.g. from Ready to Running or from Running to Paused; gives the previous and new status' },
					{ name: 'New Campaign', value: 'newCampaign', description: 'A campaign was created' },
					{ name: 'New Record in List', value: 'newRecord', description: 'A record (lead) was added to the chosen record list' },
				],
				default: ['campaignStatusChanged'],
				description: 'What to watch. The first check after activation only notes the current state; changes after that fire once each.',
			},
			{
				displayName: 'Record List',
				name: 'recordListId',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				required: true,
				description: 'The record list to watch for new records',
				displayOptions: { show: { events: ['newRecord'] } },
				modes: [
					{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchRecordLists', searchable: true } },
					{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 4f1c9c1e-2b7a-4b8e-9a55-0d3c2c6f9e01' },
				],
			},
		],
	};

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as string[];
		if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event in Events');
		const watchCampaigns = events.some((e) => CAMPAIGN_EVENTS.includes(e));
		const listId = events.includes('newRecord')
			? String(this.getNodeParameter('recordListId', '', { extractValue: true }) ?? '').trim()
			: '';
		if (events.includes('newRecord') && !listId) {
			throw new NodeOperationError(this.getNode(), 'Record List is empty', { description: 'Pick the record list to watch for new records.' });
		}

		// Fetch everything first; static data changes only after every request succeeded.
		const campaigns = watchCampaigns
			? await halList(this, { path: '/campaigns', key: 'campaigns', action: 'check campaigns for changes', scope: 'campaigns:read' })
			: [];
		const records = listId
			? await halList(this, {
					path: `/record-lists/${pathSegment(listId)}/records`,
					key: 'records',
					action: `check record list "${listId}" for new records`,
					scope: 'record-lists:manage',
					notFound: `record list with ID "${listId}"`,
				})
			: [];

		if (this.getMode() === 'manual') return sample(this, events, campaigns, records, listId);

		const state = this.getWorkflowStaticData('node') as TriggerState;
		const out: IDataObject[] = [];

		if (watchCampaigns) {
			const previous = state.campaigns;
			const next: CampaignState = {};
			for (const c of campaigns) {
				const id = String(c.id);
				const status = String(c.status ?? '');
				const needsAction = c.action_required === true;
				if (Object.keys(next).length < MAX_CAMPAIGNS_KEPT) next[id] = [status, needsAction];
				if (!previous) continue; // First poll after activation: baseline only.
				const before = previous[id];
				const summary = simplifyCampaign(c);
				if (!before) {
					if (events.includes('newCampaign')) out.push({ event: 'newCampaign', campaign_id: id, campaign_name: c.name, status, campaign: summary });
					if (events.includes('campaignNeedsAction') && needsAction) out.push({ event: 'campaignNeedsAction', campaign_id: id, campaign_name: c.name, status, campaign: summary });
					continue;
				}
				if (events.includes('campaignStatusChanged') && before[0] !== status) {
					out.push({ event: 'campaignStatusChanged', campaign_id: id, campaign_name: c.name, previous_status: before[0], status, campaign: summary });
				}
				if (events.includes('campaignNeedsAction') && needsAction && !before[1]) {
					out.push({ event: 'campaignNeedsAction', campaign_id: id, campaign_name: c.name, status, campaign: summary });
				}
			}
			state.campaigns = next;
		} else delete state.campaigns;

		if (listId) {
			const previous = state.records && state.records.listId === listId ? state.records : undefined;
			let watermark = previous?.watermark ?? '';
			const seen = new Set(previous?.idsAtWatermark ?? []);
			const fresh: IDataObject[] = [];
			for (const r of records) {
				const at = String(r.created_at ?? '');
				const id = String(r.id);
				if (previous && (at > previous.watermark || (at === previous.watermark && !seen.has(id)))) fresh.push(r);
			}
			for (const r of records) {
				const at = String(r.created_at ?? '');
				if (at > watermark) watermark = at;
			}
			const idsAtWatermark = records
				.filter((r) => String(r.created_at ?? '') === watermark)
				.map((r) => String(r.id))
				.slice(-MAX_IDS_AT_WATERMARK);
			if (previous && watermark === previous.watermark) for (const id of previous.idsAtWatermark) if (!idsAtWatermark.includes(id)) idsAtWatermark.push(id);
			state.records = { listId, watermark, idsAtWatermark: idsAtWatermark.slice(-MAX_IDS_AT_WATERMARK) };
			fresh.sort((a, b) => String(a.created_at ?? '').localeCompare(String(b.created_at ?? '')));
			for (const r of fresh) out.push({ event: 'newRecord', record_list_id: listId, record_id: r.id, record: stripLinks(r) });
		} else delete state.records;

		return out.length ? [this.helpers.returnJsonArray(out)] : null;
	}
}

/** Manual "Fetch Test Event": the latest real item for the first chosen event, without touching the state. */
function sample(
	ctx: IPollFunctions,
	events: string[],
	campaigns: IDataObject[],
	records: IDataObject[],
	listId: string,
): INodeExecutionData[][] | null {
	const latest = (rows: IDataObject[]) =>
		rows.reduce<IDataObject | undefined>((best, r) => (!best || String(r.created_at ?? '') > String(best.created_at ?? '') ? r : best), undefined);
	const out: IDataObject[] = [];
	for (const event of events) {
		if (event === 'newRecord') {
			const r = latest(records);
			if (r) out.push({ event, record_list_id: listId, record_id: r.id, record: stripLinks(r) });
		} else {
			const pool = event === 'campaignNeedsAction' ? campaigns.filter((c) => c.action_required === true) : campaigns;
			const c = latest(pool);
			if (!c) continue;
			const item: IDataObject = { event, campaign_id: c.id, campaign_name: c.name, status: c.status, campaign: simplifyCampaign(c) };
			if (event === 'campaignStatusChanged') item.previous_status = null;
			out.push(item);
		}
		if (out.length) break;
	}
	return out.length ? [ctx.helpers.returnJsonArray(out)] : null;
}
