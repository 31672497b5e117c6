import type { IDataObject } from 'n8n-workflow';

import type { ClientRequest, ClientTarget, ErrorDescription, ErrorHint, HttpFailure, RequestContext, RequestPacer, VendorHttpConfig } from '../../shared';
import { createVendorClient } from '../../shared';

export const CREDENTIAL_TYPE = 'talkoverApi';
export const DEFAULT_BASE_URL = 'https://app.talkover.ai';
/** The documented maximum of `per_page` on every list. */
export const MAX_PER_PAGE = 100;

/** Documented campaign status changes (PATCH /campaigns/{id}/status); completed and cancelled are final. */
export const CAMPAIGN_TRANSITIONS: Record<string, string[]> = {
	draft: ['active', 'cancelled'],
	active: ['paused', 'completed', 'cancelled'],
	paused: ['active', 'completed', 'cancelled'],
	completed: [],
	cancelled: [],
};

/** The tasks Talkover's error hints know (`hint.action` of a request). */
export type TalkoverTask = 'delete campaign' | 'change campaign status';

/** The words the node uses for each target status. */
export const STATUS_ACTION_NAMES: Record<string, string> = {
	active: 'Start',
	paused: 'Pause',
	completed: 'Complete',
	cancelled: 'Cancel',
};

function firstString(...values: unknown[]): string | undefined {
	for (const v of values) if (typeof v === 'string' && v.trim() !== '') return v.trim();
	return undefined;
}

function fieldErrors(errors: unknown): string | undefined {
	if (!errors || typeof errors !== 'object') return undefined;
	const parts: string[] = [];
	for (const [field, list] of Object.entries(errors as IDataObject)) {
		const messages = Array.isArray(list) ? list.map(String) : [String(list)];
		parts.push(`${field}: ${messages.join(' ')}`);
	}
	return parts.length ? parts.join('; ') : undefined;
}

/**
 * Talkover answers failures in five shapes (see the README): {success:false,message}, 422 {message,errors},
 * 401 {message}, {success:false,error:{code,message,details}} and 409 {success:false,message,code}. All of them
 * become one message: what Talkover said + what was being done, and a hint on what to check.
 */
export function describeError(failure: HttpFailure, action: string, hint?: ErrorHint): ErrorDescription {
	const body = (failure.body && typeof failure.body === 'object' ? failure.body : {}) as IDataObject;
	const nested = (body.error && typeof body.error === 'object' ? body.error : {}) as IDataObject;
	const details = (nested.details && typeof nested.details === 'object' ? nested.details : {}) as IDataObject;
	const code = firstString(nested.code, body.code, typeof body.error === 'string' ? body.error : undefined);
	let vendorMessage = firstString(nested.message, body.message);
	const fields = fieldErrors(body.errors);
	if (fields) vendorMessage = vendorMessage && !/given data was invalid/i.test(vendorMessage) ? `${vendorMessage} (${fields})` : fields;
	if (!vendorMessage && typeof failure.body === 'string' && failure.body.trim()) {
		const text = failure.body.trim();
		vendorMessage = /^</.test(text) ? 'an HTML page instead of an API answer' : text.slice(0, 200);
	}
	const status = failure.status;
	const task = hint?.action as TalkoverTask | undefined;
	let advice: string | undefined;
	let context: IDataObject | undefined;

	if (status === undefined) {
		const what = failure.code ? `network error ${failure.code}` : failure.rawMessage;
		return {
			message: `Talkover could not ${action}: ${what}`,
			description: 'Talkover did not answer. Check the Base URL in the Talkover credential and that this n8n can reach it; then run again.',
		};
	}
	if (status === 401) {
		advice = 'Check the API token in the Talkover credential: it starts with talq_ and stops working when someone regenerates it under Account → Environments.';
	} else if (status === 403) {
		advice = task === 'delete campaign'
			? 'Talkover does not delete a running campaign. Pause, complete or cancel it first (Campaign → Change Status), then delete.'
			: 'The token is valid but not allowed to do this. Check the environment the token belongs to.';
	} else if (status === 404) {
		advice = 'Check the ID: it may be mistyped, deleted, or belong to another Talkover environment than the token.';
	} else if (status === 409 && (code === 'DUPLICATE_CALL' || body.existing_call)) {
		const existing = (body.existing_call ?? {}) as IDataObject;
		const about = existing.id ? ` (existing call ${existing.id}${existing.status ? `, status ${existing.status}` : ''})` : '';
		vendorMessage = `${vendorMessage ?? 'duplicate call'}${about}`;
		// The operation's "Skip" reads this instead of the message.
		context = { duplicate: true, ...(existing.id ? { existingCall: { id: existing.id, ...(existing.status ? { status: existing.status } : {}) } } : {}) };
		advice = 'This number is already in the campaign. To call it again set Options → Duplicate Numbers to "Add Again"; to ignore it quietly choose "Skip".';
	} else if (status === 409 && task === 'delete campaign') {
		advice = 'Talkover does not delete a running campaign (deleting also removes its calls and files). Pause, complete or cancel it first (Campaign → Change Status), then delete.';
	} else if (status === 409 && code === 'CAMPAIGN_HAS_ACTIVE_CALLS' && task === 'change campaign status') {
		advice = 'Calls are still in progress. Pause the campaign and wait for them to finish, then try again.';
	} else if (status === 409) {
		advice = 'The campaign has calls waiting or in progress. Pause it first (Campaign → Change Status → Pause), update it, then start it again.';
	} else if (status === 400 && code === 'INVALID_TRANSITION') {
		const allowed = Array.isArray(details.allowed_transitions) ? (details.allowed_transitions as string[]) : undefined;
		advice = allowed
			? allowed.length
				? `From ${String(details.current_status ?? 'its current status')} the campaign can only: ${allowed.map((s) => STATUS_ACTION_NAMES[s] ?? s).join(', ')}.`
				: `The campaign is ${String(details.current_status ?? 'finished')}; completed and cancelled campaigns cannot change any more.`
			: 'Allowed: draft → Start or Cancel; active → Pause, Complete or Cancel; paused → Start, Complete or Cancel. Completed and cancelled are final.';
	} else if (status === 400 && /must be active|not active/i.test(vendorMessage ?? '')) {
		advice = 'Contacts can only be added to an active campaign. Start it first (Campaign → Change Status → Start).';
	} else if (status === 422) {
		advice = 'Talkover rejected the values listed. Fix those fields and run again.';
	} else if (status === 429) {
		advice = 'Talkover allows 100 requests per minute on Standard and 1,000 on Professional. Lower Options → Max Requests per Minute, or run fewer workflows at once.';
	} else if (status >= 500) {
		advice = 'Talkover had an internal problem. Try again in a few minutes; if it persists, contact Talkover support.';
	}
	const shown = vendorMessage ?? `HTTP ${status}`;
	return {
		message: `Talkover could not ${action}: ${shown}${code && !shown.includes(code) ? ` [${code}]` : ''}`,
		description: advice,
		...(context ? { context } : {}),
	};
}

/** Requests per minute of the credential's plan (docs: introduction, "Rate limits"); a credential without a plan is Standard. */
export function planRequestsPerMinute(credentials: IDataObject): number | undefined {
	if (credentials.plan === 'professional') return 1000;
	if (credentials.plan === 'custom') return Number(credentials.customRequestsPerMinute) > 0 ? Number(credentials.customRequestsPerMinute) : undefined;
	return 100;
}

export const TALKOVER_HTTP: VendorHttpConfig = {
	vendor: 'Talkover',
	credentialType: CREDENTIAL_TYPE,
	describeError,
	planRequestsPerMinute,
};

/** The API root for the credential's Base URL (tolerates a trailing slash or an included /api/v1). */
export function apiRoot(baseUrl: unknown): string {
	const text = typeof baseUrl === 'string' && baseUrl.trim() ? baseUrl.trim() : DEFAULT_BASE_URL;
	return `${text.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}/api/v1`;
}

export type TalkoverRequest = ClientRequest & { hint?: ErrorHint & { action: TalkoverTask } };

export const talkoverClient = createVendorClient<ClientTarget, TalkoverRequest>({
	vendor: TALKOVER_HTTP.vendor,
	credentialType: CREDENTIAL_TYPE,
	planRequestsPerMinute,
	target: (credentials) => ({ baseUrl: apiRoot(credentials.baseUrl) }),
	describeError: (failure, req) => describeError(failure, req.action, req.hint),
});

export async function talkoverRequest<T = IDataObject>(ctx: RequestContext, req: TalkoverRequest): Promise<T> {
	return await talkoverClient(ctx).request<T>(req);
}

/** Single objects come wrapped in `data` on most endpoints; some answer bare. */
export function unwrap(response: unknown): IDataObject {
	if (response && typeof response === 'object') {
		const r = response as IDataObject;
		if (r.data && typeof r.data === 'object' && !Array.isArray(r.data)) return r.data as IDataObject;
		return r;
	}
	return {};
}

/** What a list read: the records, and why it cannot be sure it has all of them (undefined: it is sure). */
export interface ListRead {
	items: IDataObject[];
	incomplete?: string;
}

/**
 * Laravel-style page-number pagination (seed 004: `page`, `per_page` ≤ 100, `pagination{current_page, last_page,
 * total}`). Pages are read up to `last_page` (as the latest page states it). Lists are newest first, so a record
 * created while paging pushes the others down and one comes again: each id is kept once. A record deleted while
 * paging pulls the others up and one can be skipped, which no answer shows: when fewer distinct records arrive than
 * `pagination.total` promised at the start, or a page before the last comes back empty, `incomplete` says so.
 */
export async function listAllChecked(
	ctx: RequestContext,
	path: string,
	qs: IDataObject,
	options: { limit?: number; action: string; itemIndex?: number; gate?: RequestPacer },
): Promise<ListRead> {
	const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
	const perPage = Math.min(MAX_PER_PAGE, limit);
	const items: IDataObject[] = [];
	const seen = new Set<string>();
	let firstTotal: number | undefined;
	for (let page = 1; ; page++) {
		const response = await talkoverRequest<IDataObject>(ctx, {
			method: 'GET',
			path,
			qs: { ...qs, page, per_page: perPage },
			action: options.action,
			itemIndex: options.itemIndex,
			gate: options.gate,
		});
		const list = Array.isArray(response.data) ? (response.data as IDataObject[]) : Array.isArray(response) ? (response as unknown as IDataObject[]) : [];
		const pagination = (response.pagination ?? response.meta ?? {}) as IDataObject;
		const total = Number(pagination.total);
		if (page === 1 && pagination.total !== undefined && Number.isFinite(total)) firstTotal = total;
		for (const item of list) {
			if (item.id !== undefined && item.id !== null) {
				const id = String(item.id);
				if (seen.has(id)) continue;
				seen.add(id);
			}
			if (items.length < limit) items.push(item);
		}
		if (items.length >= limit) return { items };
		const last = Number(pagination.last_page);
		const more = Number.isFinite(last) && pagination.last_page !== undefined ? page < last : list.length >= perPage;
		if (!more) break;
		if (list.length === 0) {
			return { items, incomplete: `Talkover answered page ${page} empty although it counted ${last} pages` };
		}
	}
	if (firstTotal !== undefined && items.length < firstTotal) {
		return {
			items,
			incomplete: `Talkover counted ${firstTotal} records when the read started but ${items.length} distinct ones arrived; the list probably changed while it was read (a record removed meanwhile moves the others up a page)`,
		};
	}
	return { items };
}

/** Every record of a list (see listAllChecked), for callers that only need the records. */
export async function listAll(
	ctx: RequestContext,
	path: string,
	qs: IDataObject,
	options: { limit?: number; action: string; itemIndex?: number; gate?: RequestPacer },
): Promise<IDataObject[]> {
	return (await listAllChecked(ctx, path, qs, options)).items;
}
