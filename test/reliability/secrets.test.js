// Secrets: the suite-wide scan (test/harness/secret-scan.js) checks every captured output, error and log line
// against every secret in the credential store. This file proves that set is complete — the client secret, the
// password, the talq_ token AND the access tokens the simulators issued at run time — and that a vendor echoing a
// secret back in an error body does not carry it into what the user sees.
const capture = require('../harness/capture');
const { startVendor } = require('./env');

function secretSet(env) {
	const out = new Set();
	for (const entry of env.h.store.values()) {
		const passwordFields = env.h.credentialsHelper.getCredentialsProperties(entry.type).filter((p) => p.typeOptions && p.typeOptions.password).map((p) => p.name);
		for (const s of capture.secretsOf(entry.data, passwordFields)) out.add(s);
	}
	return out;
}
const seen = (r) => JSON.stringify([r.outJson, (r.error || r.nodeError) && { m: (r.error || r.nodeError).message, d: (r.error || r.nodeError).description }]);

const CASES = {
	talkdesk: {
		op: { resource: 'campaign', operation: 'getMany', returnAll: false, limit: 1 },
		listPath: '/campaigns',
		issued: (env) => [...env.sim.state.tokens.keys()],
		fixed: (env) => [env.credData().clientSecret],
		echo: (token) => ({ code: '0400001', message: 'Bad Request', description: `token ${token} is not allowed here; Authorization: Bearer ${token}`, fields: [] }),
		expire: (env) => env.sim.controlAction({ action: 'expireTokens' }),
	},
	qvoice: {
		op: { resource: 'queue', operation: 'getStatus', output: 'queue', returnAll: true },
		listPath: '/callcenter/queues/status',
		issued: (env) => [...env.sim.state.tokens.keys()],
		fixed: (env) => [env.credData().password],
		echo: (token) => `The information sent is invalid. token=${token} ${token}`,
		expire: (env) => env.sim.expireAllTokens(),
	},
	talkover: {
		op: { resource: 'agent', operation: 'getAll', returnAll: true },
		listPath: '/api/v1/agents',
		issued: () => [],
		fixed: (env) => [env.credData().apiToken],
		echo: (token) => ({ success: false, message: `Token ${token} rejected (raw: ${token.replace(/^talq_/, '')})` }),
	},
};

describe.each(Object.keys(CASES))('%s', (vendor) => {
	const c = CASES[vendor];
	let env;
	beforeAll(async () => {
		env = await startVendor(vendor, vendor === 'qvoice' ? { bigCampaignLeads: 10 } : {});
	});
	afterAll(() => env.stop());

	test('every secret, including access tokens issued during the run, is in the scanned set', async () => {
		const first = await env.h.runNode(env.node(c.op));
		expect(first.error).toBeUndefined();
		if (c.expire) {
			c.expire(env); // a second token is issued after expiry: both must be known
			expect((await env.h.runNode(env.node(c.op))).error).toBeUndefined();
		}
		const set = secretSet(env);
		const stored = JSON.stringify(env.credData());
		const expected = [...c.fixed(env), ...c.issued(env).filter((t) => stored.includes(t))];
		if (c.expire) expect(expected.length).toBeGreaterThanOrEqual(2); // the current token at least
		for (const s of expected) expect(set.has(s)).toBe(true);
	});

	test('a vendor echoing the secret in an error body does not leak it into the error or the output', async () => {
		const secrets = [...secretSet(env)].filter((s) => s.length >= 6);
		expect(secrets.length).toBeGreaterThan(0);
		for (const token of secrets) {
			env.sim.injectFault({ kind: 'status', status: 400, count: 1, body: c.echo(token), headers: typeof c.echo(token) === 'string' ? { 'content-type': 'text/plain' } : {}, match: (ctx) => ctx.path === c.listPath });
			for (const continueOnFail of [false, true]) {
				if (continueOnFail) env.sim.injectFault({ kind: 'status', status: 400, count: 1, body: c.echo(token), headers: typeof c.echo(token) === 'string' ? { 'content-type': 'text/plain' } : {}, match: (ctx) => ctx.path === c.listPath });
				const r = await env.h.runNode(env.node(c.op, { continueOnFail }));
				const text = seen(r);
				expect(text).toMatch(/rejected|could not|refused|invalid|Bad/i); // the failure is reported…
				expect(text).not.toContain(token); // …without the secret
				if (token.startsWith('talq_')) expect(text).not.toContain(token.slice(5));
			}
		}
	});
});
