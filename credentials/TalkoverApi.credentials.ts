import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class TalkoverApi implements ICredentialType {
	name = 'talkoverApi';

	displayName = 'Talkover API';

	icon = { light: 'file:../icons/talkover.svg', dark: 'file:../icons/talkover.dark.svg' } as const;

	documentationUrl = 'https://docs.talkover.ai/en/getting-started/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'talq_…',
			description:
				'The environment token from Talkover (Account → Environments). It starts with talq_, does not expire and stops working when someone regenerates it.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.talkover.ai',
			description: 'Leave as is unless Talkover gave you a different address. Without /api/v1 at the end.',
		},
		{
			displayName: 'Plan',
			name: 'plan',
			type: 'options',
			default: 'standard',
			options: [
				{ name: 'Standard (100 Requests per Minute)', value: 'standard' },
				{ name: 'Professional (1,000 Requests per Minute)', value: 'professional' },
				{ name: 'Enterprise / Custom Limit', value: 'custom' },
			],
			description:
				'Your Talkover plan sets how many API requests per minute this token may send. Bulk operations send up to that many at once and then wait for the next minute, so Talkover never has to refuse one. If unsure, keep Standard: a larger plan than yours only costs waiting when Talkover answers "rate limit exceeded".',
		},
		{
			displayName: 'Requests per Minute',
			name: 'customRequestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 100,
			description: 'The limit agreed with Talkover for this environment token',
			displayOptions: { show: { plan: ['custom'] } },
		},
	];

	// A function, not a generic `=Bearer {{$credentials.apiToken}}`: n8n evaluates a generic header as an expression
	// (its expression sandbox) on every request, which was the largest CPU cost per call (test/bench/cpu-profile.js).
	authenticate: IAuthenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) => ({
		...requestOptions,
		headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${String(credentials.apiToken ?? '')}` },
	});

	// GET /api/v1/health answers without a token, so it cannot tell a wrong token from a right one.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "").replace(/\\/api\\/v1$/, "")}}',
			url: '/api/v1/campaigns',
			qs: { per_page: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Talkover refused the API token. Copy the token again from Talkover → Account → Environments (it starts with talq_); it stops working when it is regenerated.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No Talkover API at this Base URL. Use https://app.talkover.ai unless Talkover told you otherwise.',
				},
			},
		],
	};
}
