import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment, simplifyOption } from '../../../shared';
import { talkoverRequest, unwrap } from '../../transport';
import { agentLocator, readLocatorValue, runPerItem } from '../common';
import { SIMPLIFY_ON_FROM_VERSION, simplifyAgent } from '../simplify';

export const description: INodeProperties[] = [agentLocator(), ...simplifyOption(SIMPLIFY_ON_FROM_VERSION)];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			return { id: readLocatorValue(this, i, 'agentId', 'Agent'), simplify: this.getNodeParameter('simplify', i, false) as boolean };
		},
		async run({ id, simplify }, i, gate) {
			const agent = unwrap(await talkoverRequest(this, { method: 'GET', path: `/agents/${pathSegment(id)}`, action: `get agent ${id}`, itemIndex: i, gate }));
			return simplify ? simplifyAgent(agent) : agent;
		},
	});
}
