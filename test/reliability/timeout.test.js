// "Slower than the timeout" at the transport level: no node exposes a timeout (the shared default is 30 s), so a
// probe node calls the shared vendorRequest with a short timeoutMs and each vendor's real error mapping, through
// the engine against the simulators. A read is re-sent and succeeds; a write is not re-sent, is reported once,
// and tells the user to check whether it happened.
const { createHarness } = require('../harness/engine');
const shared = require('../../nodes/shared');
const { startVendor, VENDORS } = require('./env');

function probeFor(vendorKey, config) {
	return class Probe {
		description = {
			displayName: 'Probe', name: `probe_${vendorKey}`, group: ['transform'], version: 1, defaults: { name: 'Probe' },
			inputs: ['main'], outputs: ['main'], credentials: [{ name: config.credentialType, required: true }],
			properties: [
				{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
				{ displayName: 'URL', name: 'url', type: 'string', default: '' },
				{ displayName: 'Body', name: 'body', type: 'json', default: '' },
				{ displayName: 'Timeout', name: 'timeoutMs', type: 'number', default: 300 },
			],
		};
		async execute() {
			return [
				await shared.executePerItem.call(this, {
					prepare(i) {
						return { method: this.getNodeParameter('method', i), url: this.getNodeParameter('url', i), body: this.getNodeParameter('body', i), timeoutMs: this.getNodeParameter('timeoutMs', i) };
					},
					async run(p, i) {
						const body = p.body ? (typeof p.body === 'string' ? JSON.parse(p.body) : p.body) : undefined;
						return await shared.vendorRequest(this, config, { method: p.method, url: p.url, body, timeoutMs: p.timeoutMs, action: `${p.method === 'GET' ? 'read' : 'write'} the probe item ${i + 1}`, itemIndex: i });
					},
				}),
			];
		}
	};
}

const CASES = {
	talkover: {
		config: () => require('../../nodes/Talkover/transport').TALKOVER_HTTP,
		read: (env) => ({ method: 'GET', path: '/api/v1/agents' }),
		write: (env) => ({ method: 'POST', path: `/api/v1/campaigns/${env.sim.state.campaigns.find((c) => c.status === 'active').id}/call`, body: { to: '+12135557001' } }),
		written: (env) => env.sim.state.campaignCalls.filter((c) => c.to === '+12135557001').length,
	},
	talkdesk: {
		config: () => ({ vendor: 'Talkdesk', credentialType: 'talkdeskOAuth2Api', describeError: require('../../nodes/Talkdesk/transport').describeTalkdeskError }),
		read: () => ({ method: 'GET', path: '/campaigns' }),
		write: () => ({ method: 'POST', path: '/campaigns', body: { name: 'Timeout probe', dialing_mode: 'PREVIEW', priority: 5 } }),
		written: (env) => env.sim.state.campaigns.filter((c) => c.name === 'Timeout probe').length,
	},
};

describe.each(Object.keys(CASES))('%s: a response slower than the timeout', (vendor) => {
	let env;
	let h;
	let cid;
	const c = CASES[vendor];
	beforeAll(async () => {
		env = await startVendor(vendor);
		const config = c.config();
		const Probe = probeFor(vendor, config);
		h = createHarness({ nodes: [Probe], credentials: VENDORS[vendor].credentials });
		cid = h.addCredential(config.credentialType, VENDORS[vendor].module.demoCredentials(env.url));
	});
	afterAll(() => env.stop());
	const run = (req, cof = true) =>
		h.runNode({ type: `probe_${vendor}`, parameters: { method: req.method, url: `${env.url}${req.path}`, body: req.body ? JSON.stringify(req.body) : '', timeoutMs: 300 }, credentials: h.credentialRef(VENDORS[vendor].cred, cid), continueOnFail: cof }, [{ json: {} }]);

	test('a read is abandoned at the timeout, sent again, and succeeds', async () => {
		await run(c.read(env)); // token fetched, so the fault hits the read itself
		env.sim.clearLedger();
		const req = c.read(env);
		env.sim.injectFault({ kind: 'latency', delayMs: 1200, count: 1, match: (ctx) => ctx.path === req.path });
		const started = Date.now();
		const r = await run(req);
		expect(r.out).toHaveLength(1);
		expect(r.outJson[0].error).toBeUndefined();
		const sent = env.sim.requests(req.method, req.path);
		expect(sent).toHaveLength(2);
		expect(sent[1].at - sent[0].at).toBeLessThan(1200); // given up at the timeout, not after the slow answer
		expect(Date.now() - started).toBeLessThan(5000);
	});

	test('a write is not sent again: one request, one error item saying to check whether it happened', async () => {
		env.sim.clearLedger();
		const req = c.write(env);
		env.sim.injectFault({ kind: 'latency', delayMs: 1000, count: 1, match: (ctx) => ctx.path === req.path && ctx.method === req.method });
		const r = await run(req);
		expect(r.out).toHaveLength(1);
		expect(r.out[0].pairedItem).toEqual({ item: 0 });
		expect(r.outJson[0].error).toMatch(/write the probe item 1/);
		expect(r.outJson[0].description).toMatch(/may have reached .* whether it took effect/);
		await new Promise((res) => setTimeout(res, 1100)); // let the slow server finish
		expect(env.sim.requests(req.method, req.path)).toHaveLength(1);
		expect(c.written(env)).toBe(1); // done once at the vendor, reported as uncertain, never duplicated
	});
});
