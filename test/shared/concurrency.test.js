// The adaptive concurrency controller (AIMD) and the streaming pool, with deterministic inputs: signals carry their
// own times, so no clock or timer is involved in the controller tests.
const { AdaptiveConcurrency } = require('../../nodes/shared/concurrency');
const { StreamPool } = require('../../nodes/shared/pool');

/** n clean answers of `latency` ms, one after another starting at `t`; returns the end time. */
function feed(c, n, latency, t = 0, outcome = 'ok') {
	for (let k = 0; k < n; k++) c.record({ outcome, startedAt: t, finishedAt: t + latency }), (t += latency);
	return t;
}

describe('AdaptiveConcurrency', () => {
	test('starts modestly (4, or the ceiling if lower)', () => {
		expect(new AdaptiveConcurrency({ ceiling: 20 }).limit).toBe(4);
		expect(new AdaptiveConcurrency({ ceiling: 2 }).limit).toBe(2);
		expect(new AdaptiveConcurrency({ ceiling: 20, initial: 1 }).limit).toBe(1);
	});

	test('grows while answers are fast and clean, never past the ceiling (the user\'s Concurrency)', () => {
		const c = new AdaptiveConcurrency({ ceiling: 10 });
		feed(c, 3, 20);
		expect(c.limit).toBe(7); // slow start: +1 per clean answer
		feed(c, 50, 20, 100);
		expect(c.limit).toBe(10);
	});

	test('a 429 halves it once per congestion event, not once per answer', () => {
		const c = new AdaptiveConcurrency({ ceiling: 16, initial: 16 });
		c.record({ outcome: 'rateLimited', startedAt: 100, finishedAt: 120 });
		expect(c.limit).toBe(8);
		// Requests sent before that cut answer 429 too: they were sent under the old limit, no further cut.
		c.record({ outcome: 'rateLimited', startedAt: 105, finishedAt: 125 });
		c.record({ outcome: 'rateLimited', startedAt: 110, finishedAt: 130 });
		expect(c.limit).toBe(8);
		// A request sent after the cut that still gets 429: cut again.
		c.record({ outcome: 'rateLimited', startedAt: 140, finishedAt: 150 });
		expect(c.limit).toBe(4);
		for (let k = 0; k < 10; k++) c.record({ outcome: 'rateLimited', startedAt: 200 + k * 100, finishedAt: 250 + k * 100 });
		expect(c.limit).toBe(1); // never below one
	});

	test('after a cut it grows additively (about +1 per round of answers), not by doubling', () => {
		const c = new AdaptiveConcurrency({ ceiling: 20, initial: 10 });
		c.record({ outcome: 'rateLimited', startedAt: 0, finishedAt: 10 });
		expect(c.limit).toBe(5);
		feed(c, 6, 10, 20); // about one round of answers: +1 (slow start would have doubled it to 10)
		expect(c.limit).toBe(6);
		feed(c, 7, 10, 100);
		expect(c.limit).toBe(7);
	});

	test('rising latency backs off; steady latency does not', () => {
		const steady = new AdaptiveConcurrency({ ceiling: 10, initial: 8 });
		feed(steady, 40, 20);
		expect(steady.limit).toBe(10);
		const slowing = new AdaptiveConcurrency({ ceiling: 10, initial: 8 });
		let t = feed(slowing, 5, 20);
		expect(slowing.limit).toBe(10);
		t = feed(slowing, 10, 200, t); // 10× slower: the vendor is queueing our requests
		expect(slowing.limit).toBeLessThan(10);
	});

	test('transient failures that are retried back off; a vendor refusing one item (a 4xx) does not change it', () => {
		const c = new AdaptiveConcurrency({ ceiling: 10, initial: 10 });
		c.record({ outcome: 'failed', startedAt: 0, finishedAt: 5 });
		expect(c.limit).toBe(10);
		c.record({ outcome: 'retried', startedAt: 10, finishedAt: 15 });
		expect(c.limit).toBe(7);
	});
});

describe('StreamPool', () => {
	const tick = () => new Promise((r) => setTimeout(r, 2));
	test('the first unit runs alone, then up to the limit; stop() starts nothing new and leaves the queue unstarted', async () => {
		let running = 0;
		let peak = 0;
		const log = [];
		const pool = new StreamPool(async (u) => {
			running++;
			peak = Math.max(peak, running);
			log.push(`start ${u} with ${running}`);
			await tick();
			running--;
			if (u === 5) pool.stop();
		}, () => 3);
		for (let u = 1; u <= 10; u++) pool.push(u);
		await pool.drain();
		expect(log[0]).toBe('start 1 with 1');
		expect(log[1]).toBe('start 2 with 1'); // unit 1 finished before anything else started
		expect(peak).toBe(3);
		const started = log.map((l) => Number(l.split(' ')[1]));
		expect(Math.max(...started)).toBeLessThanOrEqual(7); // 5 stops it; 6 and 7 were already running with it
		expect(pool.unstarted()).toEqual([...Array(10).keys()].map((k) => k + 1).filter((u) => !started.includes(u)));
	});
});
