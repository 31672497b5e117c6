// Talkover Trigger (webhook) security through the engine: the registration made against the simulator gives the
// per-workflow secret; requests without it or with a wrong one get 401 and start nothing; duplicated deliveries of
// one event start one execution; oversized or malformed bodies are refused with a clear status, never a crash.
const { startVendor } = require('./env');

let env;
let node;
let staticData;
let secret;
const WEBHOOK_URL = 'http://127.0.0.1:5678/webhook/reliability/webhook';

beforeAll(async () => {
	env = await startVendor('talkover', { webhookRetryDelayMs: 20 });
	const campaign = env.sim.state.campaigns[0];
	node = { type: 'talkoverTrigger', parameters: { campaignId: env.rl(campaign.id), events: ['campaign_call.completed', 'campaign_call.queued'] }, credentials: env.h.credentialRef('talkoverApi', env.cid) };
	const created = await env.h.webhookLifecycle(node, 'create', { webhookUrl: WEBHOOK_URL });
	staticData = created.staticData;
	secret = Object.values(staticData).find((s) => s && s.secret).secret;
});
afterAll(() => env.stop());

const event = (id, extra = {}) => ({ event: 'campaign_call.completed', timestamp: '2026-11-23T10:00:00Z', campaign_id: 'c1', campaign_call: { id, status: 'completed', to: '+12135550100' }, ...extra });
async function deliver(headers, body) {
	const r = await env.h.webhook(node, { headers, body }, { staticData });
	staticData = r.staticData;
	return { started: !!(r.result && r.result.workflowData), status: r.responses[0] ? r.responses[0].status : 200, body: r.responses[0] && r.responses[0].body };
}

test('no secret, a wrong one, a near miss, a wrong scheme: 401 and no execution', async () => {
	const wrong = [
		{},
		{ 'x-n8n-webhook-secret': '' },
		{ 'x-n8n-webhook-secret': 'guess' },
		{ 'x-n8n-webhook-secret': secret.slice(0, -1) },
		{ 'x-n8n-webhook-secret': `${secret}0` },
		{ 'x-n8n-webhook-secret': secret.toUpperCase() },
		{ authorization: `Basic ${secret}` },
		{ 'x-n8n-webhook-secret': [secret, 'x'] },
	];
	for (const headers of wrong) {
		const r = await deliver(headers, event('cc-401'));
		expect([r.status, r.started]).toEqual([401, false]);
		expect(JSON.stringify(r.body)).not.toContain(secret);
	}
	// The secret in the query string is not accepted either (it would end up in access logs).
	const q = await env.h.webhook(node, { headers: {}, query: { secret }, body: event('cc-401') }, { staticData });
	expect(q.result.workflowData).toBeUndefined();
});

test('the right secret starts exactly one execution per event, however often it is delivered', async () => {
	const headers = { 'x-n8n-webhook-secret': secret };
	const first = await deliver(headers, event('cc-1'));
	expect([first.status, first.started]).toEqual([200, true]);
	for (let k = 0; k < 5; k++) {
		const again = await deliver(headers, event('cc-1'));
		expect(again.started).toBe(false);
		expect(again.status).toBe(200); // answered OK so Talkover stops retrying
	}
	expect((await deliver(headers, event('cc-2'))).started).toBe(true);
	expect((await deliver({ authorization: `Bearer ${secret}` }, event('cc-3'))).started).toBe(true);
});

test.each([
	['no body', undefined],
	['null', null],
	['a string', 'event=campaign_call.completed'],
	['an array', [event('cc-arr')]],
	['a number', 42],
	['an object without event', { hello: 'world' }],
	['an event that is not a string', { event: { $gt: '' } }],
])('a malformed body (%s) is refused with 400 and starts nothing', async (_name, body) => {
	const r = await deliver({ 'x-n8n-webhook-secret': secret }, body);
	expect(r.started).toBe(false);
	expect(r.status).toBe(400);
});

test('an oversized body is refused with 413 and starts nothing; an unauthenticated one gets 401 first', async () => {
	const big = event('cc-big', { transcript: 'x'.repeat(2 * 1024 * 1024) });
	const r = await deliver({ 'x-n8n-webhook-secret': secret }, big);
	expect([r.status, r.started]).toEqual([413, false]);
	const anon = await deliver({}, big);
	expect(anon.status).toBe(401);
	// Dedupe memory stays bounded whatever is thrown at it.
	const own = Object.values(staticData).find((s) => s && s.secret);
	expect(own.seen.length).toBeLessThanOrEqual(500);
});
