import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { credentialOptions, requestContextFor } from './credentialCache';
import type { RequestPacer } from './gate';
import { parseRateLimitHeaders } from './gate';

/** Any n8n context that can make authenticated requests. */
export type RequestContext =
	| IExecuteFunctions
	| IPollFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** What a failed HTTP exchange looked like, without any request headers (they carry secrets). */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body: unknown;
	/** Network error code such as ECONNRESET, ETIMEDOUT, ECONNREFUSED. */
	code?: string;
	rawMessage: string;
	/** The credential's own sign-in step failed (QVOICE portal login), not the request itself. */
	signInFailed?: boolean;
}

/** A vendor-specific description of a failure, shown to the user. */
export interface ErrorDescription {
	message: string;
	description?: string;
	/** Facts for the calling operation (put on the error's `context`), so it never has to parse the message. */
	context?: IDataObject;
}

/**
 * What an operation was doing when a request failed, as data: vendors choose their hints by it (never by reading
 * the human `action` text), and it is put on the error's `context`.
 */
export interface ErrorHint extends IDataObject {
	/** A fixed task name the vendor's error texts know, e.g. 'add lead' or 'delete campaign'. */
	action: string;
	/** The node field the id was given in, e.g. 'Campaign'. */
	field?: string;
	id?: string;
}

export interface VendorHttpConfig {
	/** Display name used in messages, e.g. "Talkdesk". */
	vendor: string;
	/** Unset: the request goes without credentials (pre-signed storage URLs must not carry a token). */
	credentialType?: string;
	/** Turns a failure into a clear message. `action` says what was being done (e.g. "add lead +1213…"). */
	describeError: (failure: HttpFailure, action: string, hint?: ErrorHint) => ErrorDescription;
	/**
	 * The requests per minute the credential's plan allows, when the vendor documents plans (Talkover). Paces a run
	 * that has no Max Requests per Minute set until the vendor's own rate-limit headers say more.
	 */
	planRequestsPerMinute?: (credentialData: IDataObject) => number | undefined;
}

export interface VendorRequest {
	method: IHttpRequestMethods;
	/** Absolute URL, or a path joined to `baseURL`. */
	url: string;
	baseURL?: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | string | Buffer;
	headers?: IDataObject;
	/** Safe to resend after a 5xx or a dropped connection. Defaults: GET/HEAD/PUT/DELETE yes, POST/PATCH no. */
	idempotent?: boolean;
	/** Human words for errors: what this request does, e.g. `get campaign "42"`. Shown, never parsed. */
	action: string;
	/** The same as data, for the vendor's hints and the error's `context`. */
	hint?: ErrorHint;
	itemIndex?: number;
	timeoutMs?: number;
	skipSslCertificateValidation?: boolean;
	json?: boolean;
	/** Paces requests across a bulk run (rate limit, adaptive slow-down on 429). */
	gate?: RequestPacer;
	/** Return `{ statusCode, headers, body }` instead of the body. */
	returnFullResponse?: boolean;
}

export interface RetryPolicy {
	/** Retries after 429 (any method: a 429 means the vendor did not process the request). */
	maxRateLimitRetries: number;
	/** Retries after 5xx / network errors, for idempotent requests only. */
	maxTransientRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRateLimitRetries: 8,
	maxTransientRetries: 3,
	baseDelayMs: 500,
	maxDelayMs: 60_000,
};

/** Per-request timeout unless the caller sets one. */
export const DEFAULT_TIMEOUT_MS = 30_000;

const NEVER_REACHED_SERVER = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const TRANSIENT_NETWORK = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'ERR_BAD_RESPONSE',
	...NEVER_REACHED_SERVER,
]);

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
			if (v !== undefined && v !== null) out[k.toLowerCase()] = String(v);
		}
	}
	return out;
}

function parseMaybeJson(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
	try {
		return JSON.parse(trimmed);
	} catch {
		return body;
	}
}

/** Reads status, response headers and body out of whatever n8n's request helper threw. */
export function toHttpFailure(error: unknown): HttpFailure {
	const e = (error ?? {}) as IDataObject & { cause?: IDataObject; message?: string };
	const candidates = [e, e.cause as IDataObject | undefined, (e.cause as IDataObject | undefined)?.cause as IDataObject | undefined];
	let response: IDataObject | undefined;
	let code: string | undefined;
	for (const c of candidates) {
		if (!c) continue;
		if (!response && c.response && typeof c.response === 'object') response = c.response as IDataObject;
		if (!code && typeof c.code === 'string') code = c.code;
	}
	let status = response?.status as number | undefined;
	// A credential's own sign-in step (preAuthentication) reports its HTTP status as `authStatus`: n8n's error
	// handling would replace the message of an error carrying a status it recognises with a generic text.
	for (const c of candidates) {
		if (status === undefined && c && typeof c.authStatus === 'number') status = c.authStatus;
	}
	if (status === undefined && typeof e.httpCode === 'string' && /^\d{3}$/.test(e.httpCode)) {
		status = Number(e.httpCode);
	}
	return {
		status,
		...(candidates.some((c) => c?.signInFailed === true) ? { signInFailed: true } : {}),
		headers: lowerCaseHeaders(response?.headers),
		body: parseMaybeJson(response?.data ?? response?.body),
		code,
		rawMessage: typeof e.message === 'string' ? e.message : String(error),
	};
}

/** Seconds or an HTTP date, as in RFC 9110; undefined when absent or unreadable. */
export function retryAfterMs(headers: Record<string, string>, now = Date.now()): number | undefined {
	const value = headers['retry-after'];
	if (value === undefined || value === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How long a 429 asks to wait: Retry-After, else the rate-limit headers' reset time; undefined when neither. */
export function rateLimitWaitMs(headers: Record<string, string>, now = Date.now()): number | undefined {
	const retryAfter = retryAfterMs(headers, now);
	if (retryAfter !== undefined) return retryAfter;
	const resetAt = parseRateLimitHeaders(headers, now)?.resetAt;
	return resetAt === undefined ? undefined : Math.max(0, resetAt - now);
}

export function backoffDelayMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
	const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	// Full jitter keeps many parallel retries from landing together.
	return Math.round(exp / 2 + (random() * exp) / 2);
}

export function isIdempotent(req: Pick<VendorRequest, 'method' | 'idempotent'>): boolean {
	if (req.idempotent !== undefined) return req.idempotent;
	return ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'].includes(req.method.toUpperCase());
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number; rateLimited: boolean };

/** The one retry policy: 429 always (honouring Retry-After); 5xx and network errors only when safe to resend. */
export function decideRetry(
	failure: HttpFailure,
	req: Pick<VendorRequest, 'method' | 'idempotent'>,
	attempts: { rateLimited: number; transient: number },
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): RetryDecision {
	if (failure.status === 429) {
		if (attempts.rateLimited >= policy.maxRateLimitRetries) return { retry: false };
		const hinted = rateLimitWaitMs(failure.headers);
		const delayMs = Math.min(policy.maxDelayMs, hinted ?? backoffDelayMs(attempts.rateLimited, policy));
		return { retry: true, delayMs, rateLimited: true };
	}
	const neverReached = failure.status === undefined && !!failure.code && NEVER_REACHED_SERVER.has(failure.code);
	const transient =
		(failure.status !== undefined && [500, 502, 503, 504].includes(failure.status)) ||
		(failure.status === undefined && !!failure.code && TRANSIENT_NETWORK.has(failure.code));
	if (!transient) return { retry: false };
	// A create that may have reached the server is never re-sent: that is how duplicates are made.
	if (!isIdempotent(req) && !neverReached) return { retry: false };
	if (attempts.transient >= policy.maxTransientRetries) return { retry: false };
	const hinted = failure.status === 503 ? retryAfterMs(failure.headers) : undefined;
	return { retry: true, delayMs: Math.min(policy.maxDelayMs, hinted ?? backoffDelayMs(attempts.transient, policy)), rateLimited: false };
}

/** Removes anything that looks like a credential from text shown to users. */
export function redactSecrets(text: string): string {
	return text
		.replace(/(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[redacted]')
		.replace(/talq_[A-Za-z0-9_-]+/g, 'talq_[redacted]')
		.replace(/("?(?:access_token|refresh_token|client_secret|password|token)"?\s*[:=]\s*"?)[^",&\s}]+/gi, '$1[redacted]');
}

const SECRET_FIELD = /^(client_?secret|password|api_?token|access_?token|refresh_?token|id_?token|token|api_?key|secret|session_?token)$|(secret|password)$/i;

/** The secret values of a credential's data (at any depth), longest first; [] when it cannot be read. */
export async function credentialSecrets(ctx: RequestContext, credentialType: string): Promise<string[]> {
	const out = new Set<string>();
	const visit = (value: unknown, key: string, depth: number): void => {
		if (depth > 4 || value === null || value === undefined) return;
		if (typeof value === 'string') {
			if (value.length >= 6 && SECRET_FIELD.test(key)) {
				out.add(value);
				// A prefixed token (talq_…) must not leak by its unprefixed body either.
				const body = /^[a-z]{2,8}_(.{8,})$/i.exec(value)?.[1];
				if (body) out.add(body);
			}
			return;
		}
		if (typeof value === 'object') for (const [k, v] of Object.entries(value as IDataObject)) visit(v, k, depth + 1);
	};
	try {
		const cached = (await credentialOptions(ctx, credentialType))?.credentialsDecrypted?.data;
		visit(cached ?? (await ctx.getCredentials(credentialType)), '', 0);
	} catch {
		return [];
	}
	return [...out].sort((a, b) => b.length - a.length);
}

/** Replaces every known secret value, whatever surrounds it (vendors sometimes echo what they were sent). */
export function redactKnownSecrets(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) out = out.split(secret).join('[redacted]');
	return out;
}

export function apiError(
	ctx: RequestContext,
	config: VendorHttpConfig,
	failure: HttpFailure,
	action: string,
	itemIndex?: number,
	knownSecrets: string[] = [],
	hint?: ErrorHint,
): NodeApiError {
	const described = config.describeError(failure, action, hint);
	const message = redactKnownSecrets(redactSecrets(described.message), knownSecrets);
	const description = described.description ? redactKnownSecrets(redactSecrets(described.description), knownSecrets) : undefined;
	// Built from a clean object: the raw axios error holds the request's Authorization header.
	const clean: JsonObject = { message, ...(description ? { description } : {}) };
	if (failure.status !== undefined) clean.httpCode = String(failure.status);
	const error = new NodeApiError(ctx.getNode(), clean, {
		message,
		description,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
		itemIndex,
	});
	// NodeApiError swaps any message mentioning ECONNRESET/ETIMEDOUT/… for a generic sentence that no longer says
	// what was being done: keep ours.
	error.message = message;
	Object.assign(error.context, hint ? { hint } : {}, described.context ?? {});
	return error;
}

/** A body that starts like JSON but does not parse: a response cut off or garbled on the way. */
function isBrokenJson(response: unknown): boolean {
	if (typeof response !== 'string') return false;
	const trimmed = response.trim();
	return (trimmed.startsWith('{') || trimmed.startsWith('[')) && parseMaybeJson(response) === response;
}

const UNTRUSTED_CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL/i;

/**
 * The one TLS-certificate detector: the error code (else n8n's message) when the server's certificate was refused
 * during the handshake (self-signed, expired, wrong host, unknown authority); undefined for any other failure.
 */
export function untrustedCertificate(failure: HttpFailure): string | undefined {
	if (failure.status !== undefined) return undefined;
	const refused = (failure.code !== undefined && UNTRUSTED_CERTIFICATE.test(failure.code)) || UNTRUSTED_CERTIFICATE.test(failure.rawMessage);
	return refused ? (failure.code ?? failure.rawMessage) : undefined;
}

/** Said when the server's TLS certificate was refused: the generic "could not reach" hides the reason. */
function untrustedCertificateAdvice(vendor: string, code: string): string {
	return ` The server's TLS certificate is not trusted (${code}), so n8n refused to talk to it and sent no credentials. Use ${vendor}'s real address, or have your administrator install the certificate authority that signed it.`;
}

/** Said on every failure where the request may have been carried out although no answer came back. */
function mayHaveHappenedAdvice(vendor: string): string {
	return ` The request may have reached ${vendor} before the answer was lost. It was not sent again, so nothing was done twice: check in ${vendor} whether it took effect before running this item again.`;
}

/**
 * The one place requests leave the package: authentication by n8n (credentials, OAuth2 tokens, QVOICE
 * login with its single re-login on 401), pacing through an optional gate, the retry policy and error mapping.
 */
export async function vendorRequest<T = unknown>(
	ctx: RequestContext,
	config: VendorHttpConfig,
	req: VendorRequest,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T> {
	const options: IHttpRequestOptions = {
		method: req.method,
		url: req.url,
		json: req.json ?? true,
	};
	if (req.baseURL) options.baseURL = req.baseURL;
	if (req.qs && Object.keys(req.qs).length) options.qs = req.qs;
	if (req.body !== undefined) options.body = req.body as IDataObject;
	if (req.headers) options.headers = req.headers;
	// Without a timeout a vendor that never answers would hold the workflow forever.
	options.timeout = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	if (req.skipSslCertificateValidation) options.skipSslCertificateValidation = true;
	// A paced request reads the answer's headers: the vendor's rate-limit figures steer the gate.
	const gate = req.gate;
	if (req.returnFullResponse || gate) options.returnFullResponse = true;
	if (gate && config.credentialType && config.planRequestsPerMinute && !gate.planKnown) {
		const data = (await credentialOptions(ctx, config.credentialType))?.credentialsDecrypted?.data as IDataObject | undefined;
		gate.setPlan(data ? config.planRequestsPerMinute(data) : undefined);
	}

	const attempts = { rateLimited: 0, transient: 0 };
	for (;;) {
		const slot = gate ? await gate.acquire() : undefined;
		try {
			const attempt = { ...options, headers: options.headers ? { ...options.headers } : undefined };
			const full = config.credentialType
				? await ctx.helpers.httpRequestWithAuthentication.call(
						await requestContextFor(ctx, config.credentialType),
						config.credentialType,
						attempt,
						await credentialOptions(ctx, config.credentialType),
					)
				: await ctx.helpers.httpRequest(attempt);
			const response = (gate && !req.returnFullResponse ? (full as IDataObject | undefined)?.body : full) as T;
			const body = req.returnFullResponse ? (response as IDataObject | undefined)?.body : response;
			if ((options.json ?? true) && isBrokenJson(body)) {
				// n8n hands an unparsable JSON body back as a string; taken as success it would drop data silently.
				throw Object.assign(new Error('The answer was cut off or was not valid JSON'), { code: 'ERR_BAD_RESPONSE' });
			}
			gate?.succeeded(lowerCaseHeaders((full as IDataObject | undefined)?.headers), slot);
			return response;
		} catch (error) {
			const failure = toHttpFailure(error);
			// n8n could not get an OAuth2 token: the request itself was never sent, so any method may be retried.
			const tokenFetchFailed = /acquire OAuth2 access token/i.test(failure.rawMessage);
			const decision = decideRetry(failure, tokenFetchFailed ? { ...req, idempotent: true } : req, attempts, policy);
			if (gate && !(decision.retry && decision.rateLimited)) gate.failed(failure.headers, slot);
			if (!decision.retry && failure.status === 404 && req.method.toUpperCase() === 'DELETE' && attempts.transient > 0) {
				// An earlier attempt failed without a clear answer and may have deleted it: "gone" is what was asked.
				return {} as T;
			}
			if (!decision.retry) {
				const secrets = config.credentialType ? await credentialSecrets(ctx, config.credentialType) : [];
				const apiFailure = apiError(ctx, config, failure, req.action, req.itemIndex, secrets, req.hint);
				const reachedUnknown =
					failure.status === undefined && !(failure.code && NEVER_REACHED_SERVER.has(failure.code));
				const certificate = untrustedCertificate(failure);
				if (certificate) {
					apiFailure.description = `${apiFailure.description ?? ''}${untrustedCertificateAdvice(config.vendor, certificate)}`.trim();
				} else if (reachedUnknown && !isIdempotent(req)) {
					apiFailure.description = `${apiFailure.description ?? ''}${mayHaveHappenedAdvice(config.vendor)}`.trim();
				}
				throw apiFailure;
			}
			if (decision.rateLimited) {
				attempts.rateLimited++;
				gate?.rateLimited(decision.delayMs, failure.headers, slot);
			} else {
				attempts.transient++;
			}
			await sleep(decision.delayMs);
		}
	}
}

/**
 * Encodes one path segment so an id can never change the request path (`/`, `?`, `#`, …). "." and ".." are
 * refused: URL parsers (and servers) collapse them even percent-encoded (`%2E%2E`), which would send the request
 * to the parent path — a DELETE there is the last thing a user wants.
 */
export function pathSegment(value: string | number): string {
	const text = String(value);
	if (text === '.' || text === '..') {
		throw new Error(`"${text}" is not a valid ID: it would change the address the request goes to. Check the ID field.`);
	}
	return encodeURIComponent(text);
}
