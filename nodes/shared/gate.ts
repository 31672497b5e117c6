import { sleep } from 'n8n-workflow';

/** Length of the "minute" budgets are counted in. Tests and benchmarks shorten it to run in seconds. */
export const PACING_CLOCK = { minuteMs: 60_000 };

/** What a vendor said about its rate limit in one answer's headers (any field may be missing). */
export interface RateLimitInfo {
	/** Requests allowed per window. */
	limit?: number;
	/** Requests left in the current window. */
	remaining?: number;
	/** When the current window ends, epoch ms. */
	resetAt?: number;
	/** Window length, when the vendor names it (`RateLimit-Policy: 100;w=60`). */
	windowMs?: number;
}

const num = (text: string | undefined): number | undefined => {
	if (text === undefined) return undefined;
	const m = /-?\d+(\.\d+)?/.exec(text);
	return m ? Number(m[0]) : undefined;
};

/** "30", "1.5", "1m30s", "250ms" → milliseconds. */
function durationMs(text: string): number | undefined {
	const t = text.trim();
	if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
	const m = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+)ms)?$/.exec(t);
	if (!m || t === '') return undefined;
	return (Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 1000 + Number(m[4] ?? 0);
}

/**
 * A reset value as vendors send it: seconds from now (`23`), epoch seconds (`1733450000`), epoch ms, an HTTP date,
 * or a duration (`1m30s`). Returns epoch ms.
 */
export function parseResetAt(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const t = value.trim();
	if (/^\d+(\.\d+)?$/.test(t)) {
		const n = Number(t);
		if (n >= 1e12) return n; // epoch milliseconds
		if (n >= 1e9) return n * 1000; // epoch seconds
		return now + n * 1000; // seconds from now
	}
	const asDuration = durationMs(t);
	if (asDuration !== undefined) return now + asDuration;
	const date = Date.parse(t);
	return Number.isNaN(date) ? undefined : date;
}

/** Parameters of one structured-field list member: `"default";q=100;w=60` or `100;w=60` → {q/first, w, r, t}. */
function fieldParams(member: string): Record<string, string> {
	const parts = member.split(';').map((p) => p.trim());
	const out: Record<string, string> = {};
	const head = parts.shift() ?? '';
	if (/^\d/.test(head)) out.first = head;
	for (const p of parts) {
		const [k, v] = p.split('=');
		if (k && v !== undefined) out[k.trim().toLowerCase()] = v.trim().replace(/^"|"$/g, '');
	}
	return out;
}

/**
 * Reads a vendor's rate-limit headers, whichever convention it follows: `X-RateLimit-Limit/Remaining/Reset`
 * (also `X-Rate-Limit-*`), the IETF drafts' `RateLimit-Limit/Remaining/Reset`, `RateLimit-Policy` (`100;w=60` or
 * `"default";q=100;w=60`) and the combined `RateLimit` (`limit=100, remaining=5, reset=30` or `"default";r=5;t=30`).
 * Headers must be lower-case keys. Undefined when none is present.
 */
export function parseRateLimitHeaders(headers: Record<string, string> | undefined, now = Date.now()): RateLimitInfo | undefined {
	if (!headers) return undefined;
	// Most answers carry none of these headers: one pass over the names instead of a dozen lookups and regexes.
	let any = false;
	for (const name in headers) {
		if (name.includes('ratelimit') || name.includes('rate-limit')) {
			any = true;
			break;
		}
	}
	if (!any) return undefined;
	const pick = (...names: string[]) => {
		for (const n of names) if (headers[n] !== undefined && headers[n] !== '') return headers[n];
		return undefined;
	};
	const info: RateLimitInfo = {};
	const limitText = pick('ratelimit-limit', 'x-ratelimit-limit', 'x-rate-limit-limit');
	if (limitText !== undefined) {
		info.limit = num(limitText.split(',')[0]);
		// Draft 03 allows "10, 10;w=1": the window rides along with the limit.
		const w = /;\s*w=(\d+(\.\d+)?)/.exec(limitText);
		if (w) info.windowMs = Number(w[1]) * 1000;
	}
	info.remaining = num(pick('ratelimit-remaining', 'x-ratelimit-remaining', 'x-rate-limit-remaining'));
	info.resetAt = parseResetAt(pick('ratelimit-reset', 'x-ratelimit-reset', 'x-rate-limit-reset', 'x-ratelimit-reset-after'), now);
	const policy = pick('ratelimit-policy', 'x-ratelimit-policy');
	if (policy !== undefined) {
		// Several policies (e.g. 10 per second and 500 per minute): follow the one allowing the fewest per second.
		let best: { q: number; w: number } | undefined;
		for (const member of policy.split(',')) {
			const p = fieldParams(member);
			const q = num(p.q ?? p.first);
			const w = num(p.w);
			if (q === undefined || q <= 0) continue;
			const window = w && w > 0 ? w : 60;
			if (!best || q / window < best.q / best.w) best = { q, w: window };
		}
		if (best) {
			info.limit ??= best.q;
			info.windowMs = best.w * 1000;
		}
	}
	const combined = pick('ratelimit');
	if (combined !== undefined) {
		const p: Record<string, string> = {};
		for (const member of combined.split(/[,;]/)) {
			const [k, v] = member.split('=');
			if (k && v !== undefined) p[k.trim().toLowerCase()] = v.trim().replace(/^"|"$/g, '');
		}
		info.limit ??= num(p.limit);
		info.remaining ??= num(p.remaining ?? p.r);
		info.resetAt ??= parseResetAt(p.reset ?? p.t, now);
	}
	for (const k of Object.keys(info) as Array<keyof RateLimitInfo>) {
		const v = info[k];
		if (v === undefined || !Number.isFinite(v) || v < 0) delete info[k];
	}
	return Object.keys(info).length ? info : undefined;
}

/** Where the budget in force came from. */
export type BudgetSource = 'headers' | 'plan' | 'option' | 'none';

interface Slot {
	/** When this request may be assumed counted by the vendor: its start, then its answer's arrival. */
	at: number;
	open: boolean;
	/** Order of starts in this run. */
	seq: number;
}

/**
 * Paces the requests of one run, shared by every worker of its pool. In order of precedence:
 *  - the vendor's rate-limit headers (requests left and when the window resets), whenever an answer carries them;
 *  - Max Requests per Minute when the user set it: request starts spread evenly at that rate (it overrides the plan);
 *  - the credential's plan (e.g. Talkover Standard = 100 per minute): bursts up to the budget, then each request
 *    waits until one of the last window's requests is a full window old;
 *  - nothing: no pacing until the vendor answers 429.
 * A 429 always pauses every worker for Retry-After, and the spacing between starts doubles (recovering by 10 % per
 * success). Usage: `const slot = await gate.acquire()` before sending, then `succeeded / rateLimited / failed`.
 */
/** What a transport uses of the gate for one request: the plan, a slot before sending, the outcome after. */
export type RequestPacer = Pick<RequestGate, 'planKnown' | 'setPlan' | 'acquire' | 'succeeded' | 'failed' | 'rateLimited'>;

export class RequestGate {
	private nextStart = 0;
	private interval: number;
	private readonly baseInterval: number;
	private pausedUntil = 0;
	/** Sliding-window budget from the plan or the vendor's policy header. */
	private budget?: { limit: number; windowMs: number; source: BudgetSource };
	private planSet = false;
	private readonly slots: Slot[] = [];
	/** From the latest headers: requests left and when the window resets. */
	private header?: { limit?: number; available: number; resetAt?: number };
	private inFlight = 0;
	private started = 0;
	/** Requests sent and not answered yet, in start order. */
	private readonly unanswered = new Set<Slot>();

	constructor(maxPerMinute?: number, private readonly now: () => number = Date.now) {
		this.baseInterval = maxPerMinute && maxPerMinute > 0 ? PACING_CLOCK.minuteMs / maxPerMinute : 0;
		this.interval = this.baseInterval;
	}

	/** The user set Max Requests per Minute: it overrides the plan (the vendor's headers still count). */
	get hasUserLimit(): boolean {
		return this.baseInterval > 0;
	}

	/** Whether setPlan has been called (vendorRequest reads the credential's plan once per run). */
	get planKnown(): boolean {
		return this.planSet;
	}

	/** The budget of the credential's plan, per minute. Ignored when the user set Max Requests per Minute. */
	setPlan(requestsPerMinute: number | undefined, windowMs = PACING_CLOCK.minuteMs): void {
		this.planSet = true;
		if (this.hasUserLimit || !requestsPerMinute || requestsPerMinute <= 0) return;
		if (this.budget?.source === 'headers') return;
		this.budget = { limit: Math.floor(requestsPerMinute), windowMs, source: 'plan' };
	}

	/** What currently paces this run, for tests, benchmarks and messages. */
	get source(): BudgetSource {
		if (this.header || this.budget?.source === 'headers') return 'headers';
		if (this.hasUserLimit) return 'option';
		return this.budget ? 'plan' : 'none';
	}

	get budgetPerWindow(): { limit: number; windowMs: number } | undefined {
		return this.budget ? { limit: this.budget.limit, windowMs: this.budget.windowMs } : undefined;
	}

	/** Waits until a request may start, and counts it. Returns the request's slot for the outcome report. */
	async acquire(): Promise<object> {
		// Even spacing (user's rate, or slow-down after a 429) is reserved in order, so workers keep their turns.
		if (this.interval > 0) {
			const now = this.now();
			const start = Math.max(now, this.nextStart, this.pausedUntil);
			this.nextStart = start + this.interval;
			if (start > now) await sleep(start - now);
		}
		for (;;) {
			const now = this.now();
			const wait = this.waitMs(now);
			if (wait <= 0) break;
			await sleep(wait);
		}
		const slot: Slot = { at: this.now(), open: true, seq: this.started++ };
		this.unanswered.add(slot);
		if (this.budget) this.slots.push(slot);
		if (this.header) this.header.available--;
		this.inFlight++;
		return slot;
	}

	/** How long the next request must still wait (0: it may start now). */
	private waitMs(now: number): number {
		let until = this.pausedUntil;
		const h = this.header;
		if (h) {
			if (h.resetAt !== undefined && now >= h.resetAt) {
				// The vendor's window has rolled over: its full limit (less what is still on the way) until answers say more.
				this.header = h.limit !== undefined ? { limit: h.limit, available: h.limit - this.inFlight } : undefined;
			} else if (h.available <= 0) {
				// Out of requests: wait for the reset, or for an answer to tell us more when no reset time is known.
				until = Math.max(until, h.resetAt ?? (this.inFlight > 0 ? now + 50 : 0));
			}
		}
		const b = this.budget;
		if (b) {
			const margin = Math.min(250, b.windowMs / 100);
			while (this.slots.length && !this.slots[0].open && this.slots[0].at + b.windowMs + margin <= now) this.slots.shift();
			// When each request of the last window stops counting; an unanswered one counts until its answer comes.
			const expiries = this.slots
				.map((s) => (s.open ? Infinity : s.at + b.windowMs + margin))
				.filter((t) => t > now)
				.sort((x, y) => x - y);
			if (expiries.length >= b.limit) {
				const freeAt = expiries[expiries.length - b.limit];
				until = Math.max(until, freeAt === Infinity ? now + Math.min(50, b.windowMs / 20) : freeAt);
			}
		}
		return until - now;
	}

	private close(slot: object | undefined): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		// The vendor counted the request by the time it answered: its window is anchored here, not at the start.
		const s = (slot as Slot | undefined) ?? this.slots.find((x) => x.open);
		if (s) this.unanswered.delete(s);
		if (s?.open) {
			s.open = false;
			s.at = this.now();
		}
	}

	/**
	 * Requests the vendor may not have counted yet in the figure of the answer to `slot`: those sent after it and
	 * still unanswered (those sent before it reached the vendor first). All unanswered ones when the slot is unknown.
	 */
	private uncountedAfter(slot: object | undefined): number {
		const seq = (slot as Slot | undefined)?.seq;
		if (seq === undefined) return this.inFlight;
		let n = 0;
		for (const s of this.unanswered) if (s.seq > seq) n++;
		return n;
	}

	/** Learns from an answer's rate-limit headers (any status); `slot` is the answered request's. */
	observe(headers: Record<string, string> | undefined, slot?: object): void {
		const info = parseRateLimitHeaders(headers, this.now());
		if (!info) return;
		if (info.limit !== undefined && info.windowMs !== undefined && info.limit > 0) {
			this.budget = { limit: info.limit, windowMs: info.windowMs, source: 'headers' };
		} else if (this.budget?.source === 'plan') {
			// The vendor's own numbers replace the plan.
			this.budget = undefined;
		}
		if (info.remaining !== undefined) {
			// Requests sent after this one may not be counted in its figure yet: assume they are not. Subtracting every
			// request in flight instead lost a few of each window's budget (measured: 99 + 100 + 98 + 3 for 300 calls).
			const available = info.remaining - this.uncountedAfter(slot);
			const sameWindow = this.header && this.header.resetAt !== undefined && info.resetAt !== undefined && Math.abs(this.header.resetAt - info.resetAt) < 1500;
			this.header = {
				limit: info.limit ?? this.header?.limit,
				available: sameWindow ? Math.min(this.header!.available, available) : available,
				// Vendors round the reset up to whole seconds, each answer differently: the earliest is the closest.
				resetAt: sameWindow ? Math.min(this.header!.resetAt!, info.resetAt!) : (info.resetAt ?? this.header?.resetAt),
			};
		}
	}

	succeeded(headers?: Record<string, string>, slot?: object): void {
		this.close(slot);
		this.observe(headers, slot);
		if (this.interval > this.baseInterval) {
			this.interval = Math.max(this.baseInterval, this.interval * 0.9);
			if (this.interval < 1 && this.baseInterval === 0) this.interval = 0;
		}
	}

	/** Any other failure: the request is no longer in flight. */
	failed(headers?: Record<string, string>, slot?: object): void {
		this.close(slot);
		this.observe(headers, slot);
	}

	rateLimited(waitMs: number, headers?: Record<string, string>, slot?: object): void {
		this.close(slot);
		this.observe(headers, slot);
		const now = this.now();
		// Requests already in flight when the limit hit answer 429 together: slow down once per pause, not per answer.
		if (now >= this.pausedUntil && !this.header) {
			this.interval = Math.min(60_000, Math.max(this.interval * 2, this.baseInterval, 50));
		}
		if (this.header) this.header.available = 0;
		this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
	}

	/** Current spacing between request starts, for tests and benchmarks. */
	get currentIntervalMs(): number {
		return this.interval;
	}
}
