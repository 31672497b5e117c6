import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { pathSegment, readLocatorValue } from '../shared';
import type { PollSource } from '../shared/polling';
import { latest, pollSources, shared } from '../shared/polling';
import { simplifyCampaign, stripLinks } from './actions/common';
import * as listSearch from './methods/listSearch';
import { halList } from './transport';

// Bounds of the stored state.
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
		// n8n's node panel lists this trigger and the Talkdesk Campaigns node as one entry and shows this text for both.
		description:
			'Manage Talkdesk outbound campaigns, record lists and do-not-call lists, or start a workflow when a campaign changes status, is created or needs action, or a record is added to a list (checked on a schedule)',
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
		const listId = events.includes('newRecord')
			? readLocatorValue(this, undefined, 'recordListId', 'Record List', 'Pick the record list to watch for new records.')
			: '';
		// The three campaign events share one read of the campaign list per poll.
		const campaigns = shared(async () => await halList(this, { path: '/campaigns', key: 'campaigns', action: 'check campaigns for changes', scope: 'campaigns:read' }));
		const sources: PollSource[] = [];
		for (const event of events) {
			if (event === 'newRecord') sources.push(recordSource(this, listId));
			else if (CAMPAIGN_EVENTS.includes(event)) sources.push(campaignSource(event, campaigns));
		}
		return await pollSources(this, sources);
	}
}

const createdAt = (row: IDataObject) => String(row.created_at ?? '');

function campaignEvent(event: string, c: IDataObject): IDataObject {
	return { event, campaign_id: c.id, campaign_name: c.name, status: c.status, campaign: simplifyCampaign(c) };
}

/** One campaign event: what is remembered per campaign is only what that event compares. */
function campaignSource(event: string, campaigns: () => Promise<IDataObject[]>): PollSource {
	const needsAction = (c: IDataObject) => c.action_required === true;
	const base = {
		name: event,
		compare: 'snapshot' as const,
		fetch: campaigns,
		key: (c: IDataObject) => String(c.id),
		order: createdAt,
		// An account with more campaigns than this still works; only the first this many are watched.
		bound: { maxKeys: MAX_CAMPAIGNS_KEPT },
	};
	if (event === 'newCampaign') {
		return { ...base, fingerprint: () => 0, emit: (c, before) => (before === undefined ? campaignEvent(event, c) : undefined), sample: (all) => sampleOf(event, all) };
	}
	if (event === 'campaignNeedsAction') {
		return {
			...base,
			fingerprint: needsAction,
			// A new campaign that already needs action fires too; one that stays flagged fires once.
			emit: (c: IDataObject) => (needsAction(c) ? campaignEvent(event, c) : undefined),
			sample: (all) => sampleOf(event, all.filter(needsAction)),
		};
	}
	return {
		...base,
		fingerprint: (c) => String(c.status ?? ''),
		emit: (c, before) => (before === undefined ? undefined : { ...campaignEvent(event, c), previous_status: before }),
		sample: (all) => sampleOf(event, all).map((item) => ({ ...item, previous_status: null })),
	};
}

function sampleOf(event: string, campaigns: IDataObject[]): IDataObject[] {
	const newest = latest(campaigns, createdAt);
	return newest ? [campaignEvent(event, newest)] : [];
}

function recordSource(ctx: IPollFunctions, listId: string): PollSource {
	const event = (r: IDataObject): IDataObject => ({ event: 'newRecord', record_list_id: listId, record_id: r.id, record: stripLinks(r) });
	return {
		name: 'newRecord',
		compare: 'stream',
		config: listId,
		// Talkdesk returns the whole list: the cursor is the newest created_at seen, and the ids at exactly that
		// instant are remembered (ties are common in bulk imports).
		cursor: 'rows',
		overlap: 0,
		time: (r) => Date.parse(createdAt(r)),
		bound: { maxKeys: MAX_IDS_AT_WATERMARK },
		fetch: async () =>
			await halList(ctx, {
				path: `/record-lists/${pathSegment(listId)}/records`,
				key: 'records',
				action: `check record list "${listId}" for new records`,
				scope: 'record-lists:manage',
				notFound: `record list with ID "${listId}"`,
			}),
		key: (r) => String(r.id),
		emit: event,
		sample: (records) => {
			const newest = latest(records, createdAt);
			return newest ? [event(newest)] : [];
		},
	};
}
