'use strict';
/**
 * The HTTP core the three vendor simulators share: routing with :params, JSON bodies, a ledger of every
 * request received, a rate limit (fixed window and/or max in flight → 429 + Retry-After), added latency and
 * switchable faults. Controlled in-process (tests) or over HTTP under /__sim (standalone, e2e).
 */
const http = require('http');
const https = require('https');

function compile(pattern) {
	const keys = [];
	const re = new RegExp(
		'^' +
			pattern.replace(/\/:([A-Za-z_]+)/g, (_, k) => {
				keys.push(k);
				return '/([^/]+)';
			}) +
			'/?$',
	);
	return { re, keys };
}

const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'cookie']);

class Simulator {
	/**
	 * @param {object} o
	 * @param {string} o.name
	 * @param {Array<{method:string,path:string,handler:Function}>} o.routes
	 * @param {(status:number, message:string, extra?:object)=>object|string} o.errorBody vendor's error shape
	 * @param {(ctx)=>any} [o.before] auth etc.; return a response {status, body, headers} to stop
	 */
	constructor({ name, routes, errorBody, before }) {
		this.name = name;
		this.routes = routes.map((r) => ({ ...r, method: r.method.toUpperCase(), ...compile(r.path) }));
		this.errorBody = errorBody;
		this.before = before;
		this.ledger = [];
		this.faults = [];
		this.latencyMs = 0;
		this.rateLimit = null; // see setRateLimit
		this.windows = new Map();
		this.inFlight = 0;
		this.sockets = new Set();
	}

	/** Queue faults for the next `count` matching requests. kind: status|reset-before|reset-after|latency|malformed-json|html. */
	injectFault({ kind = 'status', count = 1, status = 500, body, headers, delayMs, match } = {}) {
		this.faults.push({ kind, remaining: count, status, body, headers, delayMs, match });
	}

	clearFaults() {
		this.faults = [];
	}

	setLatency(ms) {
		this.latencyMs = ms || 0;
	}

	/**
	 * Rate limit: `{ windowMs, max }` (fixed window starting at the first request after the previous one ended)
	 * and/or `{ maxInFlight }`; beyond it 429 + Retry-After (whole seconds, rounded up) and the vendor's error body.
	 * `keyBy: 'authorization'` keeps one window per token. `headers` says which rate-limit headers every counted
	 * answer carries: 'none' (default), 'x-ratelimit' (X-RateLimit-Limit/Remaining/Reset), 'ratelimit' (IETF draft
	 * RateLimit-Limit/Remaining/Reset + RateLimit-Policy "100;w=60"), 'ratelimit-structured' (IETF draft 9+:
	 * RateLimit "default";r=…;t=… + RateLimit-Policy "default";q=…;w=…). `reset`: 'seconds' from now (default)
	 * or 'epoch' seconds. Windows are recorded in the ledger (`entry.window`).
	 */
	setRateLimit(limit) {
		// A vendor's own defaults (e.g. Talkover: one budget per token) apply to every limit set.
		this.rateLimit = limit ? { ...(this.defaultRateLimit || {}), ...limit } : null;
		this.windows = new Map();
	}

	clearLedger() {
		this.ledger = [];
	}

	/** Ledger entries matching method and a path string or RegExp. */
	requests(method, path) {
		return this.ledger.filter(
			(e) => (!method || e.method === method) && (!path || (path instanceof RegExp ? path.test(e.path) : e.path === path)),
		);
	}

	takeFault(ctx) {
		const i = this.faults.findIndex((f) => f.remaining > 0 && (!f.match || f.match(ctx)));
		if (i < 0) return null;
		const f = this.faults[i];
		f.remaining--;
		if (f.remaining <= 0) this.faults.splice(i, 1);
		return f;
	}

	/** Counts the request; returns { retryAfter (seconds, when refused), headers (rate-limit headers to send) }. */
	checkRateLimit(ctx) {
		const rl = this.rateLimit;
		if (!rl) return { retryAfter: null, headers: {} };
		if (rl.maxInFlight && this.inFlight > rl.maxInFlight) return { retryAfter: 1, headers: {} };
		if (!(rl.windowMs && rl.max)) return { retryAfter: null, headers: {} };
		const key = rl.keyBy === 'authorization' ? String((ctx && ctx.headers.authorization) || '') : typeof rl.keyBy === 'function' ? rl.keyBy(ctx) : '';
		const now = Date.now();
		let w = this.windows.get(key);
		if (!w || now - w.start >= rl.windowMs) {
			w = { start: now, count: 0 };
			this.windows.set(key, w);
		}
		w.count++;
		if (ctx) ctx.entry.window = w.start;
		const resetMs = w.start + rl.windowMs;
		const resetIn = Math.max(1, Math.ceil((resetMs - now) / 1000));
		const remaining = Math.max(0, rl.max - w.count);
		const reset = rl.reset === 'epoch' ? String(Math.ceil(resetMs / 1000)) : String(resetIn);
		const windowSecs = String(rl.windowMs / 1000);
		const headers =
			rl.headers === 'x-ratelimit'
				? { 'x-ratelimit-limit': String(rl.max), 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': reset }
				: rl.headers === 'ratelimit'
					? { 'ratelimit-limit': String(rl.max), 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(resetIn), 'ratelimit-policy': `${rl.max};w=${windowSecs}` }
					: rl.headers === 'ratelimit-structured'
						? { ratelimit: `"default";r=${remaining};t=${resetIn}`, 'ratelimit-policy': `"default";q=${rl.max};w=${windowSecs}` }
						: {};
		return { retryAfter: w.count > rl.max ? resetIn : null, headers };
	}

	send(res, status, body, headers = {}) {
		if (res.writableEnded || res.destroyed) return;
		const isString = typeof body === 'string';
		const payload = body === undefined ? '' : isString ? body : JSON.stringify(body);
		const h = { ...(body !== undefined && !isString ? { 'content-type': 'application/json' } : {}), ...headers };
		if (isString && !h['content-type']) h['content-type'] = 'text/plain; charset=utf-8';
		res.writeHead(status, h);
		res.end(payload);
	}

	async handle(req, res) {
		const chunks = [];
		for await (const c of req) chunks.push(c);
		const rawBody = Buffer.concat(chunks);
		const url = new URL(req.url, 'http://sim');
		const query = Object.fromEntries(url.searchParams.entries());
		const headers = req.headers;
		let body;
		const text = rawBody.toString('utf8');
		if (text && /json/.test(headers['content-type'] || '')) {
			try {
				body = JSON.parse(text);
			} catch {
				body = Symbol.for('invalid-json');
			}
		} else if (text && /x-www-form-urlencoded/.test(headers['content-type'] || '')) {
			body = Object.fromEntries(new URLSearchParams(text).entries());
		} else body = text || undefined;

		if (url.pathname.startsWith('/__sim/')) return this.control(url.pathname, req.method, body, res);

		const entry = {
			at: Date.now(),
			method: req.method,
			path: url.pathname,
			query,
			headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SECRET_HEADERS.has(k) ? `[${String(v).length} chars]` : v])),
			authorization: headers.authorization,
			body: typeof body === 'symbol' ? text : body,
			rawBody,
			status: undefined,
		};
		this.ledger.push(entry);
		// When the answer left: a request that arrived after another's answer was sent started after that answer.
		res.on('finish', () => { entry.answeredAt = Date.now(); });
		const ctx = { req, res, method: req.method, path: url.pathname, query, headers, body, rawBody, entry, sim: this, params: {} };
		this.inFlight++;
		try {
			if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
			const fault = this.takeFault(ctx);
			if (fault) {
				entry.fault = fault.kind;
				if (fault.kind === 'latency') await new Promise((r) => setTimeout(r, fault.delayMs || 1000));
				else if (fault.kind === 'reset-before') {
					entry.status = 'reset';
					return req.socket.destroy();
				} else if (fault.kind === 'status') {
					entry.status = fault.status;
					const b = fault.body !== undefined ? fault.body : this.errorBody(fault.status, `Injected fault ${fault.status}`);
					return this.send(res, fault.status, b, fault.headers || {});
				} else if (fault.kind === 'malformed-json') {
					entry.status = 200;
					return this.send(res, 200, '{"data": [ {"id": "trunc', { 'content-type': 'application/json' });
				} else if (fault.kind === 'html') {
					entry.status = fault.status || 502;
					return this.send(res, fault.status || 502, '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>', { 'content-type': 'text/html' });
				}
			}
			const { retryAfter, headers: rateHeaders } = this.checkRateLimit(ctx);
			if (retryAfter) {
				entry.status = 429;
				entry.retryAfter = retryAfter;
				return this.send(res, 429, this.errorBody(429, 'Rate limit exceeded'), { ...rateHeaders, 'retry-after': String(retryAfter) });
			}
			if (typeof body === 'symbol') {
				entry.status = 400;
				return this.send(res, 400, this.errorBody(400, 'Malformed JSON body'));
			}
			const route = this.routes.find((r) => r.method === req.method && r.re.test(url.pathname));
			if (this.before) {
				const stop = await this.before(ctx, route);
				if (stop) {
					entry.status = stop.status;
					return this.send(res, stop.status, stop.body, { ...rateHeaders, ...stop.headers });
				}
			}
			if (!route) {
				const pathKnown = this.routes.some((r) => r.re.test(url.pathname));
				const status = pathKnown ? 405 : 404;
				entry.status = status;
				return this.send(res, status, this.errorBody(status, pathKnown ? 'Method not allowed' : 'Not found'));
			}
			const m = route.re.exec(url.pathname);
			route.keys.forEach((k, i) => (ctx.params[k] = decodeURIComponent(m[i + 1])));
			const out = (await route.handler(ctx)) || { status: 204 };
			entry.status = out.status;
			if (fault && fault.kind === 'reset-after') {
				entry.status = `${out.status}+reset`;
				return req.socket.destroy();
			}
			return this.send(res, out.status, out.body, { ...rateHeaders, ...out.headers });
		} catch (e) {
			entry.status = 500;
			entry.error = e.message;
			return this.send(res, 500, this.errorBody(500, 'Internal Server Error'));
		} finally {
			this.inFlight--;
		}
	}

	/** HTTP control surface for standalone use and the real-n8n tier. */
	control(pathname, method, body, res) {
		const b = body && typeof body === 'object' ? body : {};
		if (pathname === '/__sim/ledger' && method === 'GET') {
			return this.send(res, 200, this.ledger.map(({ rawBody, authorization, ...e }) => e));
		}
		if (pathname === '/__sim/ledger' && method === 'DELETE') {
			this.clearLedger();
			return this.send(res, 204);
		}
		if (pathname === '/__sim/faults' && method === 'POST') {
			this.injectFault(b);
			return this.send(res, 204);
		}
		if (pathname === '/__sim/faults' && method === 'DELETE') {
			this.clearFaults();
			return this.send(res, 204);
		}
		if (pathname === '/__sim/latency' && method === 'POST') {
			this.setLatency(b.ms);
			return this.send(res, 204);
		}
		if (pathname === '/__sim/rate-limit' && method === 'POST') {
			// keyBy over HTTP: only 'authorization' (a function cannot travel as JSON).
			this.setRateLimit(b.windowMs || b.maxInFlight ? b : null);
			return this.send(res, 204);
		}
		if (pathname === '/__sim/state' && method === 'GET' && this.exportState) {
			return this.send(res, 200, this.exportState());
		}
		if (pathname === '/__sim/action' && method === 'POST' && this.controlAction) {
			return Promise.resolve(this.controlAction(b)).then((r) => this.send(res, 200, r === undefined ? {} : r));
		}
		return this.send(res, 404, { message: 'unknown control endpoint' });
	}

	/** Starts on 127.0.0.1 (port 0 = ephemeral). `tls: {key, cert}` serves HTTPS. Resolves the base URL. */
	start({ port = 0, host = '127.0.0.1', tls } = {}) {
		const handler = (req, res) => {
			this.handle(req, res).catch(() => {
				try {
					res.destroy();
				} catch {
					/* already gone */
				}
			});
		};
		this.server = tls ? https.createServer(tls, handler) : http.createServer(handler);
		this.server.keepAliveTimeout = 1000;
		this.server.on('connection', (s) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => {
				this.port = this.server.address().port;
				this.url = `${tls ? 'https' : 'http'}://${host}:${this.port}`;
				resolve(this.url);
			});
		});
	}

	stop() {
		for (const s of this.sockets) s.destroy();
		return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

/** A HAL-style or generic helper: ISO timestamp n minutes ago, deterministic. */
function minutesAgo(n, base = Date.now()) {
	return new Date(base - n * 60_000).toISOString();
}

/** Deterministic pseudo-random generator so seeded data is the same on every run. */
function seeded(seed = 42) {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

module.exports = { Simulator, minutesAgo, seeded };
