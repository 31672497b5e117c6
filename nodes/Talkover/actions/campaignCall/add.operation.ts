import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { checkEnum, checkIntegerRange, collection, defaultCountryOption, must, pathSegment } from '../../../shared';
import { talkoverRequest } from '../../transport';
import { callBody, campaignLocator, keyValueCollection, readLocatorValue, runPerItem } from '../common';

/** Default pacing: none of the user's own; the credential's plan and Talkover's rate-limit headers set the budget. */
export const DEFAULT_MAX_PER_MINUTE = 0;
export const DEFAULT_CONCURRENCY = 5;

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
	{
		...collection('options'),
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: DEFAULT_CONCURRENCY,
				description: 'How many contacts are sent to Talkover at the same time',
			},
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
				displayName: 'Max Requests per Minute',
				name: 'maxPerMinute',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_MAX_PER_MINUTE,
				description: '0 (default) follows the plan set in the Talkover credential (Standard 100, Professional 1,000 per minute) and the limits Talkover reports in its answers: up to the budget at once, then the rest each minute. A number spreads the requests evenly at that rate instead of the plan, e.g. to leave room for other workflows. If Talkover still answers "rate limit exceeded", the node waits and carries on — no contact is lost or added twice.',
			},
			{
				displayName: 'Testing',
				name: 'isTesting',
				type: 'boolean',
				default: false,
				description: 'Whether to mark the call as a test call in Talkover',
			},
		],
	},
];

interface Prepared {
	campaignId: string;
	body: IDataObject;
	duplicates: 'error' | 'skip' | 'allow';
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const runOptions = this.getNodeParameter('options', 0, {}) as IDataObject;
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
		{
			concurrency: must(this, 0, 'Concurrency', checkIntegerRange(runOptions.concurrency ?? DEFAULT_CONCURRENCY, 1, 20)),
			maxPerMinute: must(this, 0, 'Max Requests per Minute', checkIntegerRange(runOptions.maxPerMinute ?? DEFAULT_MAX_PER_MINUTE, 0, 100_000)),
		},
	);
}
