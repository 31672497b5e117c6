import type { IDataObject } from 'n8n-workflow';

import { portalBase, portalDetail } from '../../../credentials/QvoiceApi.credentials';
import type { ClientRequest, ErrorDescription, ErrorHint, HttpFailure, RequestContext } from '../../shared';
import { createVendorClient, pathSegment, untrustedCertificate } from '../../shared';

export const CREDENTIAL_TYPE = 'qvoiceApi';

/** The tasks QVOICE's error hints know (`hint.action` of a request). */
export type QvoiceTask = 'add lead' | 'delete lead' | 'set lead status' | 'list campaign leads' | 'read activity' | 'set disposition';

const LEAD_HINT = 'Check that the lead ID exists (it may have been deleted) and, for a status, that your portal knows that status.';

/** What to check, by what the request was doing (the API only ever says "invalid"). */
const CHECK_HINTS: Record<QvoiceTask, string> = {
	'add lead':
		'Check that the campaign ID exists on this portal, the phone number is in international format (e.g. +12135550123) and Retries, Priority and Cool-Off are whole numbers.',
	'delete lead': LEAD_HINT,
	'set lead status': LEAD_HINT,
	'list campaign leads': 'Check that the campaign ID exists on this portal.',
	'read activity': 'Check the time window: Start must be before End.',
	'set disposition': 'Check that the CDR ID is the ID of a call record on this portal.',
};

function checkHint(hint: ErrorHint | undefined): string {
	return CHECK_HINTS[hint?.action as QvoiceTask] ?? 'Check the Account ID in the credential and the values given to the node.';
}

export function describeError(failure: HttpFailure, action: string, hint?: ErrorHint): ErrorDescription {
	const said = portalDetail(failure.body);
	const quoted = said ? `: "${said}"` : '';
	// Said after the portal's own words: they rarely name the value that was refused.
	const noDetail = said ? 'The portal does not say which value it refused.' : 'The portal gave no detail.';
	const status = failure.status;
	if (failure.signInFailed) {
		const credentialsRefused = [400, 401, 403].includes(status as number);
		return {
			message: `QVOICE could not ${action}: ${failure.rawMessage}`,
			description: credentialsRefused
				? 'n8n could not sign in to the portal, so this was not sent. Check Username, Password and Domain (tenant) in the QVOICE credential and run again.'
				: 'n8n could not sign in to the portal, so this was not sent. Test the QVOICE credential (Portal URL, Username, Password, Domain) and run again.',
		};
	}
	if (status === undefined) {
		const certificate = untrustedCertificate(failure);
		if (certificate) {
			return {
				message: `QVOICE could not ${action}: the portal's certificate is not trusted (${certificate})`,
				description: 'If your portal uses a self-signed certificate, tick "Ignore SSL Issues" in the QVOICE credential. Otherwise check the Portal URL.',
			};
		}
		return {
			message: `QVOICE could not ${action}: the portal could not be reached (${failure.code ?? failure.rawMessage})`,
			description: 'Check the Portal URL in the credential (including the API port, usually 9443) and that n8n can reach it.',
		};
	}
	if (status === 400) {
		return { message: `QVOICE could not ${action}: the portal answered HTTP 400${quoted}`, description: `${noDetail} ${checkHint(hint)}` };
	}
	if (status === 401) {
		return {
			message: `QVOICE could not ${action}: the portal refused the login token (HTTP 401)${quoted}`,
			description: 'n8n signed in again and the portal refused the new token too. Check that this user may use the API, and Username, Password, Domain and Account ID in the QVOICE credential.',
		};
	}
	if (status === 403) {
		return {
			message: `QVOICE could not ${action}: the portal refused access to the Account ID for this login (HTTP 403)${quoted}`,
			description:
				'The sign-in worked, but the Account ID in the QVOICE credential does not match this login (or this user may not use that account). Check the Account ID; signing in again would not change this, so n8n did not.',
		};
	}
	if (status === 404 || status === 405) {
		return {
			message: `QVOICE could not ${action}: the portal does not offer this call (HTTP ${status})${quoted}`,
			description: 'Check the Portal URL (it must point to the API, usually port 9443) and ask your provider whether the Campaigns API v2 is enabled.',
		};
	}
	if (status === 429) {
		return {
			message: `QVOICE could not ${action}: the portal kept answering "too many requests" (HTTP 429)`,
			description: 'Lower "Max Requests per Minute" or "Concurrency" in the node options and run again.',
		};
	}
	return {
		message: `QVOICE could not ${action}: the portal had an internal error (HTTP ${status})${quoted}`,
		description: `${noDetail} ${checkHint(hint)} If it keeps happening, ask your QVOICE/fonoUC provider.`,
	};
}

export interface Portal {
	baseUrl: string;
	skipSsl: boolean;
}

export type QvoiceRequest = ClientRequest & { hint?: ErrorHint & { action: QvoiceTask } };

export const qvoiceClient = createVendorClient<Portal, QvoiceRequest>({
	vendor: 'QVOICE',
	credentialType: CREDENTIAL_TYPE,
	target: (credentials) => ({ baseUrl: portalBase(credentials.portalUrl), skipSsl: credentials.ignoreSSLIssues === true }),
	describeError: (failure, req) => describeError(failure, req.action, req.hint),
});

export async function getPortal(ctx: RequestContext): Promise<Portal> {
	return await qvoiceClient(ctx).target();
}

export async function qvoiceRequest<T = unknown>(ctx: RequestContext, portal: Portal, req: QvoiceRequest): Promise<T> {
	return await qvoiceClient(ctx).request<T>(req, portal);
}

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
}

/** One page as the portal sent it: `keyed` when the answer uses a cursor protocol (wrapped body or key header). */
export interface CursorPage {
	items: IDataObject[];
	next: string | undefined;
	keyed: boolean;
}

/**
 * Seed 003 shows the cursor in the body for leads (`{data, next_start_key}`) and a bare array with no key for the
 * history; third-party clients read `next_start_key`. We accept either body shape, and a `next_start_key` /
 * `next-start-key` / `x-next-start-key` header with a bare array.
 */
export function readCursorPage(response: FullResponse): CursorPage {
	const body = response.body;
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(response.headers ?? {})) headers[k.toLowerCase()] = String(v);
	const fromHeader = headers.next_start_key ?? headers['next-start-key'] ?? headers['x-next-start-key'];
	if (Array.isArray(body)) return { items: body as IDataObject[], next: fromHeader || undefined, keyed: !!fromHeader };
	if (body && typeof body === 'object') {
		const b = body as IDataObject;
		const items = (Array.isArray(b.data) ? b.data : Array.isArray(b.items) ? b.items : []) as IDataObject[];
		const next = (b.next_start_key ?? b.nextStartKey ?? b.startKey ?? fromHeader) as string | undefined;
		return { items, next: next ? String(next) : undefined, keyed: true };
	}
	return { items: [], next: undefined, keyed: false };
}

/** What a Return All read: the records, and why it cannot be sure it has all of them (undefined: it is sure). */
export interface ListRead {
	items: IDataObject[];
	incomplete?: string;
}

export async function fetchLeadsPage(
	ctx: RequestContext,
	portal: Portal,
	campaignId: string,
	pageSize: number,
	cursor: string | undefined,
	itemIndex?: number,
): Promise<CursorPage> {
	const qs: IDataObject = { page_size: pageSize };
	if (cursor) qs.next_start_key = cursor;
	const response = await qvoiceRequest<FullResponse>(ctx, portal, {
		method: 'GET',
		path: `/api/v2/config/campaigns/${pathSegment(campaignId)}/leads`,
		qs,
		action: `list the leads of campaign "${campaignId}"`,
		hint: { action: 'list campaign leads', field: 'Campaign', id: campaignId },
		itemIndex,
		returnFullResponse: true,
	});
	return readCursorPage(response);
}

function leadKey(lead: IDataObject): string {
	return lead.id !== undefined && lead.id !== null && lead.id !== '' ? `id:${String(lead.id)}` : JSON.stringify(lead);
}

/**
 * Every lead of a campaign (seed 003: `page_size`, `next_start_key`). With a key the portal's cursor is followed.
 * A bare array without any key is continued from the last lead's id (the next page may repeat that lead: leads are
 * kept once by id) until a request brings nothing new. It never stops silently short: when it cannot tell it has
 * every lead, `incomplete` says why.
 */
export async function readAllLeads(
	ctx: RequestContext,
	portal: Portal,
	campaignId: string,
	options: { pageSize?: number; limit?: number; itemIndex?: number } = {},
): Promise<ListRead> {
	const pageSize = options.pageSize ?? 1000;
	const limit = options.limit !== undefined && options.limit > 0 ? options.limit : Infinity;
	const items: IDataObject[] = [];
	const seen = new Set<string>();
	const usedKeys = new Set<string>();
	let keyedProtocol = false;
	let cursor: string | undefined;
	for (let request = 1; ; request++) {
		const page = await fetchLeadsPage(ctx, portal, campaignId, pageSize, cursor, options.itemIndex);
		keyedProtocol = keyedProtocol || page.keyed;
		let fresh = 0;
		for (const lead of page.items) {
			const key = leadKey(lead);
			if (seen.has(key)) continue;
			seen.add(key);
			fresh++;
			if (items.length < limit) items.push(lead);
		}
		if (items.length >= limit || page.items.length === 0) return { items };
		let next = page.next;
		if (!next) {
			// The documented cursor forms mark the end by leaving the key out.
			if (keyedProtocol) return { items };
			if (fresh === 0) {
				return page.items.length < pageSize
					? { items }
					: { items, incomplete: `the portal answered request ${request} with the same ${page.items.length} leads again and no next_start_key` };
			}
			const last = page.items[page.items.length - 1];
			if (last.id === undefined || last.id === null || last.id === '') {
				return { items, incomplete: `the portal sent a page without next_start_key and its last lead has no id to continue from` };
			}
			next = String(last.id);
		}
		if (usedKeys.has(next)) return { items, incomplete: `the portal sent next_start_key "${next}" twice (after ${request} requests)` };
		usedKeys.add(next);
		cursor = next;
	}
}

/** Kept for callers that only need the records (the trigger). */
export async function getAllLeads(
	ctx: RequestContext,
	portal: Portal,
	campaignId: string,
	options: { pageSize?: number; limit?: number; itemIndex?: number } = {},
): Promise<IDataObject[]> {
	return (await readAllLeads(ctx, portal, campaignId, options)).items;
}

export interface HistoryWindow {
	/** Unix seconds. */
	startSec: number;
	endSec: number;
	pageSize: number;
	/** Some portals read milliseconds; the docs mix both. */
	unit: 'seconds' | 'milliseconds';
}

export async function fetchHistoryPage(
	ctx: RequestContext,
	portal: Portal,
	window: HistoryWindow,
	cursor: string | undefined,
	itemIndex?: number,
): Promise<CursorPage> {
	const scale = window.unit === 'milliseconds' ? 1000 : 1;
	const start = Math.floor(window.startSec * scale);
	const qs: IDataObject = {
		startDate: start,
		// The docs' own example spells it "starDate"; sending both costs nothing and suits either spelling.
		starDate: start,
		endDate: Math.floor(window.endSec * scale),
		pageSize: window.pageSize,
	};
	if (cursor) qs.startKey = cursor;
	const response = await qvoiceRequest<FullResponse>(ctx, portal, {
		method: 'GET',
		path: '/api/v2/reports/campaigns/leads/history',
		qs,
		action: `get campaign activity from ${new Date(window.startSec * 1000).toISOString()} to ${new Date(window.endSec * 1000).toISOString()}`,
		hint: { action: 'read activity' },
		itemIndex,
		returnFullResponse: true,
	});
	return readCursorPage(response);
}

function recordSeconds(record: IDataObject): number {
	const t = Number(record.timestamp);
	if (!Number.isFinite(t)) return NaN;
	return Math.floor(t > 1e11 ? t / 1000 : t);
}

/**
 * Every activity record in the window (seed 003: `startDate`, `endDate`, `pageSize`, `startKey`; the answer is a
 * bare array). A `next_start_key` (body or header, as third-party clients read it) is followed as `startKey`.
 * Without one a full page means "maybe more": the window is narrowed to start at the last record's second (or end
 * at it, for a portal answering newest first) and records are kept once by their event uuids. When more records
 * share one second than fit a page, or the portal repeats itself, `incomplete` says so instead of ending quietly.
 */
export async function readActivity(
	ctx: RequestContext,
	portal: Portal,
	window: HistoryWindow,
	options: { limit?: number; itemIndex?: number } = {},
): Promise<ListRead> {
	const limit = options.limit !== undefined && options.limit > 0 ? options.limit : Infinity;
	const items: IDataObject[] = [];
	const seen = new Set<string>();
	const usedKeys = new Set<string>();
	let keyedProtocol = false;
	let current = { ...window };
	let cursor: string | undefined;
	let largestPage = 0;
	for (let request = 1; ; request++) {
		const page = await fetchHistoryPage(ctx, portal, current, cursor, options.itemIndex);
		keyedProtocol = keyedProtocol || page.keyed;
		let fresh = 0;
		for (const record of page.items) {
			const key = activityKey(record);
			if (seen.has(key)) continue;
			seen.add(key);
			fresh++;
			if (items.length < limit) items.push(record);
		}
		if (items.length >= limit || page.items.length === 0) return { items };
		if (page.next) {
			if (usedKeys.has(page.next)) return { items, incomplete: `the portal sent startKey "${page.next}" twice (after ${request} requests)` };
			usedKeys.add(page.next);
			cursor = page.next;
			continue;
		}
		if (keyedProtocol) return { items };
		// A portal may serve fewer per page than asked: the largest page seen is then what "full" means.
		largestPage = Math.max(largestPage, page.items.length);
		const full = page.items.length >= Math.min(window.pageSize, largestPage);
		if (fresh === 0) {
			if (!full) return { items };
			const second = recordSeconds(page.items[0]);
			return {
				items,
				incomplete: `more than ${page.items.length} records share the second ${Number.isFinite(second) ? new Date(second * 1000).toISOString() : '(unknown)'} and the portal gives no key to page past them; raise Options → Page Size`,
			};
		}
		const first = recordSeconds(page.items[0]);
		const last = recordSeconds(page.items[page.items.length - 1]);
		if (!Number.isFinite(first) || !Number.isFinite(last)) {
			return full ? { items, incomplete: 'the portal sent a full page whose records have no readable timestamp to continue from' } : { items };
		}
		// Oldest first (as the simulator and the seed example): move the start up; newest first: move the end down.
		if (last >= first) current = { ...current, startSec: Math.max(current.startSec, last) };
		else current = { ...current, endSec: Math.min(current.endSec, last) };
		cursor = undefined;
	}
}

/** Kept for callers that only need the records (the trigger). */
export async function getActivity(
	ctx: RequestContext,
	portal: Portal,
	window: HistoryWindow,
	options: { limit?: number; itemIndex?: number } = {},
): Promise<IDataObject[]> {
	return (await readActivity(ctx, portal, window, options)).items;
}

/** A stable key for one activity record: its lead-history event uuids (the record has no id of its own). */
export function activityKey(record: IDataObject): string {
	const events = Array.isArray(record.lead_history) ? (record.lead_history as IDataObject[]) : [];
	const uuids = events.map((e) => e.uuid).filter((u) => typeof u === 'string' && u !== '');
	if (uuids.length) return uuids.join(',');
	return `${String(record.timestamp)}|${String(record.campaign_name)}|${String(record.lead_number)}|${String(record.agent_extension)}`;
}

export interface CampaignSummary extends IDataObject {
	id: string;
	name: string;
	status: string;
	total_leads: number;
	leads_by_status: IDataObject;
}

/** The leads/status report: one object keyed by campaign id, turned into a list. */
export async function getCampaigns(ctx: RequestContext, portal: Portal, itemIndex?: number): Promise<CampaignSummary[]> {
	const report = await qvoiceRequest<IDataObject>(ctx, portal, {
		method: 'GET',
		path: '/api/v2/reports/campaigns/leads/status',
		action: 'read the campaigns status report',
		itemIndex,
	});
	const out: CampaignSummary[] = [];
	if (!report || typeof report !== 'object' || Array.isArray(report)) return out;
	for (const [id, value] of Object.entries(report)) {
		const c = (value && typeof value === 'object' ? value : {}) as IDataObject;
		out.push({
			id,
			name: String(c.name ?? ''),
			status: String(c.status ?? ''),
			total_leads: Number(c.total_leads ?? 0),
			leads_by_status: (c.leads_by_status && typeof c.leads_by_status === 'object' ? c.leads_by_status : {}) as IDataObject,
		});
	}
	return out;
}

export async function getQueues(ctx: RequestContext, portal: Portal, itemIndex?: number): Promise<IDataObject[]> {
	const queues = await qvoiceRequest<IDataObject[]>(ctx, portal, {
		method: 'GET',
		path: '/callcenter/queues/status',
		action: 'read the queues status',
		itemIndex,
	});
	return Array.isArray(queues) ? queues : [];
}
