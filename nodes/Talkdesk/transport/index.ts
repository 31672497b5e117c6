import type { IDataObject, IExecuteFunctions, IPollFunctions, ILoadOptionsFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { talkdeskApiBase } from '../../../credentials/TalkdeskOAuth2Api.credentials';
import type { ClientRequest, ErrorDescription, HttpFailure, RequestPacer, VendorClient } from '../../shared';
import { collectPages, createVendorClient, redactSecrets, untrustedCertificate, vendorRequest } from '../../shared';

export const CREDENTIAL_TYPE = 'talkdeskOAuth2Api';

type Ctx = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** Where requests go and which scopes the credential asks for (so a refusal can name the missing one). */
export interface TalkdeskTarget {
	base: string;
	scopes: string[];
}

function targetOf(creds: IDataObject): TalkdeskTarget {
	return { base: talkdeskApiBase(creds), scopes: String(creds.scope ?? '').split(/\s+/).filter(Boolean) };
}

/** What the request needs, so a refusal can name it. */
export interface TalkdeskHints {
	/** Scope(s) this endpoint needs, e.g. "campaigns:write". */
	scope?: string;
	/** For 404s: what the id names, e.g. `campaign "abc"`. */
	notFound?: string;
	/** The scopes the credential asked for (filled in by the transport). */
	requestedScopes?: string[];
}

const SCOPE_PATTERN = /[a-z][a-z0-9-]*(?:[:.][a-z0-9-]+)+/gi;

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
	if (untrustedCertificate(failure)) {
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
	const said = (detail || failure.rawMessage.replace(/^.*?Failed to acquire OAuth2 access token:\s*/i, '')).replace(/\.+$/, '');
	// n8n's OAuth2 client turns invalid_scope into the RFC's generic sentence ("The requested scope is invalid…").
	if (body.error === 'invalid_scope' || /invalid_scope|requested scope is invalid/i.test(`${failure.rawMessage} ${said}`)) {
		// The Client ID and Secret were fine: the OAuth client is not allowed (some of) the scopes the credential asks for.
		const asked = hints.requestedScopes ?? [];
		const namedInAnswer = (said.match(SCOPE_PATTERN) ?? []).filter((s) => !asked.length || asked.includes(s));
		const lacking = namedInAnswer.length ? namedInAnswer : [];
		return {
			context: { scopeRefused: true },
			message: lacking.length
				? `Talkdesk's OAuth client is not allowed the scope ${lacking.join(' ')} (while trying to ${action})`
				: `Talkdesk's OAuth client is not allowed at least one of the credential's scopes (while trying to ${action})`,
			description: `Talkdesk said: ${said}. The Client ID and Secret are correct. ${
				lacking.length ? `Allow ${lacking.join(' and ')}` : `Allow every scope in the credential's Scopes field (${asked.join(' ') || 'none set'})`
			} for the OAuth client in Talkdesk Admin → Builder → OAuth Clients, or remove ${lacking.length === 1 ? 'it' : 'them'} from Scopes in the n8n credential if you do not use the operations that need ${lacking.length === 1 ? 'it' : 'them'}. A newly added scope can take a few minutes to work.`,
		};
	}
	if (tokenFailure || typeof body.error === 'string') {
		return {
			message: `Talkdesk did not accept the credential's Client ID / Client Secret while trying to ${action}`,
			description: `Talkdesk said: ${said}. Check Client ID and Client Secret (copy them again from Talkdesk Admin → Builder → OAuth Clients), Account Name and Region. If you just added a scope to the OAuth client, wait a few minutes: Talkdesk refuses tokens until the new scope is active.`,
		};
	}
	if (status === 401) {
		return {
			message: `Talkdesk rejected the access token while trying to ${action}`,
			description: `${detail ? `Talkdesk said: ${detail}. ` : ''}n8n already fetched a fresh token once. Check that the OAuth client is still active and that Region / Base URL point at the account the client belongs to.`,
		};
	}
	if (status === 403) {
		const named = [...new Set(detail.match(SCOPE_PATTERN) ?? [])];
		const scope = named.length ? named.join(' ') : hints.scope;
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

export type TalkdeskRequest = ClientRequest & TalkdeskHints;

/** Talkdesk's bulk and validation answers name refused fields: operations read them from `error.context.fields`. */
function refusedFields(failure: HttpFailure): IDataObject {
	const fields = bodyOf(failure).fields;
	const names = Array.isArray(fields) ? (fields as IDataObject[]).filter((f) => f && f.name).map((f) => String(f.name)) : [];
	return names.length ? { fields: names } : {};
}

export const talkdeskClient = createVendorClient<TalkdeskTarget, TalkdeskRequest>({
	vendor: 'Talkdesk',
	credentialType: CREDENTIAL_TYPE,
	target: targetOf,
	describeError: (failure, req, target) => {
		const described = describeTalkdeskError(failure, req.action, { ...req, requestedScopes: target.scopes });
		return { ...described, context: { ...refusedFields(failure), ...described.context } };
	},
	// HAL links are absolute. Follow them on the configured host only, so the token never leaves it.
	url: ({ base }, path) =>
		/^https?:\/\//i.test(path) ? (path.startsWith(`${base}/`) ? path : `${base}${path.replace(/^https?:\/\/[^/]+/i, '')}`) : `${base}${path}`,
	refineError: async (client, error, req, target) => await nameRefusedScope(client, error, target.scopes, req),
});

export async function talkdeskTarget(ctx: Ctx): Promise<TalkdeskTarget> {
	return await talkdeskClient(ctx).target();
}

export async function apiBaseUrl(ctx: Ctx): Promise<string> {
	return (await talkdeskTarget(ctx)).base;
}

export async function talkdeskRequest<T = IDataObject>(ctx: Ctx, req: TalkdeskRequest, target?: TalkdeskTarget): Promise<T> {
	return ((await talkdeskClient(ctx).request<T>(req, target)) ?? {}) as T;
}

type TalkdeskClient = VendorClient<TalkdeskTarget, TalkdeskRequest>;

/** A token refused for its scopes becomes an error naming the refused ones, when they can be found. */
async function nameRefusedScope(client: TalkdeskClient, error: unknown, scopes: string[], req: TalkdeskRequest): Promise<unknown> {
	if (!(error instanceof NodeApiError) || error.context.scopeRefused !== true) return error;
	const lacking = await scopesRefused(client, scopes);
	if (!lacking.length) return error;
	const message = `Talkdesk's OAuth client is not allowed the scope ${lacking.join(' ')} (while trying to ${req.action})`;
	const description = `The Client ID and Secret are correct. Allow ${lacking.join(' and ')} for the OAuth client in Talkdesk Admin → Builder → OAuth Clients, or remove ${lacking.length === 1 ? 'it' : 'them'} from Scopes in the n8n credential if you do not use the operations that need ${lacking.length === 1 ? 'it' : 'them'}. A newly added scope can take a few minutes to work.`;
	const named = new NodeApiError(error.node, { message, description } as JsonObject, { message, description, itemIndex: req.itemIndex });
	Object.assign(named.context, error.context, { refusedScopes: lacking });
	return named;
}

/**
 * n8n's OAuth2 client replaces Talkdesk's invalid_scope description with a generic sentence, so the refused
 * scope is found by asking the token endpoint for each requested scope alone (only after a refusal; the tokens
 * are discarded). The client secret goes only to the credential's own token URL, as n8n sends it.
 */
async function scopesRefused(client: TalkdeskClient, requested: string[]): Promise<string[]> {
	if (requested.length < 2) return requested;
	try {
		const creds = await client.credentials();
		const tokenUrl = String(creds.accessTokenUrl ?? '');
		if (!/^https?:\/\//i.test(tokenUrl)) return [];
		const basic = Buffer.from(`${String(creds.clientId ?? '')}:${String(creds.clientSecret ?? '')}`).toString('base64');
		const refused: string[] = [];
		for (const scope of requested) {
			const answer = (await client.ctx.helpers.httpRequest({
				method: 'POST',
				url: tokenUrl,
				headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
				body: `grant_type=client_credentials&scope=${encodeURIComponent(scope)}`,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				json: true,
			})) as { statusCode?: number; body?: IDataObject };
			if (answer.body?.error === 'invalid_scope') refused.push(scope);
			else if ((answer.statusCode ?? 500) >= 400) return [];
		}
		return refused;
	} catch {
		return [];
	}
}

/** Items of a HAL page, tolerating the docs' `campaings` spelling and any single array under `_embedded`. */
export function halItems(body: IDataObject, key: string): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	const embedded = (body?._embedded ?? {}) as IDataObject;
	const direct = embedded[key] ?? (key === 'campaigns' ? embedded.campaings : undefined);
	if (Array.isArray(direct)) return direct as IDataObject[];
	const arrays = Object.values(embedded).filter(Array.isArray);
	return arrays.length === 1 ? (arrays[0] as IDataObject[]) : [];
}

/**
 * The next page: `_links.next.href` when present. Without it, `page` < `total_pages` (or the campaigns page's
 * `total_page`) still means more pages, so a server that leaves the link out does not end a read early.
 */
export function halNext(body: IDataObject, path: string, perPage: number): string | undefined {
	const links = body?._links as IDataObject | undefined;
	const next = links && typeof links === 'object' ? (links.next as IDataObject | undefined) : undefined;
	if (next && typeof next.href === 'string' && next.href) return next.href;
	const page = Number(body?.page);
	const total = Number(body?.total_pages ?? body?.total_page);
	if (Number.isInteger(page) && Number.isFinite(total) && page < total) {
		const per = Number(body?.per_page) || perPage;
		const bare = path.replace(/[?&](page|per_page)=[^&]*/g, '');
		return `${bare}${bare.includes('?') ? '&' : '?'}page=${page + 1}&per_page=${per}`;
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
	gate?: RequestPacer;
	qs?: IDataObject;
	/** POST for a query that answers a HAL page (DNC entries/queries); every page is the same POST to the next link. */
	method?: 'GET' | 'POST';
	body?: IDataObject;
	/** false: send no page/per_page on the first request (the server's default page size applies). */
	pageParams?: boolean;
}

/**
 * Every item of a HAL collection (or up to `limit`), following `_links.next` until there is none. Never ends
 * silently short: a next link that points at a page already read is an error, not the end of the list.
 */
export async function halList(ctx: Ctx, o: HalListOptions): Promise<IDataObject[]> {
	const client = talkdeskClient(ctx);
	const perPage = o.perPage ?? (o.limit && o.limit < 250 ? Math.max(1, o.limit) : 250);
	return await collectPages<string>(
		async (next) => {
			const body = await client.request<IDataObject>({
				...o,
				method: o.method ?? 'GET',
				path: next ?? o.path,
				qs: next ? undefined : { ...(o.qs ?? {}), ...(o.pageParams === false ? {} : { page: 1, per_page: perPage }) },
				// Reading a page changes nothing, also when the read is a POST query.
				idempotent: true,
			});
			return { items: halItems(body ?? {}, o.key), next: halNext(body ?? {}, o.path, perPage) };
		},
		{
			limit: o.limit,
			// Talkdesk decides where a list ends: an empty page with a next link is followed.
			emptyPageEnds: false,
			cursorKey: (next) => next.replace(/^https?:\/\/[^/]+/i, ''),
			onRepeatedCursor: (key, pages, items) => {
				throw new NodeOperationError(ctx.getNode(), `Talkdesk's answer pointed back to a page already read while trying to ${o.action}`, {
					itemIndex: o.itemIndex,
					description: `After ${pages} page(s) and ${items} item(s) the next-page link (${key}) repeated. The node stops instead of returning a list that may be incomplete. Run again; if it repeats, report it to Talkdesk support.`,
				});
			},
		},
	);
}

/** What a failed upload to storage means (S3 answers XML `<Error><Message>…`). */
function describeUploadError(failure: HttpFailure): ErrorDescription {
	const text = typeof failure.body === 'string' ? failure.body : JSON.stringify(failure.body ?? '');
	const s3Message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? (text || failure.rawMessage);
	return {
		message: `The CSV upload to Talkdesk's storage failed${failure.status ? ` (${failure.status})` : ''}`,
		description: `Storage said: ${s3Message}. The list was created in Talkdesk but has no file; delete it in Talkdesk or run again to create a new one.`,
	};
}

/**
 * PUTs a file to a pre-signed storage URL (S3). It must not carry the Talkdesk bearer token — storage refuses a
 * second auth mechanism and the token must not leave Talkdesk — so it goes without credentials, through the same
 * retry loop as every request (a PUT of the same bytes is safe to repeat after a 5xx or a dropped connection).
 */
export async function uploadToSignedUrl(
	ctx: IExecuteFunctions,
	signedUrl: string,
	data: Buffer,
	contentMd5: string,
	itemIndex: number,
): Promise<void> {
	await vendorRequest(ctx, { vendor: 'Talkdesk', describeError: describeUploadError }, {
		method: 'PUT',
		url: signedUrl,
		body: data,
		headers: { 'Content-Type': 'text/csv', 'Content-MD5': contentMd5 },
		json: false,
		// A large file takes longer than one API answer; still never forever.
		timeoutMs: 600_000,
		action: 'upload the CSV file',
		itemIndex,
	});
}
