import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment } from '../../../shared';
import { talkoverRequest, unwrap } from '../../transport';
import { agentLocator, locatorValue, runPerItem } from '../common';

const show = { resource: ['agent'], operation: ['get'] };

export const description: INodeProperties[] = [{ ...agentLocator(), displayOptions: { show } }];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			return locatorValue(this, i, 'agentId', 'Agent');
		},
		async run(id, i, gate) {
			return unwrap(await talkoverRequest(this, { method: 'GET', path: `/agents/${pathSegment(id)}`, action: `get agent ${id}`, itemIndex: i, gate }));
		},
	});
}
