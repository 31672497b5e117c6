const fc = require('fast-check');
const { mapPool } = require('../../nodes/shared/pool');
const { collectPages } = require('../../nodes/shared/pagination');
const { RequestGate } = require('../../nodes/shared/gate');

const tick = (ms) => new Promise((r) => setTimeout(r, ms));

describe('mapPool', () => {
	test('keeps input order and never exceeds the concurrency', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), async (delays, conc) => {
				let inFlight = 0;
				let peak = 0;
				const { results } = await mapPool(delays, conc, async (d, i) => {
					inFlight++;
					peak = Math.max(peak, inFlight);
					await tick(d);
					inFlight--;
					return i * 2;
				});
				return peak <= conc && results.every((r, i) => r === i * 2);
			}),
			{ numRuns: 40 },
		);
	});
	test('stopOnError starts nothing new after a failure and reports what ran', async () => {
		const { errors, started } = await mapPool([1, 2, 3, 4, 5], 1, async (x) => {
			if (x === 2) throw new Error('boom');
			return x;
		}, { stopOnError: true });
		expect(errors[1].message).toBe('boom');
		expect(started).toEqual([true, true, false, false, false]);
	});
});

describe('collectPages', () => {
	const pages = (n, size) => async (cursor) => {
		const p = cursor || 0;
		return { items: Array.from({ length: size }, (_, i) => ({ id: p * size + i })), next: p + 1 < n ? p + 1 : undefined };
	};
	test('returns everything in order, or exactly the limit', async () => {
		expect((await collectPages(pages(4, 3))).map((x) => x.id)).toEqual([...Array(12).keys()]);
		let fetched = 0;
		const limited = await collectPages(async (c) => { fetched++; return pages(100, 10)(c); }, { limit: 25 });
		expect(limited).toHaveLength(25);
		expect(fetched).toBe(3); // stops as soon as the limit is reached
	});
	test('stops when the server repeats a cursor', async () => {
		let calls = 0;
		const out = await collectPages(async () => { calls++; return { items: [{ id: calls }], next: 'same' }; });
		expect(calls).toBe(2);
		expect(out).toHaveLength(2);
	});
});

describe('RequestGate', () => {
	test('spaces request starts to the per-minute budget', async () => {
		let now = 0;
		const gate = new RequestGate(600, () => now); // one per 100 ms
		const scheduled = [];
		for (let i = 0; i < 3; i++) {
			await gate.acquire();
			scheduled.push(gate.nextStart);
		}
		expect(scheduled).toEqual([100, 200, 300]); // the clock stood still, so each start waited its turn
		expect(gate.currentIntervalMs).toBe(100);
	});
	test('slows down after 429 and recovers on success', () => {
		let now = 0;
		const gate = new RequestGate(600, () => now);
		gate.rateLimited(1000);
		expect(gate.currentIntervalMs).toBe(200);
		gate.rateLimited(1000); // a second 429 from the same burst, during the pause
		expect(gate.currentIntervalMs).toBe(200);
		now = 1500;
		gate.rateLimited(1000); // a new 429 after the pause ended: slow down further
		expect(gate.currentIntervalMs).toBe(400);
		for (let i = 0; i < 80; i++) gate.succeeded();
		expect(gate.currentIntervalMs).toBe(100);
	});
});
