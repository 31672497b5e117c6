// Issue 11 points 6, 7, 8: scopes (defaults cover the default options; invalid_scope and 403 name the scope), the
// documented 10-minute token lifetime, the upload checksum (hex MD5, one base64 fallback) and documented limits, and
// regions (AU host source stated; the custom base URL and token URL overrides work against the simulator).
const crypto = require('crypto');
const { setup, TYPE, talkdesk, useTalkdeskEnv } = require('./helpers');
const { TALKDESK_DEFAULT_SCOPES, TalkdeskOAuth2Api } = require('../../credentials/TalkdeskOAuth2Api.credentials');
const { talkdeskTarget } = require('../../nodes/Talkdesk/transport');

const csvItem = (fileName = 'leads.csv', csv = 'phone_number,first_name,last_name\n+12135550301,Ana,Silva\n') => ({
	json: {},
	binary: { data: { data: Buffer.from(csv).toString('base64'), mimeType: 'text/csv', fileName } },
});
const createFromFile = (extra = {}) => ({ resource: 'recordList', operation: 'createFromFile', name: 'Imported', binaryPropertyName: 'data', ...extra });

describe('Talkdesk scopes and tokens', () => {
	test('default scopes cover every default option: the simulator demo client needs exactly them', () => {
		expect(TALKDESK_DEFAULT_SCOPES.split(' ')).toEqual(talkdesk.ALL_SCOPES);
		expect(TALKDESK_DEFAULT_SCOPES).toMatch(/record-lists:write/);
		expect(TALKDESK_DEFAULT_SCOPES).toMatch(/tod\.records-list\.manage/);
	});

	test('invalid_scope at the token endpoint names the scopes the client lacks and does not blame Client ID/Secret', async () => {
		const e = await setup({}, { clientId: 'lists-client', clientSecret: 'lists-secret' });
		try {
			const r = await e.h.runNode(e.node({ resource: 'recordList', operation: 'getMany', returnAll: true }));
			const err = r.error || r.nodeError;
			expect(err.message).toBe("Talkdesk's OAuth client is not allowed the scope campaigns:read campaigns:write record-lists:write tod.records-list.manage (while trying to list record lists)");
			expect(err.description).toMatch(/The Client ID and Secret are correct\. Allow campaigns:read and campaigns:write and record-lists:write and tod\.records-list\.manage for the OAuth client/);
			expect(`${err.message} ${err.description}`).not.toMatch(/did not accept the credential's Client ID/);
			expect(e.sim.requests('GET', '/record-lists')).toHaveLength(0);
		} finally {
			await e.sim.stop();
		}
	});

	test('a 403 on a data call names the scope that route needs (records read, start validation)', async () => {
		const e = await setup({}, { clientId: 'lists-client', clientSecret: 'lists-secret', scope: 'record-lists:manage do-not-call-lists:manage' });
		try {
			const list = e.sim.state.lists[0];
			const recs = await e.h.runNode(e.node({ resource: 'recordList', operation: 'getRecords', recordListId: e.byId(list.id), returnAll: true }));
			expect((recs.error || recs.nodeError).message).toBe(`Talkdesk refused to get the records of list "${list.id}": the credential is missing the scope "tod.records-list.manage"`);
			const file = await e.h.runNode(e.node(createFromFile()), [csvItem()]);
			expect((file.error || file.nodeError).message).toBe('Talkdesk refused to start validating record list "Imported": the credential is missing the scope "record-lists:write"');
			expect((file.error || file.nodeError).description).toMatch(/Allow the scope record-lists:write for the OAuth client/);
		} finally {
			await e.sim.stop();
		}
	});

	test('tokens live 600 s; after expiry the node gets a new token on the 401 and the workflow succeeds', async () => {
		let clock = Date.UTC(2026, 5, 1, 12, 0, 0);
		const e = await setup({ now: () => clock });
		try {
			const id = e.sim.state.campaigns[0].id;
			const first = await e.h.runNode(e.node({ resource: 'campaign', operation: 'get', campaignId: e.byId(id) }));
			expect(first.outJson[0].id).toBe(id);
			expect(e.h.store.get(e.cid).data.oauthTokenData.expires_in).toBe(600);
			clock += 599_000;
			await e.h.runNode(e.node({ resource: 'campaign', operation: 'get', campaignId: e.byId(id) }));
			expect(e.sim.requests('POST', '/oauth/token')).toHaveLength(1);
			clock += 2_000;
			const later = await e.h.runNode(e.node({ resource: 'campaign', operation: 'get', campaignId: e.byId(id) }));
			expect(later.error).toBeUndefined();
			expect(later.outJson[0].id).toBe(id);
			expect(e.sim.requests('POST', '/oauth/token')).toHaveLength(2);
			expect(e.sim.requests('GET', `/campaigns/${id}`).map((x) => x.status)).toEqual([200, 200, 401, 200]);
			// The lifetime is switchable at run time: a 1-second token expires between two pages of one run.
			e.sim.controlAction({ action: 'settings', tokenLifetimeSec: 1, pageCap: 50 });
			e.sim.controlAction({ action: 'expireTokens' });
			const route = e.sim.routes.find((r) => r.method === 'GET' && r.path === '/campaigns');
			const orig = route.handler;
			route.handler = (ctx) => {
				const out = orig(ctx);
				clock += 1_500;
				return out;
			};
			try {
				const all = await e.h.runNode(e.node({ resource: 'campaign', operation: 'getMany', returnAll: true }));
				expect(all.outJson).toHaveLength(e.sim.state.campaigns.length);
			} finally {
				route.handler = orig;
			}
			expect(e.sim.requests('GET', '/campaigns').filter((x) => x.status === 401).length).toBeGreaterThanOrEqual(2);
		} finally {
			await e.sim.stop();
		}
	});
});

describe('Talkdesk Create From File: checksum and limits', () => {
	const env = useTalkdeskEnv(({ sim }) => {
		sim.settings.checksumFormat = 'hex';
	});

	test('sends the 32-char hex MD5 (documented example); once refused, retries once with base64 and completes', async () => {
		const { h, sim, node } = env;
		const item = csvItem();
		const data = Buffer.from(item.binary.data.data, 'base64');
		const hex = crypto.createHash('md5').update(data).digest('hex');
		const b64 = crypto.createHash('md5').update(data).digest('base64');
		const ok = await h.runNode(node(createFromFile()), [item]);
		expect(ok.error).toBeUndefined();
		expect(sim.requests('POST', '/record-lists').map((x) => [x.body.csv_metadata.checksum, x.status])).toEqual([[hex, 201]]);

		sim.clearLedger();
		sim.settings.checksumFormat = 'base64';
		const fallback = await h.runNode(node(createFromFile({ name: 'Imported b64' })), [csvItem()]);
		expect(fallback.error).toBeUndefined();
		expect(fallback.outJson).toHaveLength(1);
		expect(sim.requests('POST', '/record-lists').map((x) => [x.body.csv_metadata.checksum, x.status])).toEqual([[hex, 400], [b64, 201]]);
		expect(sim.ledger.map((x) => `${x.method} ${x.status}`)).toEqual(['POST 400', 'POST 201', 'PUT 200', 'PATCH 200']);
		expect(sim.state.lists.filter((l) => l.name === 'Imported b64')).toHaveLength(1);
		expect(sim.state.lists.find((l) => l.name === 'Imported b64').status).toBe('ACCEPTED');
	});

	test('a file name over 35 characters is refused before any request, naming item and field', async () => {
		const { h, sim, node } = env;
		const long = 'quarterly-renewals-export-final-v2.csv';
		expect(long.length).toBe(38);
		sim.clearLedger();
		const r = await h.runNode(node(createFromFile()), [csvItem(), csvItem(long)]);
		expect((r.error || r.nodeError).message).toBe(`Item 2: File Name (from the input file) "${long}" is 38 characters; Talkdesk takes at most 35`);
		expect((r.error || r.nodeError).description).toMatch(/Set Options → File Name to a shorter name/);
		// Items stream (issue 14.1): item 1 may already be imported; nothing of item 2 is ever sent.
		expect(sim.requests('POST', '/record-lists').map((x) => x.body.csv_metadata.filename)).not.toContain(long);
		sim.clearLedger();
		const r2 = await h.runNode(node(createFromFile({ fileOptions: { fileName: `${'x'.repeat(33)}.csv` } })), [csvItem()]);
		expect((r2.error || r2.nodeError).message).toMatch(/^Item 1: File Name "x+\.csv" is 37 characters/);
		expect(sim.ledger).toHaveLength(0);
		const exactly35 = await h.runNode(node(createFromFile({ name: 'Exactly 35', fileOptions: { fileName: `${'y'.repeat(31)}.csv` } })), [csvItem()]);
		expect(exactly35.error).toBeUndefined();
	});
});

describe('Talkdesk regions and custom base URL', () => {
	test('AU: the API host is api.mytalkdesk.au and the region hint says it is not on a Talkdesk page', async () => {
		const target = await talkdeskTarget({ getCredentials: async () => ({ region: 'au', scope: 'campaigns:read' }) });
		expect(target).toEqual({ base: 'https://api.mytalkdesk.au', scopes: ['campaigns:read'] });
		expect((await talkdeskTarget({ getCredentials: async () => ({ region: 'ca' }) })).base).toBe('https://api.talkdeskappca.com');
		const region = new TalkdeskOAuth2Api().properties.find((p) => p.name === 'region');
		expect(region.hint).toMatch(/api\.mytalkdesk\.au, a host seen only in third-party code, not on a Talkdesk page/);
		expect(region.hint).toMatch(/Use Custom Base URL/);
	});

	test('custom base URL (region AU) serves the API; Token URL Override sends sign-in elsewhere', async () => {
		const e = await setup();
		try {
			const creds = { ...talkdesk.demoCredentials(e.url), region: 'au', tokenUrlOverride: `${e.url}/oauth/token?via=override` };
			const cid = e.h.addCredential(TYPE, creds);
			const r = await e.h.runNode({ type: 'talkdeskCampaigns', parameters: { resource: 'campaign', operation: 'getMany', returnAll: false, limit: 3 }, credentials: e.h.credentialRef(TYPE, cid) });
			expect(r.outJson).toHaveLength(3);
			const token = e.sim.requests('POST', '/oauth/token');
			expect(token.map((x) => x.query)).toEqual([{ via: 'override' }]);
			expect(e.sim.requests('GET', '/campaigns')).toHaveLength(1);
		} finally {
			await e.sim.stop();
		}
	});
});
