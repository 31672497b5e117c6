import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Space-separated, as Talkdesk's token endpoint expects. Each is named on the page of a call the node makes with its
 * default options: campaigns:read/write (campaign pages), record-lists:manage (record-list pages),
 * record-lists:write (update-record-lists: Create From File starts validation), tod.records-list.manage
 * (get-a-list-of-records: Get Records and the trigger's New Record), do-not-call-lists:manage (DNC pages).
 */
export const TALKDESK_DEFAULT_SCOPES =
	'campaigns:read campaigns:write record-lists:manage record-lists:write tod.records-list.manage do-not-call-lists:manage';

// Token host per region (docs.talkdesk.com /reference/cc-basic); a custom base URL serves both token and API.
// With a custom base URL, Token URL Override (if set) keeps sign-in at Talkdesk's regional host while the API goes
// elsewhere, e.g. an Australian account whose API host Talkdesk support gave.
const TOKEN_URL =
	'={{$self["useCustomBaseUrl"] && $self["tokenUrlOverride"] ? String($self["tokenUrlOverride"]).trim() : $self["useCustomBaseUrl"] ? String($self["baseUrlOverride"]).replace(/\\/+$/, "") + "/oauth/token" : "https://" + $self["accountName"] + ({ us: ".talkdeskid.com", eu: ".talkdeskid.eu", ca: ".talkdeskidca.com", au: ".talkdeskid.au" })[$self["region"]] + "/oauth/token"}}';

// API host per region (/docs/how-to-guarantee-your-app-works-in-all-regions lists US, EU and CA). No Talkdesk page
// names an Australian API host: api.mytalkdesk.au is the only public hint (a third-party connector's region list),
// used because a host someone wrote down beats one invented from the naming pattern (api.talkdeskapp.au has no source
// at all). Users who learn another host from Talkdesk set it as the custom base URL.
export const TALKDESK_API_HOSTS: Record<string, string> = {
	us: 'https://api.talkdeskapp.com',
	eu: 'https://api.talkdeskapp.eu',
	ca: 'https://api.talkdeskappca.com',
	au: 'https://api.mytalkdesk.au',
};

/** The one function the node uses for where API requests go (the credential test's expression below mirrors it). */
export function talkdeskApiBase(credentials: { useCustomBaseUrl?: unknown; baseUrlOverride?: unknown; region?: unknown }): string {
	return credentials.useCustomBaseUrl
		? String(credentials.baseUrlOverride ?? '').replace(/\/+$/, '')
		: (TALKDESK_API_HOSTS[String(credentials.region ?? 'us')] ?? TALKDESK_API_HOSTS.us);
}

// The same rule as an expression (n8n's credential test cannot call a function), built from the same host table.
export const TALKDESK_API_BASE_EXPRESSION = `={{$credentials.useCustomBaseUrl ? String($credentials.baseUrlOverride).replace(/\\/+$/, "") : (${JSON.stringify(
	TALKDESK_API_HOSTS,
)})[$credentials.region] || "${TALKDESK_API_HOSTS.us}"}}`;

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
			description: 'Where your Talkdesk account lives. Your login address tells you: mycompany.talkdeskid.com is US, .eu is EU, talkdeskidca.com is Canada, .au is Australia.',
			hint: 'Talkdesk documents the API hosts for US, EU and Canada only. For Australia the node uses api.mytalkdesk.au, a host seen only in third-party code, not on a Talkdesk page; if it fails, ask Talkdesk for your API host and set it with Use Custom Base URL.',
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
				'Space-separated. The OAuth client must be allowed every scope listed here, or Talkdesk refuses the token (the node names the scope). Remove the ones you do not use: campaigns:* for campaigns, record-lists:manage for record lists, record-lists:write to start validating an uploaded file, tod.records-list.manage to read records, do-not-call-lists:manage for do-not-call lists.',
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
			description: 'Serves the API paths (/campaigns, /record-lists, …) and, unless Token URL Override is set, /oauth/token',
			displayOptions: { show: { useCustomBaseUrl: [true] } },
		},
		{
			displayName: 'Token URL Override',
			name: 'tokenUrlOverride',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://mycompany.talkdeskid.au/oauth/token',
			description: 'Where to get access tokens when it is not {Base URL Override}/oauth/token, e.g. your regional sign-in address while the API host is custom',
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
