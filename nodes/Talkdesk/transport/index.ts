import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IPollFunctions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { ErrorDescription, HttpFailure, RequestGate, VendorHttpConfig } from '../../shared';
import { collectPages, decideRetry, redactSecrets, toHttpFailure, vendorRequest } from '../../shared';

export const CREDENTIAL_TYPE = 'talkdeskOAuth2Api';

type Ctx = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

const API_HOSTS: Record<string, string> = {
	us: 'https://api.talkdeskapp.com',
	eu: 'https://api.talkdeskapp.eu',
	ca: 'https://api.talkdeskappca.com',
	// Follows the naming pattern; no Talkdesk page confirms it (see README).
	au: 'https://api.talkdeskapp.au',
};

export async function apiBaseUrl(ctx: Ctx): Promise<string> {
	const creds = await ctx.getCredentials(CREDENTIAL_TYPE);
	if (creds.useCustomBaseUrl) return String(creds.baseUrlOverride ?? '').replace(/\/+$/, '');
	return API_HOSTS[String(creds.region ?? 'us')] ?? API_HOSTS.us;
}

/** What the request needs, so a refusal can name it. */
export interface TalkdeskHints {
	/** Scope(s) this endpoint needs, e.g. "campaigns:write". */
	scope?: string;
	/** For 404s: what the id names, e.g. `campaign "abc"`. */
	notFound?: string;
}

function bodyOf(failure: HttpFailure): IDataObject {
	return failure.body && typeof failure.body === 'object' ? (failure.body as IDataObject) : {};
}

/** Talkdesk's `{code, message, description, fields[{name, description}]}` as one sentence. */
export function talkdeskDetail(body: IDataObject): string {
	const parts: string[] = [];
	const description = typeof body.description === 'string' ? body.description : '';
	const message = typeof body.message === 'string' ? body.message : '';
	if (description) parts.push(description);
	else if (message) parts.push(message);
	const fields = Array.isArray(body.fields) ? (body.fields as IDataObject[]) : [];
	const named = fields.filter((f) => f && f.name).map((f) => `${String(f.name)} ${String(f.description ?? '')}`.trim());
	if (named.length) parts.push(`fields: ${named.join('; ')}`);
	if (!parts.length && typeof body.error_description === 'string') parts.push(body.error_description);
	return parts.join(' — ');
}

export function describeTalkdeskError(failure: HttpFailure, action: string, hints: TalkdeskHints = {}): ErrorDescription {
	const body = bodyOf(failure);
	const detail = talkdeskDetail(body);
	const status = failure.status;
	const tokenFailure =
		failure.code === 'EAUTH' || /acquire OAuth2 access token|invalid_client|Client authentication failed/i.test(failure.rawMessage);
	if (status === undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|certificate/i.test(`${failure.code ?? ''} ${failure.rawMessage}`)) {
		// Not a credential problem: the TLS handshake failed before anything was sent.
		return { message: `Talkdesk's server certificate was not trusted while trying to ${action}`, description: 'Check Region / Base URL in the credential.' };
	}
	const tokenServerError = /status code (5\d\d)/.exec(failure.rawMessage)?.[1];
	if (tokenFailure && typeof body.error !== 'string' && tokenServerError) {
		return {
			message: `Talkdesk's sign-in service had a server error (${tokenServerError}) while trying to ${action}`,
			description: 'No access token could be fetched, so nothing was sent to Talkdesk. The Client ID and Secret are not the problem: run again in a few minutes.',
		};
	}
	if (tokenFailure || typeof body.error === 'string') {
		return {
			message: `Talkdesk did not accept the credential's Client ID / Client Secret while trying to ${action}`,
			description: `Talkdesk said: ${(detail || failure.rawMessage.replace(/^.*?Failed to acquire OAuth2 access token:\s*/i, '')).replace(/\.+$/, '')}. Check Client ID and Client Secret (copy them again from Talkdesk Admin → Builder → OAuth Clients), Account Name and Region. If it mentions scope, the OAuth client is not allowed the scopes listed in the credential.`,
		};
	}
	if (status === 401) {
		return {
			message: `Talkdesk rejected the access token while trying to ${action}`,
			description: `${detail ? `Talkdesk said: ${detail}. ` : ''}n8n already fetched a fresh token once. Check that the OAuth client is still active and that Region / Base URL point at the account the client belongs to.`,
		};
	}
	if (status === 403) {
		const named = /([a-z-]+:[a-z-]+(?:\s+[a-z-]+:[a-z-]+)*)/.exec(detail)?.[1];
		const scope = named ?? hints.scope;
		return {
			message: scope
				? `Talkdesk refused to ${action}: the credential is missing the scope "${scope}"`
				: `Talkdesk refused to ${action}: permission denied`,
			description: scope
				? `Allow the scope ${scope} for the OAuth client in Talkdesk, add it to Scopes in the n8n credential, and save the credential so a new token is fetched.${detail ? ` Talkdesk said: ${detail}` : ''}`
				: `Talkdesk said: ${detail || 'forbidden'}. Check the OAuth client's scopes.`,
		};
	}
	if (status === 404) {
		return {
			message: hints.notFound
				? `Talkdesk has no ${hints.notFound} (while trying to ${action})`
				: `Talkdesk could not find what was asked for while trying to ${action}`,
			description: `${detail ? `Talkdesk said: ${detail}. ` : ''}Check the ID (pick it from the list instead of typing it) and that the credential belongs to the right Talkdesk account and region.`,
		};
	}
	if (status === 429) {
		return {
			message: `Talkdesk kept answering "too many requests" while trying to ${action}`,
			description: 'The node waited and retried several times. Lower "Max Requests per Minute" or "Concurrency" in the node options, or run again later.',
		};
	}
	if (status === 409) {
		return { message: `Talkdesk refused to ${action}: conflict`, description: detail || 'The resource is not in a state that allows this.' };
	}
	if (status === 413) {
		return { message: `Talkdesk refused to ${action}: the file is too large`, description: detail || 'Split the CSV into smaller files.' };
	}
	if (status === 400 || status === 422) {
		return {
			message: `Talkdesk rejected the request to ${action}${detail ? `: ${detail}` : ''}`,
			description: 'Fix the fields Talkdesk named and run again.',
		};
	}
	if (status !== undefined && status >= 500) {
		return {
			message: `Talkdesk had a server error (${status}) while trying to ${action}`,
			description: `${detail ? `Talkdesk said: ${detail}. ` : ''}Reads were retried automatically; a create is never re-sent after a server error, so check in Talkdesk whether it happened before running again.`,
		};
	}
	return {
		message: `Could not reach Talkdesk to ${action}${failure.code ? ` (${failure.code})` : ''}`,
		description: `${redactSecrets(failure.rawMessage)}. Check Region / Base URL and the network.`,
	};
}

export interface TalkdeskRequest extends TalkdeskHints {
	method: IHttpRequestMethods;
	/** Path under the API base (e.g. `/campaigns`) or an absolute URL returned by Talkdesk (HAL link). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	action: string;
	itemIndex?: number;
	gate?: RequestGate;
	idempotent?: boolean;
}

// The first request of a run (per gate) goes alone: with Concurrency > 1 and no stored token yet, parallel first
// requests would each make n8n fetch its own OAuth token. The others wait for it, then run in parallel.
const firstRequestOfRun = new WeakMap<RequestGate, Promise<unknown>>();

export async function talkdeskRequest<T = IDataObject>(ctx: Ctx, req: TalkdeskRequest, baseUrl?: string): Promise<T> {
	if (req.gate) {
		const first = firstRequestOfRun.get(req.gate);
		if (!first) {
			const request = sendTalkdeskRequest<T>(ctx, req, baseUrl);
			firstRequestOfRun.set(req.gate, request.catch(() => undefined));
			return await request;
		}
		await first;
	}
	return await sendTalkdeskRequest<T>(ctx, req, baseUrl);
}

async function sendTalkdeskRequest<T>(ctx: Ctx, req: TalkdeskRequest, baseUrl?: string): Promise<T> {
	const base = baseUrl ?? (await apiBaseUrl(ctx));
	const config: VendorHttpConfig = {
		vendor: 'Talkdesk',
		credentialType: CREDENTIAL_TYPE,
		describeError: (failure, action) => describeTalkdeskError(failure, action, req),
	};
	let url: string;
	if (/^https?:\/\//i.test(req.path)) {
		// HAL links are absolute. Follow them on the configured host only, so the token never leaves it.
		url = req.path.startsWith(`${base}/`) ? req.path : `${base}${req.path.replace(/^https?:\/\/[^/]+/i, '')}`;
	} else url = `${base}${req.path}`;
	const response = await vendorRequest<T>(ctx, config, {
		method: req.method,
		url,
		qs: req.qs,
		body: req.body,
		action: req.action,
		itemIndex: req.itemIndex,
		gate: req.gate,
		idempotent: req.idempotent,
	});
	return (response ?? {}) as T;
}

/** Items of a HAL page, tolerating the docs' `campaings` spelling and any single array under `_embedded`. */
export function halItems(body: IDataObject, key: string): IDataObject[] {
	const embedded = (body?._embedded ?? {}) as IDataObject;
	const direct = embedded[key] ?? (key === 'campaigns' ? embedded.campaings : undefined);
	if (Array.isArray(direct)) return direct as IDataObject[];
	const arrays = Object.values(embedded).filter(Array.isArray);
	return arrays.length === 1 ? (arrays[0] as IDataObject[]) : [];
}

/** The next page: `_links.next.href` first; only without any `_links` fall back to page < total_pages/total_page. */
export function halNext(body: IDataObject, path: string, perPage: number): string | undefined {
	const links = body?._links as IDataObject | undefined;
	if (links && typeof links === 'object') {
		const next = links.next as IDataObject | undefined;
		return next && typeof next.href === 'string' && next.href ? next.href : undefined;
	}
	const page = Number(body?.page);
	const total = Number(body?.total_pages ?? body?.total_page);
	if (Number.isFinite(page) && Number.isFinite(total) && page < total) {
		return `${path}${path.includes('?') ? '&' : '?'}page=${page + 1}&per_page=${perPage}`;
	}
	return undefined;
}

export interface HalListOptions extends TalkdeskHints {
	path: string;
	key: string;
	action: string;
	limit?: number;
	perPage?: number;
	itemIndex?: number;
	gate?: RequestGate;
	qs?: IDataObject;
}

/** Every item of a HAL collection (or up to `limit`), following `_links.next`. */
export async function halList(ctx: Ctx, o: HalListOptions): Promise<IDataObject[]> {
	const base = await apiBaseUrl(ctx);
	const perPage = o.perPage ?? (o.limit && o.limit < 250 ? Math.max(1, o.limit) : 250);
	return await collectPages<string>(
		async (cursor) => {
			const body = await talkdeskRequest<IDataObject>(
				ctx,
				{
					...o,
					method: 'GET',
					path: cursor ?? o.path,
					qs: cursor ? undefined : { ...(o.qs ?? {}), page: 1, per_page: perPage },
				},
				base,
			);
			return { items: halItems(body, o.key), next: halNext(body, o.path, perPage) };
		},
		{ limit: o.limit },
	);
}

/**
 * PUTs a file to a pre-signed storage URL (S3). It must not carry the Talkdesk bearer token — storage refuses a
 * second auth mechanism and the token must not leave Talkdesk — so this uses the plain request helper and never
 * reads credentials. Retries 5xx/network errors (a PUT of the same bytes is safe to repeat).
 */
export async function uploadToSignedUrl(
	ctx: IExecuteFunctions,
	signedUrl: string,
	data: Buffer,
	contentMd5: string,
	itemIndex: number,
): Promise<void> {
	const attempts = { rateLimited: 0, transient: 0 };
	for (;;) {
		try {
			await ctx.helpers.httpRequest({
				method: 'PUT',
				url: signedUrl,
				body: data,
				headers: { 'Content-Type': 'text/csv', 'Content-MD5': contentMd5 },
				json: false,
			});
			return;
		} catch (error) {
			const failure = toHttpFailure(error);
			const decision = decideRetry(failure, { method: 'PUT' }, attempts);
			if (decision.retry) {
				if (decision.rateLimited) attempts.rateLimited++;
				else attempts.transient++;
				await sleep(decision.delayMs);
				continue;
			}
			const text = typeof failure.body === 'string' ? failure.body : JSON.stringify(failure.body ?? '');
			const s3Message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? (text || failure.rawMessage);
			const clean: JsonObject = {
				message: `The CSV upload to Talkdesk's storage failed${failure.status ? ` (${failure.status})` : ''}`,
			};
			throw new NodeApiError(ctx.getNode(), clean, {
				message: clean.message as string,
				description: `Storage said: ${redactSecrets(s3Message)}. The list was created in Talkdesk but has no file; delete it in Talkdesk or run again to create a new one.`,
				httpCode: failure.status ? String(failure.status) : undefined,
				itemIndex,
			});
		}
	}
}
