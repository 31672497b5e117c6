import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment } from '../../../shared';
import { halList } from '../../transport';
import { campaignLocator, readLimit, readLocatorValue, returnAllAndLimit, runPerItem, stripLinks } from '../common';

/**
 * A paginated list that belongs to one campaign (`/campaigns/{id}/users`, `/campaigns/{id}/numbers`): the same
 * fields and the same read, only the path, the HAL key and the words differ.
 */
export function campaignSubList(operation: string, key: string, what: string) {
	const description: INodeProperties[] = [campaignLocator(), ...returnAllAndLimit()];

	async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		return await runPerItem(this, {
			prepare(this: IExecuteFunctions, i: number) {
				return { id: readLocatorValue(this, i, 'campaignId', 'Campaign'), limit: readLimit(this, i) };
			},
			async run(p, i, gate) {
				const rows = await halList(this, {
					path: `/campaigns/${pathSegment(p.id)}/${key}`,
					key,
					action: `get the ${what} of campaign "${p.id}"`,
					scope: 'campaigns:read',
					notFound: `campaign with ID "${p.id}"`,
					limit: p.limit,
					itemIndex: i,
					gate,
				});
				return rows.map((r) => ({ ...stripLinks(r), campaign_id: p.id }));
			},
		});
	}

	return { description, execute };
}
