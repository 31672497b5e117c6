import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** Space-separated, as Talkdesk's token endpoint expects. */
export const TALKDESK_DEFAULT_SCOPES =
	'campaigns:read campaigns:write record-lists:manage do-not-call-lists:manage';

// Token host per region (docs.talkdesk.com /reference/cc-basic); a custom base URL serves both token and API.
const TOKEN_URL =
	'={{$self["useCustomBaseUrl"] ? String($self["baseUrlOverride"]).replace(/\\/+$/, "") + "/oauth/token" : "https://" + $self["accountName"] + ({ us: ".talkdeskid.com", eu: ".talkdeskid.eu", ca: ".talkdeskidca.com", au: ".talkdeskid.au" })[$self["region"]] + "/oauth/token"}}';

// API host per region; the Australian one follows the naming pattern but is not on a Talkdesk page.
export const TALKDESK_API_BASE_EXPRESSION =
	'={{$credentials.useCustomBaseUrl ? String($credentials.baseUrlOverride).replace(/\\/+$/, "") : ({ us: "https://api.talkdeskapp.com", eu: "https://api.talkdeskapp.eu", ca: "https://api.talkdeskappca.com", au: "https://api.talkdeskapp.au" })[$credentials.region]}}';

export class TalkdeskOAuth2Api implements ICredentialType {
	name = 'talkdeskOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Talkdesk OAuth2 API';

	icon = { light: 'file:../icons/talkdesk.svg', dark: 'file:../icons/talkdesk.dark.svg' } as const;

	documentationUrl = 'https://docs.talkdesk.com/docs/client-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'Australia', value: 'au' },
				{ name: 'Canada', value: 'ca' },
				{ name: 'EU', value: 'eu' },
				{ name: 'US', value: 'us' },
			],
			default: 'us',
			description: 'Where your Talkdesk account lives. Your login address tells you: mycompany.talkdeskid.com is US, .eu is EU, talkdeskidca.com is Canada.',
		},
		{
			displayName: 'Account Name',
			name: 'accountName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'mycompany',
			description: 'The first part of your Talkdesk login address: for mycompany.talkdeskid.com it is mycompany',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'From Talkdesk Admin → Builder → OAuth Clients (a client with the Client Credentials grant)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Shown once when the OAuth client is created in Talkdesk',
		},
		{
			displayName: 'Scopes',
			name: 'scope',
			type: 'string',
			default: TALKDESK_DEFAULT_SCOPES,
			description:
				'Space-separated. The OAuth client must be allowed these scopes in Talkdesk. Remove the ones you do not use (e.g. do-not-call-lists:manage); the node tells you which scope is missing when Talkdesk refuses a call.',
		},
		{
			displayName: 'Use Custom Base URL',
			name: 'useCustomBaseUrl',
			type: 'boolean',
			default: false,
			description: 'Whether to send token and API requests to one address of your choice (a private deployment, proxy or test simulator) instead of Talkdesk\'s regional hosts',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrlOverride',
			type: 'string',
			default: '',
			placeholder: 'https://talkdesk-proxy.example.com',
			description: 'Serves /oauth/token and the API paths (/campaigns, /record-lists, …)',
			displayOptions: { show: { useCustomBaseUrl: [true] } },
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: TOKEN_URL,
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Client ID and secret go as HTTP Basic, as Talkdesk documents.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
		{
			// n8n's OAuth2 parent offers "Ignore SSL Issues"; Talkdesk always has valid certificates, so the switch is
			// hidden and off: the client secret and tokens never go to a server whose certificate is not trusted.
			displayName: 'Ignore SSL Issues',
			name: 'ignoreSSLIssues',
			type: 'hidden',
			default: false,
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: TALKDESK_API_BASE_EXPRESSION,
			url: '/campaigns',
			qs: { per_page: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Connected, but this OAuth client may not read campaigns. Add the campaigns:read scope to the client in Talkdesk and to Scopes here.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No Talkdesk Campaigns API at this address. Check Region (or the Base URL Override); the Campaign Management API is Early Access and must be enabled for your account.',
				},
			},
		],
	};
}
