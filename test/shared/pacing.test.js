// Unit tests of the pacing machinery: reading rate-limit headers in every common form, and the gate's budget rules.
const { RequestGate, parseRateLimitHeaders, parseResetAt } = require('../../nodes/shared/gate');
const { decideRetry, rateLimitWaitMs } = require('../../nodes/shared/http');

const NOW = 1_765_000_000_000; // an epoch ms
const none = { rateLimited: 0, transient: 0 };

describe('parseResetAt: every form vendors use', () => {
	test.each([
		['seconds from now', '30', NOW + 30_000],
		['fractional seconds', '1.5', NOW + 1_500],
		['epoch seconds', String(NOW / 1000 + 42), NOW + 42_000],
		['epoch milliseconds', String(NOW + 7_000), NOW + 7_000],
		['HTTP date', new Date(NOW + 60_000).toUTCString(), NOW + 60_000],
		['duration 1m30s', '1m30s', NOW + 90_000],
		['duration 250ms', '250ms', NOW + 250],
	])('%s', (_, value, expected) => {
		expect(parseResetAt(value, NOW)).toBe(expected);
	});
	test('absent or unreadable → undefined', () => {
		expect(parseResetAt(undefined, NOW)).toBeUndefined();
		expect(parseResetAt('', NOW)).toBeUndefined();
		expect(parseResetAt('soon', NOW)).toBeUndefined();
	});
});

describe('parseRateLimitHeaders', () => {
	test('X-RateLimit-* with reset in seconds from now', () => {
		expect(parseRateLimitHeaders({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '42', 'x-ratelimit-reset': '17' }, NOW)).toEqual({ limit: 100, remaining: 42, resetAt: NOW + 17_000 });
	});
	test('X-RateLimit-* with reset as epoch seconds', () => {
		expect(parseRateLimitHeaders({ 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 5) }, NOW)).toEqual({ limit: 1000, remaining: 0, resetAt: NOW + 5_000 });
	});
	test('X-Rate-Limit-* (dashed) is read too', () => {
		expect(parseRateLimitHeaders({ 'x-rate-limit-limit': '60', 'x-rate-limit-remaining': '3' }, NOW)).toEqual({ limit: 60, remaining: 3 });
	});
	test('IETF RateLimit-Limit/Remaining/Reset + RateLimit-Policy "100;w=60"', () => {
		expect(parseRateLimitHeaders({ 'ratelimit-limit': '100', 'ratelimit-remaining': '99', 'ratelimit-reset': '59', 'ratelimit-policy': '100;w=60' }, NOW)).toEqual({ limit: 100, remaining: 99, resetAt: NOW + 59_000, windowMs: 60_000 });
	});
	test('IETF draft 03: window riding on the limit ("10, 10;w=1, 50;w=60")', () => {
		expect(parseRateLimitHeaders({ 'ratelimit-limit': '10, 10;w=1, 50;w=60' }, NOW)).toEqual({ limit: 10, windowMs: 1_000 });
	});
	test('IETF draft 9+: structured RateLimit + RateLimit-Policy with q and w', () => {
		expect(parseRateLimitHeaders({ ratelimit: '"default";r=12;t=8', 'ratelimit-policy': '"default";q=100;w=60' }, NOW)).toEqual({ limit: 100, remaining: 12, resetAt: NOW + 8_000, windowMs: 60_000 });
	});
	test('combined RateLimit "limit=100, remaining=50, reset=30"', () => {
		expect(parseRateLimitHeaders({ ratelimit: 'limit=100, remaining=50, reset=30' }, NOW)).toEqual({ limit: 100, remaining: 50, resetAt: NOW + 30_000 });
	});
	test('several policies: the one allowing the fewest requests per second wins', () => {
		expect(parseRateLimitHeaders({ 'ratelimit-policy': '"burst";q=100;w=1, "daily";q=1000;w=86400' }, NOW)).toMatchObject({ limit: 1000, windowMs: 86_400_000 });
	});
	test('no rate-limit headers, or garbage → undefined', () => {
		expect(parseRateLimitHeaders({ 'content-type': 'application/json' }, NOW)).toBeUndefined();
		expect(parseRateLimitHeaders({ 'x-ratelimit-remaining': 'lots' }, NOW)).toBeUndefined();
		expect(parseRateLimitHeaders(undefined, NOW)).toBeUndefined();
	});
});

describe('429 wait: Retry-After first, else the reset header', () => {
	const fail = (headers) => ({ status: 429, headers, body: {}, rawMessage: '' });
	test('Retry-After in seconds and as an HTTP date', () => {
		expect(decideRetry(fail({ 'retry-after': '4' }), { method: 'POST' }, none)).toEqual({ retry: true, delayMs: 4000, rateLimited: true });
		const at = new Date(Date.now() + 10_000).toUTCString();
		const d = decideRetry(fail({ 'retry-after': at }), { method: 'POST' }, none);
		expect(d.delayMs).toBeGreaterThan(8000);
		expect(d.delayMs).toBeLessThanOrEqual(10_000);
	});
	test('no Retry-After: X-RateLimit-Reset (seconds or epoch) or RateLimit-Reset decides', () => {
		expect(rateLimitWaitMs({ 'x-ratelimit-reset': '6' }, NOW)).toBe(6000);
		expect(rateLimitWaitMs({ 'x-ratelimit-reset': String(NOW / 1000 + 3) }, NOW)).toBe(3000);
		expect(rateLimitWaitMs({ 'ratelimit-reset': '2' }, NOW)).toBe(2000);
		expect(rateLimitWaitMs({ 'retry-after': '1', 'ratelimit-reset': '9' }, NOW)).toBe(1000);
		expect(rateLimitWaitMs({}, NOW)).toBeUndefined();
	});
});

describe('RequestGate budget', () => {
	const tick = (ms) => new Promise((r) => setTimeout(r, ms));

	test('no budget, no option: no pacing at all', async () => {
		const gate = new RequestGate();
		const t0 = Date.now();
		for (let i = 0; i < 50; i++) gate.succeeded({}, await gate.acquire());
		expect(Date.now() - t0).toBeLessThan(100);
		expect(gate.source).toBe('none');
	});

	test('plan budget: a burst up to the budget, the next start one window after the first answer', async () => {
		const gate = new RequestGate();
		gate.setPlan(10, 300); // 10 per 300 ms
		expect(gate.source).toBe('plan');
		const t0 = Date.now();
		const starts = [];
		for (let i = 0; i < 25; i++) {
			const slot = await gate.acquire();
			starts.push(Date.now() - t0);
			gate.succeeded({}, slot);
		}
		expect(starts.slice(0, 10).every((t) => t < 50)).toBe(true); // burst
		expect(starts[10]).toBeGreaterThanOrEqual(300); // then a window later
		expect(starts[20]).toBeGreaterThanOrEqual(600);
		// Never more than 10 starts within any 300 ms.
		for (let i = 10; i < starts.length; i++) expect(starts[i] - starts[i - 10]).toBeGreaterThanOrEqual(300);
	});

	test('the user\'s Max Requests per Minute overrides the plan and spreads starts evenly', () => {
		const gate = new RequestGate(600); // 100 ms apart
		gate.setPlan(100);
		expect(gate.source).toBe('option');
		expect(gate.budgetPerWindow).toBeUndefined();
		expect(gate.currentIntervalMs).toBe(100);
	});

	test('headers replace the plan: out of requests → wait for the reset, then the full limit again', async () => {
		const gate = new RequestGate();
		gate.setPlan(1000);
		const slot = await gate.acquire();
		const now = Date.now();
		gate.succeeded({ 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': '1' }, slot);
		expect(gate.source).toBe('headers');
		expect(gate.budgetPerWindow).toBeUndefined(); // the plan's 1,000 no longer applies
		const starts = [];
		for (let i = 0; i < 4; i++) {
			const s = await gate.acquire();
			starts.push(Date.now() - now);
			gate.succeeded({}, s);
		}
		expect(starts[0]).toBeLessThan(100);
		expect(starts[1]).toBeLessThan(100);
		expect(starts[2]).toBeGreaterThanOrEqual(990); // out of requests: waits for the reset 1 s later
		expect(starts[3] - starts[2]).toBeLessThan(100); // after the reset, the limit is there again
	});

	test('a RateLimit-Policy header sets a sliding-window budget', async () => {
		const gate = new RequestGate();
		gate.succeeded({ 'ratelimit-policy': '3;w=0.25' }, await gate.acquire());
		expect(gate.budgetPerWindow).toEqual({ limit: 3, windowMs: 250 });
	});

	test('429: every worker pauses for the wait asked, then carries on', async () => {
		const gate = new RequestGate();
		const slot = await gate.acquire();
		const t0 = Date.now();
		gate.rateLimited(200, { 'retry-after': '0.2' }, slot);
		await gate.acquire();
		expect(Date.now() - t0).toBeGreaterThanOrEqual(195);
	});

	test('old callers (acquire, then succeeded() without arguments) keep working', async () => {
		const gate = new RequestGate();
		gate.setPlan(2, 200);
		await gate.acquire();
		gate.succeeded();
		await gate.acquire();
		gate.succeeded();
		const t0 = Date.now();
		await gate.acquire();
		expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
		await tick(1);
	});
});
