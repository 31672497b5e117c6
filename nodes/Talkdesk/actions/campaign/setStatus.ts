import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { pathSegment } from '../../../shared';
import { talkdeskRequest } from '../../transport';
import { readBulkOptions, readLocatorValue, runPerItem, stripLinks } from '../common';

/**
 * Start and Pause are the one documented PATCH: {op: "REPLACE", path: "status", value}. The docs only show
 * "paused"; "running" for start is our reading (see README). Answers with the updated campaign.
 */
export async function setCampaignStatus(this: IExecuteFunctions, value: 'running' | 'paused'): Promise<INodeExecutionData[]> {
	const verb = value === 'running' ? 'start' : 'pause';
	return await runPerItem(this, {
			prepare(this: IExecuteFunctions, i: number) {
				return readLocatorValue(this, i, 'campaignId', 'Campaign');
			},
			async run(id, i, gate) {
				const c = await talkdeskRequest(this, {
					method: 'PATCH',
					path: `/campaigns/${pathSegment(id)}`,
					body: { op: 'REPLACE', path: 'status', value },
					// Setting a status twice has the same effect, so a retry after a dropped connection is safe.
					idempotent: true,
					action: `${verb} campaign "${id}"`,
					scope: 'campaigns:write',
					notFound: `campaign with ID "${id}"`,
					itemIndex: i,
					gate,
				});
				return stripLinks(c);
			},
		},
		readBulkOptions(this),
	);
}
