import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkIntegerRange, collection, defaultCountryOption, must, pathSegment } from '../../../shared';
import { talkoverRequest, unwrap } from '../../transport';
import { agentLocator, callBody, keyValueCollection, readLocatorValue, runPerItem } from '../common';

export const description: INodeProperties[] = [
	{
		displayName: 'This dials a real person right away (or after the delay), outside any campaign: no calling hours, retries or do-not-call check apply. Use Testing while you build the workflow.',
		name: 'realCallNotice',
		type: 'notice',
		default: '',
	},
	agentLocator({ description: 'The voice agent that makes the call' }),
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +12135550123',
		description: 'The number to call, with country code',
	},
	keyValueCollection('Prompt Variables', 'promptVariables', 'Values the agent can use in the conversation, e.g. first_name = Ana'),
	keyValueCollection('Context', 'context', 'Your own reference data, echoed in the call\'s webhook events'),
	{
		...collection('options'),
		options: [
			{
				displayName: 'Delay (Seconds)',
				name: 'delaySeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 3600 },
				default: 0,
				description: 'Wait this long before dialing, 0 to 3600 seconds (one hour)',
			},
			defaultCountryOption(),
			{ displayName: 'Testing', name: 'isTesting', type: 'boolean', default: false, description: 'Whether to mark the call as a test call in Talkover' },
		],
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		identify: ({ agentId, body }: { agentId: string; body: IDataObject }) => ({ phoneNumber: body.to, agentId }),
		prepare(i) {
			const options = this.getNodeParameter('options', i, {}) as IDataObject;
			const body = callBody(this, i, options);
			if (options.delaySeconds !== undefined) body.delay_seconds = must(this, i, 'Delay (Seconds)', checkIntegerRange(options.delaySeconds, 0, 3600));
			return { agentId: readLocatorValue(this, i, 'agentId', 'Agent'), body };
		},
		async run({ agentId, body }, i, gate) {
			const response = await talkoverRequest(this, {
				method: 'POST',
				path: `/agents/${pathSegment(agentId)}/call`,
				body,
				action: `call ${String(body.to)} with agent ${agentId}`,
				itemIndex: i,
				gate,
			});
			return unwrap(response);
		},
	});
}
