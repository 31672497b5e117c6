// Talkover Calls Trigger (polling), exactly once under random calls and status changes, polls, faults, restarts
// and calls created while a poll is paging (see trigger-property.js). Talkover lists calls newest first with page
// numbers, so a call created mid-poll shifts the pages under the reader.
const fc = require('fast-check');
const { runProperty, triggerSummary } = require('./trigger-property');

const STATUSES = ['initiated', 'ringing', 'answered', 'completed', 'failed', 'busy', 'no-answer'];
const fingerprint = (c) => [c.status, c.duration, c.updated_at ?? c.ended_at ?? ''].map((v) => String(v ?? '')).join('|');
let phoneSeq = 0;
const nextPhone = () => `+1213560${String(1000 + (phoneSeq++ % 9000))}`;

const adapter = {
	name: 'talkoverCallsTrigger',
	vendor: 'talkover',
	setup(env) {
		const route = env.sim.routes.find((r) => r.method === 'GET' && r.path === '/api/v1/calls');
		const orig = route.handler;
		route.handler = (ctx) => {
			ctx.query.per_page = '4';
			return orig(ctx);
		};
	},
	params: () => ({ event: 'newOrUpdated' }),
	changeArb: fc.oneof(
		fc.record({ kind: fc.constant('create'), n: fc.integer({ min: 1, max: 2 }) }),
		fc.record({ kind: fc.constant('status'), index: fc.nat(50), status: fc.constantFrom(...STATUSES), duration: fc.nat(300) }),
	),
	applyChange(env, c, model) {
		if (c.kind === 'create') {
			for (let k = 0; k < c.n; k++) model.added.push(env.sim.controlAction({ action: 'createCall', to: nextPhone() }).id);
			return;
		}
		if (!model.added.length) return;
		const id = model.added[c.index % model.added.length];
		env.sim.controlAction({ action: 'setCallStatus', callId: id, status: c.status, duration: c.duration });
	},
	applyConcurrent(env, model) {
		const id = env.sim.controlAction({ action: 'createCall', to: nextPhone() }).id;
		model.added.push(id);
		return { keys: [`new:${id}`], ids: [id] };
	},
	commit(env, model, notDelivered) {
		// Fingerprints of the calls this test made, as the trigger saw them (seeded calls never change).
		model.snapshot = new Map(env.sim.state.calls.filter((c) => model.added.includes(c.id) && !notDelivered.includes(c.id)).map((c) => [c.id, fingerprint(c)]));
	},
	expected(env, model) {
		const out = [];
		for (const c of env.sim.state.calls) {
			if (!model.added.includes(c.id)) continue;
			if (!model.snapshot.has(c.id)) out.push(`new:${c.id}`);
			else if (model.snapshot.get(c.id) !== fingerprint(c)) out.push(`updated:${c.id}:${fingerprint(c)}`);
		}
		return out;
	},
	keyOf: (e) => (e.change === 'updated' ? `updated:${e.id}:${fingerprint(e)}` : `${e.change}:${e.id}`),
	oncePerRun: (k) => k.startsWith('new:'),
	failStatus: [403, { success: false, message: 'Injected refusal' }],
	checkState(state, env) {
		const keys = state.sources && state.sources.calls && state.sources.calls.keys;
		if (!keys) return 'no call state stored';
		const n = Object.keys(keys).length;
		if (n > env.sim.state.calls.length) return `${n} calls remembered, ${env.sim.state.calls.length} exist`;
		return undefined;
	},
};

test('Talkover Calls Trigger: ≥ 1,000 random cycles, zero missed, zero duplicated, bounded state', async () => {
	const totals = await runProperty(adapter, { numRuns: 45 });
	console.log(`trigger property (talkover)\n${triggerSummary()}`);
	expect(totals.cycles).toBeGreaterThanOrEqual(1000);
	expect(totals.failedPolls).toBeGreaterThan(0);
	expect(totals.missed + totals.duplicated).toBe(0);
}, 300000); // generous: a shared 2-core machine under load; this guards hangs, not speed

// "New Call" (the Calls Trigger's other event kind): each call once when it first appears; status changes are silent.
const newOnly = {
	...adapter,
	name: 'talkoverCallsTrigger (new)',
	params: () => ({ event: 'new' }),
	expected: (env, model) => adapter.expected(env, model).filter((k) => k.startsWith('new:')),
};

test('Talkover Calls Trigger (New Call): random cycles, zero missed, zero duplicated', async () => {
	const totals = await runProperty(newOnly, { numRuns: 12 });
	console.log(`trigger property (talkover new)\n${triggerSummary()}`);
	expect(totals.failedPolls).toBeGreaterThan(0);
	expect(totals.events).toBeGreaterThan(0);
	expect(totals.missed + totals.duplicated).toBe(0);
}, 300000); // generous: a shared 2-core machine under load; this guards hangs, not speed
