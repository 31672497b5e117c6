const fc = require('fast-check');
const h = require('../../nodes/shared/http');

const fail = (status, headers = {}, code) => ({ status, headers, body: undefined, code, rawMessage: '' });
const none = { rateLimited: 0, transient: 0 };

describe('retry policy', () => {
	test('429 is retried for any method, honouring Retry-After seconds and HTTP dates', () => {
		expect(h.decideRetry(fail(429, { 'retry-after': '3' }), { method: 'POST' }, none)).toEqual({ retry: true, delayMs: 3000, rateLimited: true });
		const date = new Date(Date.now() + 5000).toUTCString();
		const d = h.decideRetry(fail(429, { 'retry-after': date }), { method: 'GET' }, none);
		expect(d.retry && d.delayMs).toBeGreaterThan(3000);
		expect(h.decideRetry(fail(429), { method: 'GET' }, { rateLimited: 8, transient: 0 })).toEqual({ retry: false });
	});
	test('5xx and network errors are retried only when the request is idempotent', () => {
		for (const s of [500, 502, 503, 504]) {
			expect(h.decideRetry(fail(s), { method: 'GET' }, none).retry).toBe(true);
			expect(h.decideRetry(fail(s), { method: 'PUT' }, none).retry).toBe(true);
			expect(h.decideRetry(fail(s), { method: 'POST' }, none).retry).toBe(false);
			expect(h.decideRetry(fail(s), { method: 'PATCH' }, none).retry).toBe(false);
			expect(h.decideRetry(fail(s), { method: 'POST', idempotent: true }, none).retry).toBe(true);
		}
		expect(h.decideRetry(fail(undefined, {}, 'ECONNRESET'), { method: 'POST' }, none).retry).toBe(false);
		expect(h.decideRetry(fail(undefined, {}, 'ECONNRESET'), { method: 'GET' }, none).retry).toBe(true);
		// refused: the request never reached the server, so even a create is safe to send again
		expect(h.decideRetry(fail(undefined, {}, 'ECONNREFUSED'), { method: 'POST' }, none).retry).toBe(true);
		expect(h.decideRetry(fail(500), { method: 'GET' }, { rateLimited: 0, transient: 3 })).toEqual({ retry: false });
	});
	test('4xx other than 429 is never retried', () => {
		for (const s of [400, 401, 403, 404, 409, 422]) expect(h.decideRetry(fail(s), { method: 'GET' }, none).retry).toBe(false);
	});
	test('backoff grows exponentially with jitter and stays within bounds', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
				const d = h.backoffDelayMs(attempt, h.DEFAULT_RETRY_POLICY, () => r);
				const cap = Math.min(h.DEFAULT_RETRY_POLICY.maxDelayMs, h.DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** attempt);
				return d >= Math.floor(cap / 2) && d <= cap;
			}),
		);
	});
});

describe('toHttpFailure and redaction', () => {
	test('reads status, headers and body from an error with an axios-like cause', () => {
		const err = { message: 'x', cause: { response: { status: 429, headers: { 'Retry-After': '2' }, data: '{"message":"slow"}' } } };
		const f = h.toHttpFailure(err);
		expect(f.status).toBe(429);
		expect(f.headers['retry-after']).toBe('2');
		expect(f.body).toEqual({ message: 'slow' });
	});
	test('a credential sign-in step reports its status as authStatus (kept out of n8n\'s own error-code detection)', () => {
		const { NodeApiError } = require('n8n-workflow');
		const login = Object.assign(new Error('QVOICE portal login failed (HTTP 500). Check the Portal URL.'), { authStatus: 500 });
		const wrapped = new NodeApiError({ name: 'x', type: 't', typeVersion: 1, id: '1', position: [0, 0], parameters: {} }, login);
		expect(wrapped.message).toMatch(/portal login failed/); // n8n keeps the message
		expect(h.toHttpFailure(wrapped).status).toBe(500); // the retry policy still sees the status
	});
	test('network errors keep their code', () => {
		expect(h.toHttpFailure({ message: 'socket hang up', cause: { code: 'ECONNRESET' } }).code).toBe('ECONNRESET');
	});
	test('redactSecrets removes tokens, talq_ keys and password fields', () => {
		const text = 'Bearer abcdefghijk123 talq_live_ABC123 {"password":"hunter2","access_token":"zzz"} client_secret=s3cr3t';
		const out = h.redactSecrets(text);
		for (const s of ['abcdefghijk123', 'ABC123', 'hunter2', 'zzz', 's3cr3t']) expect(out).not.toContain(s);
	});
});

describe('pathSegment', () => {
	test('ids can never change the request path', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 40 }).filter((id) => id !== '.' && id !== '..'), (id) => {
				const seg = h.pathSegment(id);
				const url = new URL(`http://x/campaigns/${seg}/users`);
				return url.pathname.split('/').length === 4 && url.pathname.endsWith('/users') && url.search === '' && url.hash === '' && decodeURIComponent(url.pathname.split('/')[2]) === id;
			}),
			{ numRuns: 3000 },
		);
		// URL parsers collapse "."/".." even percent-encoded, so those two are refused rather than encoded.
		expect(() => h.pathSegment('..')).toThrow(/not a valid ID/);
		expect(() => h.pathSegment('.')).toThrow(/not a valid ID/);
		expect(h.pathSegment('a/b?c#d e')).toBe('a%2Fb%3Fc%23d%20e');
	});
});
