// pollSources itself (nodes/shared/polling.ts), through n8n-core's real poll path: a probe trigger declares one
// snapshot source and one stream source over an in-memory world whose clock the test drives. Random sequences of
// changes, polls, polls whose fetch throws, manual runs, settings changes and restarts; after every poll the events
// are compared with an oracle: nothing missed, nothing extra, nothing twice, oldest first; a failed poll or a
// manual run leaves the state exactly as it was; a settings change re-baselines only the source it concerns; the
// stream's memory stays inside its overlap window.
const fc = require('fast-check');
const { NodeConnectionTypes } = require('n8n-workflow');
const { createHarness } = require('../harness/engine');
const { pollSources } = require('../../nodes/shared/polling');

const OVERLAP = 5;
const TICK = 10;

function makeWorld() {
	return { now: 100, snapshot: new Map(), stream: [], failSource: null, fetches: 0, seq: 0 };
}

/** The probe trigger reads the world the test sets on the class before each poll. */
class PollProbeTrigger {
	constructor() {
		this.description = {
			displayName: 'Poll Probe Trigger',
			name: 'pollProbeTrigger',
			group: ['trigger'],
			version: 1,
			description: 'pollSources probe',
			defaults: { name: 'Poll Probe Trigger' },
			polling: true,
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [{ displayName: 'Filter', name: 'filter', type: 'string', default: '' }],
		};
	}

	async poll() {
		const world = PollProbeTrigger.world;
		const filter = this.getNodeParameter('filter', '');
		const fail = (name) => {
			world.fetches++;
			if (world.failSource === name) throw new Error(`fetch of ${name} failed`);
		};
		return await pollSources(this, [
			{
				name: 'things',
				compare: 'snapshot',
				config: filter,
				clock: () => world.now,
				fetch: async () => {
					fail('things');
					return [...world.snapshot].filter(([id]) => !filter || id.startsWith(filter)).map(([id, v]) => ({ id, v, born: Number(id.split('-')[1]) }));
				},
				key: (r) => r.id,
				fingerprint: (r) => r.v,
				order: (r) => r.born,
				emit: (r, before) => ({ kind: before === undefined ? 'new' : 'changed', id: r.id, v: r.v, before: before ?? null }),
				sample: (rows) => rows.slice(-1).map((r) => ({ kind: 'sample', id: r.id })),
			},
			{
				name: 'log',
				compare: 'stream',
				cursor: 'clock',
				overlap: OVERLAP,
				clock: () => world.now,
				fetch: async ({ manual, now, since }) => {
					fail('log');
					return world.stream.filter((r) => (manual || r.t >= since) && r.t <= now).reverse(); // newest first, as vendors list
				},
				key: (r) => r.id,
				time: (r) => r.t,
				emit: (r) => ({ kind: 'log', id: r.id, t: r.t }),
				sample: (rows) => rows.slice(0, 1).map((r) => ({ kind: 'sample', id: r.id })),
			},
		]);
	}
}

const commandArb = fc.oneof(
	{ weight: 4, arbitrary: fc.record({ cmd: fc.constant('put'), prefix: fc.constantFrom('a', 'b'), n: fc.nat(6), v: fc.nat(3) }) },
	{ weight: 4, arbitrary: fc.record({ cmd: fc.constant('log'), late: fc.nat(OVERLAP), n: fc.integer({ min: 1, max: 3 }) }) },
	{ weight: 5, arbitrary: fc.constant({ cmd: 'poll' }) },
	{ weight: 2, arbitrary: fc.record({ cmd: fc.constant('fail'), source: fc.constantFrom('things', 'log') }) },
	{ weight: 1, arbitrary: fc.constant({ cmd: 'manual' }) },
	{ weight: 1, arbitrary: fc.record({ cmd: fc.constant('filter'), filter: fc.constantFrom('', 'a', 'b') }) },
	{ weight: 1, arbitrary: fc.constant({ cmd: 'restart' }) },
);

const own = (s) => (s && s['node:Trigger']) || {};

test('pollSources: exactly once, oldest first, nothing committed on failure or manual runs, per-source re-baseline', async () => {
	const totals = { runs: 0, polls: 0, failed: 0, events: 0, rebaselines: 0 };
	await fc.assert(
		fc.asyncProperty(fc.array(commandArb, { minLength: 15, maxLength: 40 }), async (commands) => {
			const world = makeWorld();
			PollProbeTrigger.world = world;
			let h = createHarness({ nodes: [PollProbeTrigger] });
			let filter = '';
			const node = () => ({ type: 'pollProbeTrigger', parameters: { filter } });
			// Oracle: what the last committed poll saw.
			const visible = () => new Map([...world.snapshot].filter(([id]) => !filter || id.startsWith(filter)));
			let seenThings = new Map();
			let deliveredLog = new Set();
			let lastPollAt = world.now;
			const first = await h.poll(node());
			if (first.error || first.items) throw new Error('baseline poll failed or emitted');
			let staticData = first.staticData;
			seenThings = visible();
			world.stream.forEach((r) => deliveredLog.add(r.id));
			totals.runs++;
			for (const c of commands) {
				if (c.cmd === 'put') {
					world.snapshot.set(`${c.prefix}-${c.n}`, c.v);
					continue;
				}
				if (c.cmd === 'log') {
					// Stamped now, or late (up to the overlap before the last poll): the window still covers it.
					for (let k = 0; k < c.n; k++) world.stream.push({ id: `log-${++world.seq}`, t: Math.max(lastPollAt - c.late, 0) });
					continue;
				}
				if (c.cmd === 'restart') {
					staticData = JSON.parse(JSON.stringify(staticData));
					h = createHarness({ nodes: [PollProbeTrigger] });
					continue;
				}
				if (c.cmd === 'manual') {
					const m = await h.poll(node(), { staticData, mode: 'manual' });
					if (m.error) throw new Error(`manual run failed: ${m.error.message}`);
					if (JSON.stringify(m.liveStaticData) !== JSON.stringify(staticData)) throw new Error('a manual run changed the state');
					if (m.json && m.json.some((e) => e.kind !== 'sample')) throw new Error('a manual run emitted events');
					continue;
				}
				const rebaseline = c.cmd === 'filter' && c.filter !== filter;
				if (c.cmd === 'filter') filter = c.filter;
				world.now += TICK;
				world.failSource = c.cmd === 'fail' ? c.source : null;
				const r = await h.poll(node(), { staticData });
				world.failSource = null;
				totals.polls++;
				if (c.cmd === 'fail') {
					if (!r.error) throw new Error('a poll whose fetch threw reported success');
					if (JSON.stringify(r.liveStaticData) !== JSON.stringify(staticData)) throw new Error('a failed poll changed the state');
					totals.failed++;
					continue;
				}
				if (r.error) throw new Error(`poll failed: ${r.error.message}`);
				const got = r.json || [];
				totals.events += got.length;
				const now = visible();
				const wantThings = rebaseline ? [] : [...now].filter(([id, v]) => seenThings.get(id) !== v).map(([id, v]) => `${seenThings.has(id) ? 'changed' : 'new'}:${id}:${v}`);
				if (rebaseline) totals.rebaselines++;
				const gotThings = got.filter((e) => e.kind !== 'log').map((e) => `${e.kind}:${e.id}:${e.v}`);
				const wantLog = world.stream.filter((x) => !deliveredLog.has(x.id)).map((x) => x.id);
				const gotLog = got.filter((e) => e.kind === 'log');
				const sorted = (a) => [...a].sort();
				if (JSON.stringify(sorted(gotThings)) !== JSON.stringify(sorted(wantThings))) throw new Error(`snapshot: want ${JSON.stringify(wantThings)}, got ${JSON.stringify(gotThings)}`);
				if (JSON.stringify(sorted(gotLog.map((e) => e.id))) !== JSON.stringify(sorted(wantLog))) throw new Error(`stream: want ${JSON.stringify(wantLog)}, got ${JSON.stringify(gotLog.map((e) => e.id))}`);
				for (let k = 1; k < gotLog.length; k++) if (gotLog[k].t < gotLog[k - 1].t) throw new Error('stream events not oldest first');
				const born = got.filter((e) => e.kind !== 'log').map((e) => Number(e.id.split('-')[1]));
				for (let k = 1; k < born.length; k++) if (born[k] < born[k - 1]) throw new Error('snapshot events not in declared order');
				staticData = r.staticData;
				seenThings = now;
				gotLog.forEach((e) => deliveredLog.add(e.id));
				lastPollAt = world.now;
				const log = own(staticData).sources.log;
				if (Object.values(log.seen).some((t) => t < log.cursor - OVERLAP)) throw new Error('stream remembers rows outside its window');
			}
		}),
		{ numRuns: 150, seed: process.env.RELIABILITY_SEED ? Number(process.env.RELIABILITY_SEED) : undefined, endOnFailure: true },
	);
	console.log(`pollSources property: ${JSON.stringify(totals)}`);
	expect(totals.failed).toBeGreaterThan(0);
	expect(totals.rebaselines).toBeGreaterThan(0);
}, 300000); // generous: a shared 2-core machine under load; this guards hangs, not speed

test('a state stored by an earlier version re-baselines once: old keys dropped, nothing emitted, then normal', async () => {
	const world = makeWorld();
	PollProbeTrigger.world = world;
	world.snapshot.set('a-1', 1);
	world.stream.push({ id: 'log-old', t: 90 });
	const h = createHarness({ nodes: [PollProbeTrigger] });
	const node = { type: 'pollProbeTrigger', parameters: { filter: '' } };
	const legacy = { 'node:Trigger': { known: { 'a-1': '0' }, cursor: 1, configKey: '["x"]', data: { seen: {} } } };
	world.now += TICK;
	const first = await h.poll(node, { staticData: legacy });
	expect(first.error).toBeUndefined();
	expect(first.items).toBeNull();
	expect(Object.keys(own(first.staticData))).toEqual(['sources']);
	world.snapshot.set('a-1', 2);
	world.stream.push({ id: 'log-new', t: world.now });
	world.now += TICK;
	const second = await h.poll(node, { staticData: first.staticData });
	expect(second.json.map((e) => `${e.kind}:${e.id}`)).toEqual(['changed:a-1', 'log:log-new']);
});
