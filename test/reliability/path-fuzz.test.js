// Hostile ids through the real nodes and the engine (fast-check): every id containing `/`, `..`, `?`, `#`, `%`,
// spaces or unicode must either be refused before any request or arrive at the simulator as ONE encoded path
// segment of the intended route, decoding back to exactly that id. The simulator's ledger is the witness: no
// request may land on any other path, and no query parameter may be smuggled in.
const fc = require('fast-check');
const { startVendor, rl } = require('./env');

const FRAGMENTS = ['/', '..', '.', '?', '#', '%', '%2F', '%2e%2e', '&', '=', ' ', '\\', ';', '+', 'é', '你', '😀', '\u0000', '\n', 'a', '7', '-', '_', ':', '@'];
const hostileId = fc.oneof(
	{ weight: 3, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 6 }).map((a) => a.join('')) },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
	{ weight: 1, arbitrary: fc.constantFrom('.', '..', '../', '../..', '..%2F', '%2e', '%2E%2E', '?x=1', '#top', 'a/b', ' ', './x', 'x/..') },
);

const CASES = [
	['talkdesk', 'campaign get', () => ({ resource: 'campaign', operation: 'get', campaignId: rl('={{$json.id}}') }), 'GET', /^\/campaigns\/([^/]+)$/],
	['talkdesk', 'record list get records', () => ({ resource: 'recordList', operation: 'getRecords', recordListId: rl('={{$json.id}}'), returnAll: false, limit: 1 }), 'GET', /^\/record-lists\/([^/]+)\/records$/],
	['talkdesk', 'record update', (env) => ({ resource: 'recordList', operation: 'updateRecord', recordListId: rl(env.sim.state.lists[0].id), recordId: '={{$json.id}}', updateFields: { priority: 3 } }), 'PATCH', /^\/record-lists\/[^/]+\/records\/([^/]+)$/],
	['qvoice', 'lead delete', () => ({ resource: 'lead', operation: 'delete', leadId: '={{$json.id}}' }), 'DELETE', /^\/api\/v2\/config\/campaigns\/leads\/([^/]+)$/],
	['qvoice', 'lead set status', () => ({ resource: 'lead', operation: 'setStatus', leadId: '={{$json.id}}', status: 'success' }), 'POST', /^\/api\/v2\/config\/campaigns\/leads\/([^/]+)\/status\/success$/],
	['qvoice', 'call voicemail disposition', () => ({ resource: 'call', operation: 'setDispositionVoicemail', cdrId: '={{$json.id}}' }), 'PUT', /^\/api\/v2\/config\/campaigns\/call\/([^/]+)\/disposition\/voicemail$/],
	['talkover', 'campaign get', () => ({ resource: 'campaign', operation: 'get', campaignId: rl('={{$json.id}}') }), 'GET', /^\/api\/v1\/campaigns\/([^/]+)$/],
	['talkover', 'campaign delete', () => ({ resource: 'campaign', operation: 'delete', campaignId: rl('={{$json.id}}') }), 'DELETE', /^\/api\/v1\/campaigns\/([^/]+)$/],
	['talkover', 'agent get', () => ({ resource: 'agent', operation: 'get', agentId: rl('={{$json.id}}') }), 'GET', /^\/api\/v1\/agents\/([^/]+)$/],
];
const TOKEN_PATHS = new Set(['/oauth/token', '/api/v2/login']);

const envs = {};
beforeAll(async () => {
	for (const v of ['talkdesk', 'qvoice', 'talkover']) envs[v] = await startVendor(v, v === 'qvoice' ? { bigCampaignLeads: 10 } : {});
});
afterAll(async () => {
	for (const e of Object.values(envs)) await e.stop();
});

const totals = { ids: 0, sent: 0, refused: 0 };

test.each(CASES)('%s %s: hostile ids stay one encoded segment of the intended path', async (vendor, _name, params, method, route) => {
	const env = envs[vendor];
	await fc.assert(
		fc.asyncProperty(fc.uniqueArray(hostileId, { minLength: 10, maxLength: 25 }), async (ids) => {
			env.sim.clearLedger();
			const items = ids.map((id) => ({ json: { id } }));
			const r = await env.h.runNode(env.node(params(env), { continueOnFail: true }), items);
			expect(r.error).toBeUndefined();
			expect(r.out).toHaveLength(items.length); // one output per id, refused or answered
			const accepted = new Set(ids.flatMap((id) => [id, id.trim()]));
			const hits = [];
			for (const e of env.sim.ledger) {
				if (TOKEN_PATHS.has(e.path)) continue;
				const m = route.exec(e.path);
				// Any other path (a parent, a sibling, the root, a list) means an id changed where the request went.
				if (!m || e.method !== method) throw new Error(`request left its route: ${e.method} ${e.path} (ids ${JSON.stringify(ids)})`);
				const decoded = decodeURIComponent(m[1]);
				if (!accepted.has(decoded)) throw new Error(`segment ${m[1]} decodes to ${JSON.stringify(decoded)}, not one of the ids`);
				for (const k of Object.keys(e.query)) if (!['page', 'per_page', 'page_size', 'pageSize', 'next_start_key'].includes(k)) throw new Error(`query parameter ${k} smuggled in by an id`);
				hits.push(decoded);
			}
			totals.ids += ids.length;
			totals.sent += new Set(hits).size;
			totals.refused += r.out.filter((o, i) => o.json.error && /^Item \d+:/.test(o.json.error)).length;
		}),
		{ numRuns: 8, endOnFailure: true },
	);
});

afterAll(() => {
	console.log(`path fuzz: ${totals.ids} hostile ids through ${CASES.length} operations: ${totals.sent} reached the simulator as one encoded segment, ${totals.refused} refused before any request, 0 changed the path`);
});
