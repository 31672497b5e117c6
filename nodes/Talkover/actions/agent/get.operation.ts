import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment } from '../../../shared';
import { talkoverRequest, unwrap } from '../../transport';
import { agentLocator, readLocatorValue, runPerItem } from '../common';

export const description: INodeProperties[] = [agentLocator()];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			return readLocatorValue(this, i, 'agentId', 'Agent');
		},
		async run(id, i, gate) {
			return unwrap(await talkoverRequest(this, { method: 'GET', path: `/agents/${pathSegment(id)}`, action: `get agent ${id}`, itemIndex: i, gate }));
		},
	});
}
