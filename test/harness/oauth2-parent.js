// The properties of n8n's own `oAuth2Api` credential type (n8n-nodes-base), which OAuth2 credentials extend.
// n8n-nodes-base is not a dependency of this package, so the engine harness carries this copy.
module.exports = {
	name: 'oAuth2Api',
	displayName: 'OAuth2 API',
	properties: [
		{ displayName: 'Use Dynamic Client Registration', name: 'useDynamicClientRegistration', type: 'boolean', default: false },
		{ displayName: 'Grant Type', name: 'grantType', type: 'options', default: 'authorizationCode', options: [
			{ name: 'Authorization Code', value: 'authorizationCode' },
			{ name: 'Client Credentials', value: 'clientCredentials' },
			{ name: 'PKCE', value: 'pkce' },
		] },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'string', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'options', default: 'header', options: [
			{ name: 'Body', value: 'body' },
			{ name: 'Header', value: 'header' },
		] },
		{ displayName: 'Ignore SSL Issues', name: 'ignoreSSLIssues', type: 'boolean', default: false },
	],
};
