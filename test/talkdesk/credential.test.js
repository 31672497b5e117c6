// The OAuth2 client-credentials credential through the real engine: one token per run, stored and reused,
// Basic client auth + form body on the wire, clear errors for wrong secrets and missing scopes, re-fetch on expiry.
const { setup, TYPE, talkdesk, useTalkdeskEnv } = require('./helpers');

describe('Talkdesk credential', () => {
	const env = useTalkdeskEnv();

	test('token fetched once (Basic auth, form body, scopes), stored in oauthTokenData and reused across items and runs', async () => {
		const { h, sim, node, byId, cid } = env;
		const ids = sim.state.campaigns.slice(0, 3).map((c) => c.id);
		const r = await h.runNode(node({ resource: 'campaign', operation: 'get', campaignId: byId('={{$json.id}}') }), ids.map((id) => ({ json: { id } })));
		expect(r.error).toBeUndefined();
		expect(r.outJson.map((c) => c.id)).toEqual(ids);
		const tokenCalls = sim.requests('POST', '/oauth/token');
		expect(tokenCalls).toHaveLength(1);
		expect(tokenCalls[0].authorization).toBe(`Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`);
		expect(tokenCalls[0].body).toEqual({ grant_type: 'client_credentials', scope: talkdesk.ALL_SCOPES.join(' ') });
		const stored = h.store.get(cid).data.oauthTokenData;
		expect(stored.access_token).toMatch(/^[0-9a-f]{48}$/);
		expect(sim.requests('GET', /^\/campaigns\//).every((e) => e.authorization === `Bearer ${stored.access_token}`)).toBe(true);
		await h.runNode(node({ resource: 'campaign', operation: 'get', campaignId: byId(ids[0]) }));
		expect(sim.requests('POST', '/oauth/token')).toHaveLength(1);
		expect(h.credentialsHelper.events.filter((e) => e.kind === 'oauthTokenUpdate')).toHaveLength(1);
	});

	test('Concurrency 4 on a credential without a token still fetches one token', async () => {
		const e = await setup();
		try {
			const ids = e.sim.state.campaigns.filter((c) => c.status === 'READY').slice(0, 4).map((c) => c.id);
			// A slow token answer: the other three requests are ready long before it, and must wait for it.
			e.sim.injectFault({ kind: 'latency', delayMs: 300, match: (ctx) => ctx.path === '/oauth/token' });
			const r = await e.h.runNode(e.node({ resource: 'campaign', operation: 'start', campaignId: { __rl: true, mode: 'id', value: '={{$json.id}}' }, options: { concurrency: 4 } }), ids.map((id) => ({ json: { id } })));
			expect(r.outJson.map((o) => o.status)).toEqual(['RUNNING', 'RUNNING', 'RUNNING', 'RUNNING']);
			expect(e.sim.requests('POST', '/oauth/token')).toHaveLength(1);
		} finally {
			await e.sim.stop();
		}
	});

	test('expired token: n8n fetches a new one once and retries the request', async () => {
		const { h, sim, node, byId } = env;
		sim.controlAction({ action: 'expireTokens' });
		const r = await h.runNode(node({ resource: 'campaign', operation: 'get', campaignId: byId(sim.state.campaigns[0].id) }));
		expect(r.outJson[0].id).toBe(sim.state.campaigns[0].id);
		expect(sim.requests('POST', '/oauth/token')).toHaveLength(1);
		expect(sim.requests('GET', /^\/campaigns\//).map((e) => e.status)).toEqual([401, 200]);
	});

	test('credential test: OK with the demo client; wrong secret gives a clear error', async () => {
		const { h, url } = env;
		const ok = await h.testCredential(TYPE, talkdesk.demoCredentials(url));
		expect(ok.status).toBe('OK');
		expect(env.sim.requests('GET', '/campaigns')[0].query).toEqual({ per_page: '1' });
		const bad = await h.testCredential(TYPE, talkdesk.demoCredentials(url, { clientSecret: 'wrong' }));
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/Client authentication failed|OAuth2 access token/);
		expect(bad.message).not.toMatch(/wrong/);
	});

	test('wrong secret in a node run: message says to check Client ID / Client Secret, no secret leaked', async () => {
		const e2 = await setup({}, { clientSecret: 'not-the-secret' });
		try {
			const r = await e2.h.runNode(e2.node({ resource: 'campaign', operation: 'getMany', returnAll: false, limit: 5 }));
			const err = r.error || r.nodeError;
			expect(err).toBeTruthy();
			expect(err.message).toMatch(/Client ID \/ Client Secret/);
			expect(`${err.message} ${err.description}`).toMatch(/Talkdesk said: Client authentication failed/);
			expect(JSON.stringify({ m: err.message, d: err.description })).not.toMatch(/not-the-secret/);
			expect(e2.sim.requests('GET', '/campaigns')).toHaveLength(0);
		} finally {
			await e2.sim.stop();
		}
	});

	test('token URL and API base are derived from region + account name', () => {
		const { TalkdeskOAuth2Api } = require('../../credentials/TalkdeskOAuth2Api.credentials');
		const { HarnessCredentialsHelper } = require('../harness/engine');
		const { NodeTypes } = require('../harness/engine');
		const helper = new HarnessCredentialsHelper([TalkdeskOAuth2Api], new Map(), new NodeTypes([]));
		const resolve = (data) => helper.applyDefaultsAndResolve(TYPE, data).accessTokenUrl;
		expect(resolve({ region: 'us', accountName: 'acme' })).toBe('https://acme.talkdeskid.com/oauth/token');
		expect(resolve({ region: 'eu', accountName: 'acme' })).toBe('https://acme.talkdeskid.eu/oauth/token');
		expect(resolve({ region: 'ca', accountName: 'acme' })).toBe('https://acme.talkdeskidca.com/oauth/token');
		expect(resolve({ region: 'au', accountName: 'acme' })).toBe('https://acme.talkdeskid.au/oauth/token');
		expect(resolve({ useCustomBaseUrl: true, baseUrlOverride: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9/oauth/token');
		expect(resolve({ useCustomBaseUrl: true, baseUrlOverride: 'http://127.0.0.1:9/', tokenUrlOverride: 'https://acme.talkdeskid.au/oauth/token' })).toBe('https://acme.talkdeskid.au/oauth/token');
		const data = helper.applyDefaultsAndResolve(TYPE, { region: 'eu', accountName: 'acme' });
		expect([data.grantType, data.authentication, data.scope]).toEqual(['clientCredentials', 'header', talkdesk.ALL_SCOPES.join(' ')]);
	});
});
