'use strict';
/**
 * Exactly-once property for polling triggers (fast-check). A run is a random sequence of vendor-side changes,
 * polls, polls under a retried fault, polls that fail midway, manual "Fetch Test Event" runs and restarts or
 * republishes (static data saved and reloaded in a fresh harness). After every poll the emitted events are compared
 * with an oracle computed from the simulator's state and the last committed poll: nothing missing, nothing extra,
 * nothing twice. A failed poll must leave the static data exactly as it was (n8n keeps the in-memory object between
 * polls, so the test carries on with whatever the node left in it). The state must stay bounded.
 */
const fs = require('fs');
const path = require('path');
const fc = require('fast-check');
const { startVendor } = require('./env');

const OUT_DIR = path.join(__dirname, '..', '..', 'test-output', 'reliability');

const own = (staticData) => (staticData && staticData['node:Trigger']) || {};

/** Fails the k-th request (counted from 1) of the next poll with a non-retryable answer: the poll must fail. */
function failNth(sim, k, status, body) {
	let seen = 0;
	sim.injectFault({ kind: 'status', status, body, count: 1, match: (ctx) => ctx.method === 'GET' && ++seen === k });
}

/** A retried fault (503 or 429, Retry-After 0 to keep the suite fast) on the k-th request: the poll must succeed. */
function transientNth(sim, k, kind) {
	let seen = 0;
	const match = (ctx) => ctx.method === 'GET' && ++seen === k;
	sim.injectFault({ kind: 'status', status: Number(kind), count: 1, headers: { 'retry-after': '0' }, match });
}

function commandArb(changeArb, withConcurrent) {
	const extra = withConcurrent
		? [{ weight: 2, arbitrary: fc.record({ cmd: fc.constant('concurrent'), k: fc.integer({ min: 1, max: 4 }) }) }]
		: [];
	return fc.oneof(
		...extra,
		{ weight: 5, arbitrary: changeArb.map((c) => ({ cmd: 'change', change: c })) },
		{ weight: 4, arbitrary: fc.constant({ cmd: 'poll' }) },
		{ weight: 2, arbitrary: fc.record({ cmd: fc.constant('transient'), k: fc.integer({ min: 1, max: 4 }), kind: fc.constantFrom('503', '429') }) },
		{ weight: 2, arbitrary: fc.record({ cmd: fc.constant('fail'), k: fc.integer({ min: 1, max: 4 }) }) },
		{ weight: 1, arbitrary: fc.constant({ cmd: 'manual' }) },
		{ weight: 1, arbitrary: fc.constantFrom({ cmd: 'restart' }, { cmd: 'republish' }) },
	);
}

/**
 * adapter: { vendor, simOptions, setup(env), params(env, opts), optsArb, changeArb(env-free),
 *   applyChange(env, change, model), snapshot(env, model) → model snapshot, expected(env, model) → keys[],
 *   keyOf(event json), failStatus: [status, body], checkState(own, env, model) → problem|undefined, preBaseline?(env, model) }
 */
async function runProperty(adapter, { numRuns = 40, minLength = 23, maxLength = 32 } = {}) {
	const totals = { runs: 0, cycles: 0, polls: 0, failedPolls: 0, faultsInjected: 0, restarts: 0, events: 0, missed: 0, duplicated: 0, maxStateBytes: 0 };
	const property = fc.asyncProperty(adapter.optsArb || fc.constant({}), fc.array(commandArb(adapter.changeArb, !!adapter.applyConcurrent), { minLength, maxLength }), async (opts, commands) => {
		const env = await startVendor(adapter.vendor, adapter.simOptions || {});
		try {
			if (adapter.setup) adapter.setup(env, opts);
			const model = { added: [], opts };
			if (adapter.preBaseline) adapter.preBaseline(env, model);
			const node = () => env.trigger(adapter.params(env, opts));
			// Activation: the first poll records the baseline and emits nothing.
			const first = await env.h.poll(node());
			if (first.error) throw new Error(`baseline poll failed: ${first.error.message}`);
			if (first.items) throw new Error(`baseline poll emitted ${first.items.length} events`);
			let staticData = first.staticData;
			adapter.commit(env, model, []);
			totals.runs++;
			const delivered = new Map(); // key → times
			for (const c of commands) {
				totals.cycles++;
				if (c.cmd === 'change') {
					adapter.applyChange(env, c.change, model);
					continue;
				}
				if (c.cmd === 'restart' || c.cmd === 'republish') {
					// Saved to the database and loaded again by a new process (or after unpublish/publish).
					staticData = JSON.parse(JSON.stringify(staticData));
					env.newHarness();
					totals.restarts++;
					continue;
				}
				if (c.cmd === 'manual') {
					const m = await env.h.poll(node(), { staticData, mode: 'manual' });
					if (m.error) throw new Error(`manual run failed: ${m.error.message}`);
					if (JSON.stringify(m.liveStaticData) !== JSON.stringify(staticData)) throw new Error('a manual run changed the trigger state');
					continue;
				}
				env.sim.clearFaults();
				const before = env.sim.ledger.length;
				if (c.cmd === 'fail') failNth(env.sim, c.k, ...adapter.failStatus);
				if (c.cmd === 'transient') transientNth(env.sim, c.k, c.kind);
				const expected = adapter.expected(env, model);
				// A vendor-side change landing while the poll is paging: it may be delivered now or next time, once.
				let concurrent = { keys: [], ids: [] };
				if (c.cmd === 'concurrent') {
					let seen = 0;
					env.sim.injectFault({ kind: 'status', count: 1, match: (ctx) => {
						if (ctx.method === 'GET' && ++seen === c.k) concurrent = adapter.applyConcurrent(env, model);
						return false;
					} });
				}
				const r = await env.h.poll(node(), { staticData });
				const fired = env.sim.ledger.slice(before).filter((e) => e.fault).length;
				totals.faultsInjected += fired;
				env.sim.clearFaults();
				totals.polls++;
				if (r.error) {
					if (!(c.cmd === 'fail' && fired)) throw new Error(`poll failed unexpectedly (${c.cmd}): ${r.error.message}`);
					totals.failedPolls++;
					if (JSON.stringify(r.liveStaticData) !== JSON.stringify(staticData)) throw new Error('a failed poll changed the trigger state');
					staticData = r.liveStaticData;
					continue;
				}
				if (c.cmd === 'fail' && fired) throw new Error('a poll whose request failed with a non-retryable error reported success');
				const got = (r.json || []).map(adapter.keyOf);
				for (const k of got) delivered.set(k, (delivered.get(k) || 0) + 1);
				const want = new Set([...expected, ...concurrent.keys]);
				const missed = expected.filter((k) => !got.includes(k));
				const extra = got.filter((k, i) => !want.has(k) || got.indexOf(k) !== i);
				totals.events += got.length;
				totals.missed += missed.length;
				totals.duplicated += extra.length;
				if (missed.length || extra.length) {
					throw new Error(`poll ${totals.polls}: missed ${JSON.stringify(missed)}, extra or repeated ${JSON.stringify(extra)}`);
				}
				staticData = r.staticData;
				adapter.commit(env, model, concurrent.ids.filter((id, i) => !got.includes(concurrent.keys[i])));
				const bytes = JSON.stringify(staticData).length;
				totals.maxStateBytes = Math.max(totals.maxStateBytes, bytes);
				const bad = adapter.checkState(own(staticData), env, model);
				if (bad) throw new Error(`state not bounded: ${bad}`);
			}
			// Drain: whatever changed after the last poll is delivered by the next one, once.
			const expected = adapter.expected(env, model);
			const last = await env.h.poll(node(), { staticData });
			if (last.error) throw new Error(`final poll failed: ${last.error.message}`);
			totals.polls++;
			const got = (last.json || []).map(adapter.keyOf);
			totals.events += got.length;
			const missed = expected.filter((k) => !got.includes(k));
			const extra = got.filter((k, i) => !expected.includes(k) || got.indexOf(k) !== i);
			totals.missed += missed.length;
			totals.duplicated += extra.length;
			if (missed.length || extra.length) throw new Error(`final poll: missed ${JSON.stringify(missed)}, extra ${JSON.stringify(extra)}`);
			// Creations happen once, so their events must too (a status can legitimately change to the same value twice).
			const oncePerRun = adapter.oncePerRun || (() => true);
			for (const [k, n] of delivered) if (n > 1 && oncePerRun(k)) throw new Error(`${k} delivered ${n} times`);
		} finally {
			await env.stop();
		}
	});
	const seed = process.env.RELIABILITY_SEED ? Number(process.env.RELIABILITY_SEED) : undefined;
	await fc.assert(property, { numRuns, seed, endOnFailure: true });
	fs.mkdirSync(OUT_DIR, { recursive: true });
	fs.writeFileSync(path.join(OUT_DIR, `triggers-${adapter.name}.json`), JSON.stringify({ trigger: adapter.name, ...totals }, null, 1));
	return totals;
}

function triggerSummary() {
	const rows = [];
	for (const f of fs.existsSync(OUT_DIR) ? fs.readdirSync(OUT_DIR) : []) {
		if (f.startsWith('triggers-')) rows.push(JSON.parse(fs.readFileSync(path.join(OUT_DIR, f), 'utf8')));
	}
	const lines = ['| Trigger | Runs | Cycles | Polls | Failed polls (injected) | Faults injected | Restarts / republishes | Events delivered | Missed | Duplicated | Largest state |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
	for (const r of rows) lines.push(`| ${r.trigger} | ${r.runs} | ${r.cycles} | ${r.polls} | ${r.failedPolls} | ${r.faultsInjected} | ${r.restarts} | ${r.events} | ${r.missed} | ${r.duplicated} | ${r.maxStateBytes} B |`);
	const md = lines.join('\n');
	fs.writeFileSync(path.join(OUT_DIR, '..', 'reliability-triggers.md'), `# Triggers, exactly once\n\n${md}\n`);
	return md;
}

module.exports = { runProperty, triggerSummary, own };
