import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkEnum, must, pathSegment } from '../../../shared';
import { CAMPAIGN_TRANSITIONS, STATUS_ACTION_NAMES, talkoverRequest, unwrap } from '../../transport';
import { campaignLocator, readLocatorValue, runPerItem } from '../common';

export const description: INodeProperties[] = [
	campaignLocator(),
	{
		displayName: 'Change To',
		name: 'targetStatus',
		type: 'options',
		default: 'active',
		required: true,
		description: 'Allowed: a draft can be started or cancelled; an active campaign paused, completed or cancelled; a paused one started again, completed or cancelled. Completed and cancelled are final.',
		options: [
			{ name: 'Cancel', value: 'cancelled', description: 'Stop for good; no more calls (final)' },
			{ name: 'Complete', value: 'completed', description: 'Mark as finished; no more calls (final)' },
			{ name: 'Pause', value: 'paused', description: 'Stop calling for now; start again later' },
			{ name: 'Start', value: 'active', description: 'Begin (or resume) calling the queued contacts — real people will be called' },
		],
	},
];

function allowedWords(from: string): string {
	const allowed = CAMPAIGN_TRANSITIONS[from] ?? [];
	return allowed.length ? allowed.map((s) => STATUS_ACTION_NAMES[s]).join(', ') : 'nothing (it is final)';
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			return {
				id: readLocatorValue(this, i, 'campaignId', 'Campaign'),
				target: must(this, i, 'Change To', checkEnum(this.getNodeParameter('targetStatus', i), ['active', 'paused', 'completed', 'cancelled'] as const)),
			};
		},
		async run({ id, target }, i, gate) {
			const campaign = unwrap(await talkoverRequest(this, { method: 'GET', path: `/campaigns/${pathSegment(id)}`, action: `get campaign ${id}`, itemIndex: i, gate }));
			const current = String(campaign.status ?? '');
			const name = campaign.name ? `"${String(campaign.name)}"` : id;
			// Already there: nothing to do, so re-running a workflow does not fail.
			if (current === target) return { id, name: campaign.name, previous_status: current, status: current, changed: false };
			if (current in CAMPAIGN_TRANSITIONS && !CAMPAIGN_TRANSITIONS[current].includes(target)) {
				throw new NodeOperationError(
					this.getNode(),
					`Cannot ${STATUS_ACTION_NAMES[target]} campaign ${name}: it is ${current}`,
					{
						itemIndex: i,
						description: `From ${current} the campaign can: ${allowedWords(current)}. Completed and cancelled campaigns cannot change any more.`,
					},
				);
			}
			const response = await talkoverRequest<IDataObject>(this, {
				method: 'PATCH',
				path: `/campaigns/${pathSegment(id)}/status`,
				body: { status: target },
				action: `${STATUS_ACTION_NAMES[target].toLowerCase()} campaign ${name} (change status from ${current} to ${target})`,
				hint: { action: 'change campaign status', field: 'Campaign', id },
				itemIndex: i,
				gate,
			});
			const data = unwrap(response);
			return { id, name: campaign.name, previous_status: current, status: data.status ?? target, changed: true, ...(data.updated_at ? { updated_at: data.updated_at } : {}) };
		},
	});
}
