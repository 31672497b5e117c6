import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { checkEnum, defaultCountryOption, must, pathSegment, readThroughputOptions, TALKOVER_THROUGHPUT, throughputCollection } from '../../../shared';
import { talkoverRequest } from '../../transport';
import { callBody, campaignLocator, keyValueCollection, readLocatorValue, runPerItem } from '../common';

export const description: INodeProperties[] = [
	{
		displayName: 'This dials real people: once the campaign is active, Talkover calls every number you add within the campaign\'s calling hours. Use Testing while you build the workflow.',
		name: 'realCallsNotice',
		type: 'notice',
		default: '',
	},
	campaignLocator({ description: 'The campaign to add the contact to. It must be active (started).' }),
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +12135550123',
		description: 'The number to call, with country code. Spaces, dashes and brackets are removed; a country code is never guessed.',
	},
	keyValueCollection('Prompt Variables', 'promptVariables', 'Values the agent can use in the conversation, e.g. first_name = Ana (sent as the call payload)'),
	keyValueCollection('Context', 'context', 'Your own reference data, e.g. crm_id = L-123. Talkover sends it back in this call\'s webhook events, so the Talkover Trigger output can be matched to your records.'),
	throughputCollection(TALKOVER_THROUGHPUT, undefined, [
		defaultCountryOption(),
		{
			displayName: 'Duplicate Numbers',
			name: 'duplicates',
			type: 'options',
			default: 'error',
			description: 'What to do when the number is already in this campaign',
			options: [
				{ name: 'Add Again', value: 'allow', description: 'Queue another call to the same number (allow duplicates)' },
				{ name: 'Fail the Item', value: 'error', description: 'Report it as an error for this item' },
				{ name: 'Skip', value: 'skip', description: 'Do not add it; output the existing call with skipped = true' },
			],
		},
		{
			displayName: 'Testing',
			name: 'isTesting',
			type: 'boolean',
			default: false,
			description: 'Whether to mark the call as a test call in Talkover',
		},
	]),
];

interface Prepared {
	campaignId: string;
	body: IDataObject;
	duplicates: 'error' | 'skip' | 'allow';
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this,
		{
			identify: ({ campaignId, body }: Prepared) => ({ phoneNumber: body.to, campaignId }),
			prepare(i): Prepared {
				const options = this.getNodeParameter('options', i, {}) as IDataObject;
				const duplicates = must(this, i, 'Duplicate Numbers', checkEnum(options.duplicates ?? 'error', ['error', 'skip', 'allow'] as const));
				const body = callBody(this, i, options);
				if (duplicates === 'allow') body.allow_duplicates = true;
				return { campaignId: readLocatorValue(this, i, 'campaignId', 'Campaign'), body, duplicates };
			},
			async run({ campaignId, body, duplicates }, i, gate) {
				let failure: unknown;
				try {
					const response = await talkoverRequest<IDataObject>(this, {
						method: 'POST',
						path: `/campaigns/${pathSegment(campaignId)}/call`,
						body,
						action: `add ${String(body.to)} to campaign ${campaignId}`,
						itemIndex: i,
						gate,
					});
					const data = (response.data && typeof response.data === 'object' ? response.data : response) as IDataObject;
					const call = (data.campaign_call ?? data) as IDataObject;
					return { ...call, ...(data.campaign ? { campaign: data.campaign } : {}), skipped: false };
				} catch (error) {
					failure = error;
				}
				// The transport marks a duplicate (and the existing call's id and status) on the error's context.
				if (duplicates === 'skip' && failure instanceof NodeApiError && failure.context.duplicate === true) {
					return {
						to: body.to,
						campaign_id: campaignId,
						skipped: true,
						reason: 'The number is already in this campaign',
						...(failure.context.existingCall ? { existing_call: failure.context.existingCall } : {}),
					};
				}
				throw failure;
			},
		},
		readThroughputOptions(this, TALKOVER_THROUGHPUT),
	);
}
