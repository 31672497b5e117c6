'use strict';
// The shared vendor client reads the credential once per node run (n8n decrypts it on every read), for all three
// vendors, through the real engine: 20 items, 20 requests, one read. The count is taken where n8n's execution
// context's getCredentials (and n8n's own per-request read, when a node hands over no credential) ends up: the
// credentials helper's getDecrypted.
const { startVendor, rl } = require('../reliability/env');

const ITEMS = 20;
const phone = (run, k) => `+1213556${String(1000 + run * 100 + k)}`;

const CASES = {
	talkdesk: {
		params: () => ({ resource: 'campaign', operation: 'get', campaignId: rl('={{$json.id}}') }),
		items: (env) => env.sim.state.campaigns.slice(0, ITEMS).map((c) => ({ json: { id: c.id } })),
		sent: (env) => env.sim.requests('GET', /^\/campaigns\/[^/]+$/).length,
	},
	qvoice: {
		params: (env) => ({ resource: 'lead', operation: 'add', campaign: rl(env.sim.campaignIds[1]), number: '={{$json.phone}}', options: { concurrency: 5 } }),
		items: (env, run) => Array.from({ length: ITEMS }, (_, k) => ({ json: { phone: phone(run, k) } })),
		sent: (env) => env.sim.requests('PUT', /\/lead$/).length,
	},
	talkover: {
		params: (env) => ({
			resource: 'campaignCall',
			operation: 'add',
			campaignId: rl(env.sim.state.campaigns.find((c) => c.status === 'active').id),
			phoneNumber: '={{$json.phone}}',
			options: { concurrency: 5 },
		}),
		items: (env, run) => Array.from({ length: ITEMS }, (_, k) => ({ json: { phone: phone(run, k) } })),
		sent: (env) => env.sim.requests('POST', /\/call$/).length,
	},
};

describe.each(Object.keys(CASES))('%s client', (vendor) => {
	let env;
	const c = CASES[vendor];
	beforeAll(async () => {
		env = await startVendor(vendor);
	});
	afterAll(() => env.stop());

	test(`${ITEMS} items ⇒ ${ITEMS} requests and 1 credential read per run`, async () => {
		const reads = jest.spyOn(env.h.credentialsHelper, 'getDecrypted');
		try {
			for (const run of [1, 2]) {
				reads.mockClear();
				env.sim.clearLedger();
				const r = await env.h.runNode(env.node(c.params(env)), c.items(env, run));
				expect(r.error).toBeUndefined();
				expect(r.outJson).toHaveLength(ITEMS);
				expect(r.outJson.filter((o) => o.error)).toEqual([]);
				expect(c.sent(env)).toBe(ITEMS);
				expect({ run, reads: reads.mock.calls.filter(([, , type]) => type === env.h.store.get(env.cid).type).length }).toEqual({ run, reads: 1 });
			}
		} finally {
			reads.mockRestore();
		}
	});
});

describe('Talkdesk signed-URL upload uses the shared retry loop, without credentials', () => {
	let env;
	beforeAll(async () => {
		env = await startVendor('talkdesk');
	});
	afterAll(() => env.stop());
	const upload = () => env.sim.requests('PUT', /^\/__uploads\//);
	const csvItem = () => ({ json: {}, binary: { data: { data: Buffer.from('phone_number,first_name,last_name\n+12135550301,Ana,Silva\n').toString('base64'), mimeType: 'text/csv', fileName: 'leads.csv' } } });
	const createFromFile = (extra = {}) => env.node({ resource: 'recordList', operation: 'createFromFile', name: 'Retry probe', binaryPropertyName: 'data' }, extra);
	const isUpload = (ctx) => ctx.path.startsWith('/__uploads/');

	test('a 503 and a 429 (Retry-After) on the PUT are retried; the file arrives once, never with a token', async () => {
		env.sim.clearLedger();
		env.sim.injectFault({ kind: 'status', status: 503, match: isUpload });
		env.sim.injectFault({ kind: 'status', status: 429, headers: { 'retry-after': '0' }, match: isUpload });
		const r = await env.h.runNode(createFromFile(), [csvItem()]);
		expect(r.error).toBeUndefined();
		expect(r.outJson).toEqual([expect.objectContaining({ name: 'Retry probe', uploaded: true })]);
		expect(upload().map((e) => e.status)).toEqual([503, 429, 200]);
		expect(upload().every((e) => e.authorization === undefined)).toBe(true);
	});

	test("storage's refusal is shown in its own words (XML <Message>), with the HTTP code", async () => {
		env.sim.clearLedger();
		const xml = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
		env.sim.injectFault({ kind: 'status', status: 403, body: xml, headers: { 'content-type': 'application/xml' }, match: isUpload });
		const r = await env.h.runNode(createFromFile({ continueOnFail: true }), [csvItem()]);
		expect(r.outJson).toEqual([
			expect.objectContaining({
				error: "The CSV upload to Talkdesk's storage failed (403)",
				description: expect.stringMatching(/^Storage said: Request has expired\. The list was created in Talkdesk but has no file/),
				httpCode: '403',
			}),
		]);
		expect(upload()).toHaveLength(1); // a refusal is not retried
	});
});

describe('QVOICE error hints come from the operation as data ({ action, field, id }), not from the message text', () => {
	let env;
	beforeAll(async () => {
		env = await startVendor('qvoice');
	});
	afterAll(() => env.stop());
	const missing = 'ffffffffffffffffffffffffffffffff';
	const failed = async (parameters) => {
		const r = await env.h.runNode(env.node(parameters, { continueOnFail: true }), [{ json: {} }]);
		expect(r.outJson).toHaveLength(1);
		return r.outJson[0];
	};

	test.each([
		['lead add', { resource: 'lead', operation: 'add', campaign: rl(missing), number: '+12135550188' }, /Check that the campaign ID exists on this portal, the phone number is in international format/],
		['lead delete', { resource: 'lead', operation: 'delete', leadId: missing }, /Check that the lead ID exists \(it may have been deleted\)/],
		['lead set status', { resource: 'lead', operation: 'setStatus', leadId: missing, status: 'success' }, /Check that the lead ID exists \(it may have been deleted\)/],
		['call disposition', { resource: 'call', operation: 'setDispositionVoicemail', cdrId: missing }, /Check that the CDR ID is the ID of a call record on this portal/],
	])('%s: the portal\'s 400 gets the hint for that task', async (_name, parameters, hint) => {
		const out = await failed(parameters);
		expect(out.httpCode).toBe('400');
		expect(out.error).toMatch(/^QVOICE could not .*the portal answered HTTP 400: "The information sent is invalid\."/);
		expect(out.description).toMatch(hint);
	});
});
