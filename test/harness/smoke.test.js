// Proves the harness plumbing with a throw-away node and credential: generic authenticate, preAuthentication
// re-login on 401, shared transport retry on 429, error mapping and Continue On Fail.
const http = require('http');
const { createHarness } = require('./engine');
const shared = require('../../nodes/shared');

function server(handler) {
	return new Promise((resolve) => {
		const s = http.createServer(handler);
		s.listen(0, '127.0.0.1', () => resolve({ s, url: `http://127.0.0.1:${s.address().port}` }));
	});
}

class ProbeApi {
	name = 'probeApi';
	displayName = 'Probe';
	properties = [
		{ displayName: 'Base', name: 'base', type: 'string', default: '' },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Token', name: 'accessToken', type: 'hidden', typeOptions: { expirable: true }, default: '' },
	];
	async preAuthentication(credentials) {
		const r = await this.helpers.httpRequest({ method: 'POST', url: `${credentials.base}/login`, body: { password: credentials.password }, json: true });
		return { accessToken: r.token };
	}
	authenticate = { type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } } };
	test = { request: { baseURL: '={{$credentials.base}}', url: '/thing/1' } };
}

const CONFIG = {
	vendor: 'Probe',
	credentialType: 'probeApi',
	describeError: (f, action) => ({ message: `Probe could not ${action}: ${(f.body && f.body.message) || f.status || f.code}` }),
};

class Probe {
	description = {
		displayName: 'Probe', name: 'probe', group: ['transform'], version: 1, defaults: { name: 'Probe' },
		inputs: ['main'], outputs: ['main'], credentials: [{ name: 'probeApi', required: true }],
		properties: [{ displayName: 'ID', name: 'id', type: 'string', default: '' }],
	};
	async execute() {
		return [
			await shared.executePerItem.call(this, {
				prepare(i) {
					const id = this.getNodeParameter('id', i);
					if (!id) throw shared.inputError(this, i, 'ID', 'is required');
					return id;
				},
				async run(id, i) {
					const creds = await this.getCredentials('probeApi');
					return await shared.vendorRequest(this, CONFIG, { method: 'GET', url: `${creds.base}/thing/${shared.pathSegment(id)}`, action: `get thing ${id}`, itemIndex: i });
				},
			}),
		];
	}
}

describe('engine harness', () => {
	let srv;
	const log = [];
	let token = 'T1';
	let throttleNext = 0;
	beforeAll(async () => {
		srv = await server((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				log.push({ method: req.method, url: req.url, auth: req.headers.authorization });
				res.setHeader('content-type', 'application/json');
				if (req.url === '/login') {
					token = `T${log.length}`;
					return res.end(JSON.stringify({ token }));
				}
				if (req.headers.authorization !== `Bearer ${token}`) {
					res.statusCode = 401;
					return res.end(JSON.stringify({ message: 'expired' }));
				}
				if (throttleNext > 0) {
					throttleNext--;
					res.statusCode = 429;
					res.setHeader('retry-after', '1');
					return res.end(JSON.stringify({ message: 'slow down' }));
				}
				const id = decodeURIComponent(req.url.split('/').pop());
				if (id === 'missing') {
					res.statusCode = 404;
					return res.end(JSON.stringify({ message: 'no such thing' }));
				}
				res.end(JSON.stringify({ id }));
			});
		});
	});
	afterAll(() => srv.s.close());

	test('runs items, logs in once, re-logs in once after expiry, retries 429 and maps errors', async () => {
		const h = createHarness({ nodes: [Probe], credentials: [ProbeApi] });
		const cid = h.addCredential('probeApi', { base: srv.url, password: 'pw-secret' });
		const node = { type: 'probe', parameters: { id: '={{$json.id}}' }, credentials: h.credentialRef('probeApi', cid) };

		const r1 = await h.runNode(node, [{ json: { id: 'a' } }, { json: { id: 'b/../c' } }]);
		expect(r1.outJson).toEqual([{ id: 'a' }, { id: 'b/../c' }]);
		expect(log.filter((l) => l.url === '/login')).toHaveLength(1);
		expect(log.some((l) => l.url === '/thing/b%2F..%2Fc')).toBe(true);

		token = 'rotated'; // server-side expiry
		throttleNext = 1;
		const r2 = await h.runNode(node, [{ json: { id: 'x' } }]);
		expect(r2.outJson).toEqual([{ id: 'x' }]);
		expect(log.filter((l) => l.url === '/login')).toHaveLength(2);
		expect(h.credentialsHelper.events.filter((e) => e.kind === 'preAuthentication')).toHaveLength(2);

		const r3 = await h.runNode({ ...node, continueOnFail: true }, [{ json: { id: 'missing' } }, { json: { id: '' } }, { json: { id: 'ok' } }]);
		expect(r3.out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(r3.outJson[0].error).toMatch(/Probe could not get thing missing: no such thing/);
		expect(r3.outJson[1].error).toBe('Item 2: ID is required');
		expect(r3.outJson[2]).toEqual({ id: 'ok' });
		expect(JSON.stringify(r3.outJson)).not.toMatch(/pw-secret|Bearer/);

		const before = log.length;
		const r4 = await h.runNode(node, [{ json: { id: 'ok' } }, { json: { id: '' } }]);
		expect(r4.error || r4.nodeError).toBeTruthy();
		expect((r4.error || r4.nodeError).message).toMatch(/Item 2: ID is required/);
		// Bad input stops the run: nothing is sent for item 2 or after it (item 1 may already be on its way: issue 14.1).
		expect(log.length).toBeLessThanOrEqual(before + 1);
		expect((r4.error || r4.nodeError).description || '').not.toMatch(/Item 2 (was|were) already sent/);

		const ct = await h.testCredential('probeApi', { base: srv.url, password: 'x' });
		expect([ct.status, ct.message]).toEqual(['OK', 'Connection successful!']);
	});
});
