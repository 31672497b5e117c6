// Talkover Trigger (webhook): register → the simulator really delivers → a local receiver forwards into the
// node's webhook() → bad secret refused → duplicates dropped → deregistered on delete.
const http = require('http');
const { createHarness } = require('../harness/engine');
const talkover = require('../simulators/talkover');
const { TalkoverTrigger } = require('../../nodes/Talkover/TalkoverTrigger.node');
const { TalkoverApi } = require('../../credentials/TalkoverApi.credentials');

let sim;
let h;
let cred;
let receiver;

/** A tiny HTTP server standing in for n8n's webhook endpoint: each request goes through h.webhook(). */
function startReceiver(nodeJson) {
	return new Promise((resolve) => {
		const r = { staticData: undefined, results: [], node: nodeJson };
		r.server = http.createServer((req, res) => {
			let text = '';
			req.on('data', (c) => (text += c));
			req.on('end', async () => {
				try {
					const out = await h.webhook(r.node, { headers: req.headers, body: JSON.parse(text || '{}') }, { staticData: r.staticData });
					r.staticData = out.staticData;
					r.results.push(out);
					const answer = out.responses[0] || { status: 200, body: { received: true } };
					res.statusCode = answer.status;
					res.setHeader('content-type', 'application/json');
					res.end(JSON.stringify(answer.body ?? {}));
				} catch (e) {
					res.statusCode = 500;
					res.end(String(e.message));
				}
			});
		});
		r.server.listen(0, '127.0.0.1', () => {
			r.url = `http://127.0.0.1:${r.server.address().port}/webhook/abc/webhook`;
			resolve(r);
		});
	});
}

/** The trigger's own static data (n8n keys it `node:<node name>`). */
const own = (staticData) => staticData[Object.keys(staticData).find((k) => k.startsWith('node:'))] || {};
const executions = () => receiver.results.filter((x) => x.result && x.result.workflowData);
const emitted = () => executions().map((x) => x.result.workflowData[0][0].json);

beforeEach(async () => {
	sim = talkover.create({ webhookRetryDelayMs: 20 });
	const url = await sim.start();
	h = createHarness({ nodes: [TalkoverTrigger], credentials: [TalkoverApi] });
	cred = h.addCredential('talkoverApi', talkover.demoCredentials(url));
});
afterEach(async () => {
	await sim.settle();
	await sim.stop();
	if (receiver) receiver.server.close();
	receiver = undefined;
});

function triggerNode(campaignId, events) {
	return {
		type: 'talkoverTrigger',
		parameters: { campaignId: { __rl: true, mode: 'id', value: campaignId }, events },
		credentials: h.credentialRef('talkoverApi', cred),
	};
}

test('register, real delivery with the secret, duplicates dropped, bad secret refused, deregister', async () => {
	const campaign = sim.state.campaigns[0];
	const node = triggerNode(campaign.id, ['campaign_call.completed', 'campaign_call.queued', 'event_call_transcript']);
	receiver = await startReceiver(node);

	const exists0 = await h.webhookLifecycle(node, 'checkExists', { webhookUrl: receiver.url });
	expect(exists0.result).toBe(false);
	const created = await h.webhookLifecycle(node, 'create', { webhookUrl: receiver.url, staticData: exists0.staticData });
	const state = own(created.staticData);
	expect(state.webhookId).toBeTruthy();
	expect(state.secret).toMatch(/^[0-9a-f]{64}$/);
	const registered = sim.state.webhooks.find((w) => w.id === state.webhookId);
	expect(registered).toMatchObject({ campaign_id: campaign.id, webhook_url: receiver.url, authorization_scheme: 'custom', include_call_events: true });
	expect(registered.custom_headers).toEqual([{ key: 'X-N8N-Webhook-Secret', value: state.secret }]);
	receiver.staticData = created.staticData;

	const again = await h.webhookLifecycle(node, 'checkExists', { webhookUrl: receiver.url, staticData: created.staticData });
	expect(again.result).toBe(true);

	// Vendor side: a contact is added and called.
	const add = await fetch(`${sim.url}/api/v1/campaigns/${campaign.id}/call`, {
		method: 'POST',
		headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ to: '+12135550444', context: { crm_id: 'L-77' } }),
	}).then((r) => r.json());
	sim.controlAction({ action: 'progressCall', campaignCallId: add.campaign_call.id, to: 'started' }); // not selected
	sim.controlAction({ action: 'progressCall', campaignCallId: add.campaign_call.id, to: 'completed' });
	await sim.settle();
	expect(emitted().map((e) => e.event)).toEqual(['campaign_call.queued', 'campaign_call.completed', 'event_call_transcript']);
	expect(emitted()[1]).toMatchObject({ context: { crm_id: 'L-77' }, campaign_call: { to: '+12135550444', status: 'completed' } });
	expect(JSON.stringify(emitted())).not.toContain(state.secret);

	// The same delivery again (Talkover retries when n8n answered late): answered 200, no second execution.
	const last = sim.deliveries.filter((d) => d.webhook_id === state.webhookId).pop();
	const dup = await h.webhook(node, { headers: { 'x-n8n-webhook-secret': state.secret }, body: last.payload }, { staticData: receiver.staticData });
	expect(dup.result.workflowData).toBeUndefined();
	expect(dup.responses[0]).toMatchObject({ status: 200, body: { duplicate: true } });

	// No or wrong secret: 401, no execution.
	for (const headers of [{}, { 'x-n8n-webhook-secret': 'guess' }, { authorization: 'Bearer guess' }]) {
		const bad = await h.webhook(node, { headers, body: { event: 'campaign_call.completed', timestamp: 'x' } }, { staticData: receiver.staticData });
		expect(bad.result.workflowData).toBeUndefined();
		expect(bad.responses[0].status).toBe(401);
	}

	// Deactivation removes the registration; deleting again (already gone) is fine.
	const deleted = await h.webhookLifecycle(node, 'delete', { webhookUrl: receiver.url, staticData: receiver.staticData });
	expect(deleted.result).toBe(true);
	expect(sim.state.webhooks).toHaveLength(0);
	expect(sim.requests('DELETE', `/api/v1/campaigns/${campaign.id}/webhooks/${state.webhookId}`)).toHaveLength(1);
	expect(own(deleted.staticData).secret).toBeUndefined();
	const gone = await h.webhookLifecycle(node, 'delete', { webhookUrl: receiver.url, staticData: receiver.staticData });
	expect(gone.result).toBe(true);
});

test('dedupe memory is bounded', async () => {
	const campaign = sim.state.campaigns[0];
	const node = triggerNode(campaign.id, ['campaign_call.queued']);
	receiver = await startReceiver(node);
	const created = await h.webhookLifecycle(node, 'create', { webhookUrl: receiver.url });
	let staticData = created.staticData;
	const secret = own(staticData).secret;
	for (let k = 0; k < 520; k++) {
		const out = await h.webhook(node, { headers: { 'x-n8n-webhook-secret': secret }, body: { event: 'campaign_call.queued', campaign_call: { id: `cc-${k}`, status: 'queued' }, timestamp: 't' } }, { staticData });
		expect(out.result.workflowData).toBeDefined();
		staticData = out.staticData;
	}
	expect(own(staticData).seen).toHaveLength(500);
});

test('checkExists finds a changed or vanished registration and replaces it; orphan for the same URL removed', async () => {
	const [c1, c2] = sim.state.campaigns;
	const node = triggerNode(c1.id, ['campaign_call.completed']);
	receiver = await startReceiver(node);
	const created = await h.webhookLifecycle(node, 'create', { webhookUrl: receiver.url });
	// Events changed in the editor: the old registration is removed, a new one is needed.
	const changed = await h.webhookLifecycle(triggerNode(c1.id, ['campaign_call.failed']), 'checkExists', { webhookUrl: receiver.url, staticData: created.staticData });
	expect(changed.result).toBe(false);
	expect(sim.state.webhooks).toHaveLength(0);
	// Deleted in Talkover: not found → create again.
	const second = await h.webhookLifecycle(node, 'create', { webhookUrl: receiver.url });
	sim.state.webhooks = [];
	expect((await h.webhookLifecycle(node, 'checkExists', { webhookUrl: receiver.url, staticData: second.staticData })).result).toBe(false);
	// Static data lost while a registration for this URL exists: its secret is unknown, so it is replaced.
	await h.webhookLifecycle(triggerNode(c2.id, ['campaign.paused']), 'create', { webhookUrl: receiver.url });
	const lost = await h.webhookLifecycle(triggerNode(c2.id, ['campaign.paused']), 'checkExists', { webhookUrl: receiver.url, staticData: {} });
	expect(lost.result).toBe(false);
	expect(sim.state.webhooks).toHaveLength(0);
});

test('lifecycle errors are reported, never swallowed', async () => {
	const node = triggerNode(sim.state.campaigns[0].id, ['campaign_call.completed']);
	sim.injectFault({ kind: 'status', status: 422, body: { message: 'The given data was invalid.', errors: { webhook_url: ['The webhook url must be a valid URL.'] } } });
	await expect(h.webhookLifecycle(node, 'create', { webhookUrl: 'http://127.0.0.1:1/x' })).rejects.toThrow(/register a webhook on campaign .*webhook_url: The webhook url must be a valid URL/);
	const created = await h.webhookLifecycle(node, 'create', { webhookUrl: 'http://127.0.0.1:1/x' });
	sim.injectFault({ kind: 'status', status: 500, count: 4 });
	await expect(h.webhookLifecycle(node, 'delete', { staticData: created.staticData })).rejects.toThrow(/remove the workflow's webhook/);
	await expect(h.webhookLifecycle(triggerNode('missing-campaign', ['campaign.paused']), 'checkExists', {})).rejects.toThrow(/Campaign not found/);
});

describe.each([
	['documented answer {data:{webhooks, available_events}}', null],
	['older bare answer {data:[…]}', (body) => ({ ...body, data: body.data.webhooks, available_events: body.data.available_events })],
])('orphaned registration, %s', (_name, reshape) => {
	test('a registration of an earlier activation pointing at this webhook URL is found and deleted on activation', async () => {
		if (reshape) {
			const route = sim.routes.find((r) => r.method === 'GET' && r.path === '/api/v1/campaigns/:id/webhooks');
			const orig = route.handler;
			route.handler = (ctx) => {
				const out = orig(ctx);
				return out.status === 200 ? { ...out, body: reshape(out.body) } : out;
			};
		}
		const [c1] = sim.state.campaigns;
		const node = triggerNode(c1.id, ['campaign_call.completed']);
		const url = 'http://127.0.0.1:5678/webhook/orphan-test/webhook';
		// An earlier activation registered, then its static data was lost (workflow re-imported, crash before save).
		const earlier = await h.webhookLifecycle(node, 'create', { webhookUrl: url });
		const orphanId = own(earlier.staticData).webhookId;
		// Someone else's webhook on the same campaign must survive.
		const other = await h.webhookLifecycle(node, 'create', { webhookUrl: 'http://127.0.0.1:5678/webhook/someone-else/webhook' });
		const otherId = own(other.staticData).webhookId;
		const check = await h.webhookLifecycle(node, 'checkExists', { webhookUrl: url, staticData: {} });
		expect(check.result).toBe(false);
		expect(sim.requests('DELETE', `/api/v1/campaigns/${c1.id}/webhooks/${orphanId}`)).toHaveLength(1);
		expect(sim.state.webhooks.map((w) => w.id)).toEqual([otherId]);
		const created = await h.webhookLifecycle(node, 'create', { webhookUrl: url, staticData: check.staticData });
		expect(sim.state.webhooks.filter((w) => w.webhook_url === url).map((w) => w.id)).toEqual([own(created.staticData).webhookId]);
	});
});

test('a webhook list answer in an unknown shape stops activation with a clear error instead of hiding orphans', async () => {
	const route = sim.routes.find((r) => r.method === 'GET' && r.path === '/api/v1/campaigns/:id/webhooks');
	route.handler = () => ({ status: 200, body: { success: true, data: { items: [] } } });
	const node = triggerNode(sim.state.campaigns[0].id, ['campaign_call.completed']);
	await expect(h.webhookLifecycle(node, 'checkExists', { webhookUrl: 'http://127.0.0.1:5678/webhook/x/webhook', staticData: {} })).rejects.toThrow(/list of webhooks of campaign .* unexpected shape/);
});
