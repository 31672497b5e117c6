// Talkover pacing through the real engine against the simulator's per-token requests-per-minute budget (docs:
// introduction, "Rate limits"). The simulator's "minute" is shortened to WINDOW_MS so a 300-call run takes seconds;
// what is asserted is behaviour (no 429 surfaced or even received, each call created once, starts within budget),
// never time.
const { createHarness } = require('../harness/engine');
const talkover = require('../simulators/talkover');
const { Talkover } = require('../../nodes/Talkover/Talkover.node');
const { TalkoverApi } = require('../../credentials/TalkoverApi.credentials');
const { PACING_CLOCK } = require('../../nodes/shared/gate');

const WINDOW_MS = 3000;
const BUDGET = 100;
const CALLS = 300;

let sim;
let h;

const rl = (value) => ({ __rl: true, mode: 'id', value });
const phones = (n, prefix = '1213557') => Array.from({ length: n }, (_, k) => ({ json: { phone: `+${prefix}${String(1000 + k)}` } }));

async function start(rateLimit, credentialExtra = {}) {
	sim = talkover.create({ rateLimit });
	const url = await sim.start();
	h = createHarness({ nodes: [Talkover], credentials: [TalkoverApi] });
	const cred = h.addCredential('talkoverApi', { ...talkover.demoCredentials(url), ...credentialExtra });
	return (parameters) => ({ type: 'talkover', parameters, credentials: h.credentialRef('talkoverApi', cred) });
}
afterEach(async () => {
	PACING_CLOCK.minuteMs = 60_000;
	if (sim) await sim.stop();
});

/** Runs Add Campaign Call for `items` with default options; returns the run and the call requests the sim saw. */
async function addCalls(node, items, options = {}) {
	const active = sim.state.campaigns.find((c) => c.status === 'active');
	const r = await h.runNode(node({ resource: 'campaignCall', operation: 'add', campaignId: rl(active.id), phoneNumber: '={{$json.phone}}', options }), items);
	return { r, sent: sim.requests('POST', `/api/v1/campaigns/${active.id}/call`), active };
}

function expectAllCreatedOnce(r, sent, items) {
	expect(r.error || r.nodeError).toBeUndefined();
	expect(r.outJson).toHaveLength(items.length);
	expect(r.outJson.every((o) => o.status === 'queued' && !o.error)).toBe(true);
	const accepted = sent.filter((e) => e.status === 201);
	expect(accepted).toHaveLength(items.length);
	expect(new Set(accepted.map((e) => e.body.to)).size).toBe(items.length);
}

/** Accepted requests per simulator window never exceed the budget, and more than one window was needed. */
function expectWithinBudget(sent) {
	const perWindow = new Map();
	for (const e of sent) perWindow.set(e.window, (perWindow.get(e.window) || 0) + 1);
	expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(BUDGET);
	expect(perWindow.size).toBeGreaterThanOrEqual(Math.ceil(CALLS / BUDGET));
}

test('300 calls, Standard plan (100/min), no rate-limit headers: bursts of 100 per minute, 0 × 429, each call once', async () => {
	PACING_CLOCK.minuteMs = WINDOW_MS; // the plan's "minute" is the simulator's
	const node = await start({ windowMs: WINDOW_MS, max: BUDGET, headers: 'none' });
	const items = phones(CALLS);
	const { r, sent } = await addCalls(node, items);
	expectAllCreatedOnce(r, sent, items);
	expect(sent.filter((e) => e.status === 429)).toHaveLength(0);
	expect(sent).toHaveLength(CALLS);
	expectWithinBudget(sent);
	// The next 100 wait for the window to end: the 101st starts at least a window after the first (the burst shape
	// itself is proven in test/shared/pacing.test.js, where a busy machine cannot blur it).
	expect(sent[BUDGET].at - sent[0].at).toBeGreaterThanOrEqual(WINDOW_MS);
});

describe.each([
	['X-RateLimit-*, reset in seconds', { headers: 'x-ratelimit' }],
	['X-RateLimit-*, reset as epoch seconds', { headers: 'x-ratelimit', reset: 'epoch' }],
	['RateLimit-* + RateLimit-Policy', { headers: 'ratelimit' }],
	['structured RateLimit + RateLimit-Policy (IETF draft 9+)', { headers: 'ratelimit-structured' }],
])('budget learned from the headers: %s', (_, form) => {
	test('a Professional plan on a 100/min token: the headers hold it to 100 per window, 0 × 429', async () => {
		// The credential claims 1,000 per (real) minute: only the headers can tell the node the truth.
		const node = await start({ windowMs: WINDOW_MS, max: BUDGET, ...form }, { plan: 'professional' });
		const items = phones(CALLS);
		const { r, sent } = await addCalls(node, items);
		expectAllCreatedOnce(r, sent, items);
		expect(sent.filter((e) => e.status === 429)).toHaveLength(0);
		expectWithinBudget(sent);
	});
});

test('no headers and a plan larger than the real budget: Retry-After is honoured, nothing surfaces, each call once', async () => {
	const node = await start({ windowMs: 1000, max: 20, headers: 'none' }, { plan: 'custom', customRequestsPerMinute: 100_000 });
	const items = phones(60);
	const { r, sent } = await addCalls(node, items);
	expectAllCreatedOnce(r, sent, items);
	const refused = sent.filter((e) => e.status === 429);
	expect(refused.length).toBeGreaterThan(0); // the limit really bit
	expect(refused.every((e) => e.retryAfter >= 1)).toBe(true);
	// Each refused call is sent again only after the wait Retry-After asked for (the window's end).
	for (const e of refused) {
		const again = sent.find((x) => x.at >= e.at && x !== e && x.body.to === e.body.to);
		expect(again.at).toBeGreaterThanOrEqual(e.at + e.retryAfter * 1000 - 20);
	}
	// Every worker pauses, not only the one refused: at most the requests already on their way (≤ Concurrency 5)
	// are refused per window.
	const perWindow = new Map();
	for (const e of refused) perWindow.set(e.window, (perWindow.get(e.window) || 0) + 1);
	expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(5);
});

test('the budget is per environment token: another token\'s requests do not use this one\'s budget', async () => {
	PACING_CLOCK.minuteMs = WINDOW_MS;
	const node = await start({ windowMs: WINDOW_MS, max: BUDGET });
	// Someone else's token spends 100 requests in the window; ours must still get its full budget.
	for (let i = 0; i < 100; i++) sim.checkRateLimit({ headers: { authorization: 'Bearer talq_other' }, entry: {} });
	const items = phones(50);
	const { r, sent } = await addCalls(node, items);
	expectAllCreatedOnce(r, sent, items);
	expect(sent.filter((e) => e.status === 429)).toHaveLength(0); // the other token's 100 did not count against ours
});

test('the user\'s Max Requests per Minute overrides the plan: evenly spread at that rate', async () => {
	PACING_CLOCK.minuteMs = WINDOW_MS;
	const node = await start({ windowMs: WINDOW_MS, max: BUDGET });
	const items = phones(20);
	// 30 per "minute" of 3 s = one start every 100 ms (the Standard plan alone would send all 20 at once).
	const { r, sent } = await addCalls(node, items, { maxPerMinute: 30 });
	expectAllCreatedOnce(r, sent, items);
	// Spacing, not timing: the vendor sees 19 gaps of ~100 ms, never a burst (a burst spans a few ms). Arrival times
	// jitter on a loaded machine (the first request also opens a connection), so allow 15 % per gap.
	expect(sent[19].at - sent[0].at).toBeGreaterThanOrEqual(19 * 100 * 0.85);
});

test('Make Call goes through the same gate: 150 calls on Standard, 0 × 429', async () => {
	PACING_CLOCK.minuteMs = WINDOW_MS;
	const node = await start({ windowMs: WINDOW_MS, max: BUDGET, headers: 'none' });
	const agent = sim.state.agents[0].id;
	const items = phones(150, '1213556');
	const r = await h.runNode(node({ resource: 'agent', operation: 'makeCall', agentId: rl(agent), phoneNumber: '={{$json.phone}}' }), items);
	expect(r.error || r.nodeError).toBeUndefined();
	expect(r.outJson).toHaveLength(150);
	const sent = sim.requests('POST', `/api/v1/agents/${agent}/call`);
	expect(sent.filter((e) => e.status === 429)).toHaveLength(0);
	expect(sent.filter((e) => e.status < 300)).toHaveLength(150);
});
