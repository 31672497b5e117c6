import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { portalBase } from '../../../credentials/QvoiceApi.credentials';
import type { ErrorDescription, HttpFailure, Page, RequestContext, RequestGate, VendorHttpConfig } from '../../shared';
import { collectPages, pathSegment, vendorRequest } from '../../shared';

export const CREDENTIAL_TYPE = 'qvoiceApi';

const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL/i;

function bodyText(body: unknown): string {
	if (body === undefined || body === null || body === '') return '';
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const trimmed = text.trim();
	if (/^<(!doctype|html)/i.test(trimmed)) return 'an HTML error page';
	return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
}

/** What to check for a given request, by what it was doing (the API only ever says "invalid"). */
function checkHint(action: string): string {
	if (/^add lead/.test(action)) {
		return 'Check that the campaign ID exists on this portal, the phone number is in international format (e.g. +12135550123) and Retries, Priority and Cool-Off are whole numbers.';
	}
	if (/lead "/.test(action)) return 'Check that the lead ID exists (it may have been deleted) and, for a status, that your portal knows that status.';
	if (/campaign/.test(action) && /leads/.test(action)) return 'Check that the campaign ID exists on this portal.';
	if (/activity/.test(action)) return 'Check the time window: Start must be before End.';
	if (/disposition/.test(action)) return 'Check that the CDR ID is the ID of a call record on this portal.';
	return 'Check the Account ID in the credential and the values given to the node.';
}

export function describeError(failure: HttpFailure, action: string): ErrorDescription {
	const said = bodyText(failure.body);
	const quoted = said ? `: "${said}"` : '';
	const status = failure.status;
	if (/QVOICE portal login failed/.test(failure.rawMessage)) {
		return {
			message: `QVOICE could not ${action}: ${failure.rawMessage}`,
			description: 'n8n could not sign in to the portal, so this was not sent. Test the QVOICE credential (Portal URL, Username, Password, Domain) and run again.',
		};
	}
	if (status === undefined) {
		if (failure.code && CERT_CODES.test(failure.code) || CERT_CODES.test(failure.rawMessage)) {
			return {
				message: `QVOICE could not ${action}: the portal's certificate is not trusted (${failure.code ?? failure.rawMessage})`,
				description: 'If your portal uses a self-signed certificate, tick "Ignore SSL Issues" in the QVOICE credential. Otherwise check the Portal URL.',
			};
		}
		return {
			message: `QVOICE could not ${action}: the portal could not be reached (${failure.code ?? failure.rawMessage})`,
			description: 'Check the Portal URL in the credential (including the API port, usually 9443) and that n8n can reach it.',
		};
	}
	if (status === 400) {
		return { message: `QVOICE could not ${action}: the portal answered HTTP 400${quoted}`, description: `The portal gives no detail. ${checkHint(action)}` };
	}
	if (status === 401 || status === 403) {
		return {
			message: `QVOICE could not ${action}: the portal refused the login token (HTTP ${status})${quoted}`,
			description: 'n8n logged in again once and was still refused. Check Username, Password, Domain and Account ID in the credential, and that this user may use the API.',
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
		description: `The portal gives no detail for its errors. ${checkHint(action)} If it keeps happening, ask your QVOICE/fonoUC provider.`,
	};
}

export const QVOICE_HTTP: VendorHttpConfig = {
	vendor: 'QVOICE',
	credentialType: CREDENTIAL_TYPE,
	describeError,
};

export interface Portal {
	baseUrl: string;
	skipSsl: boolean;
}

export async function getPortal(ctx: RequestContext): Promise<Portal> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	return {
		baseUrl: portalBase(credentials.portalUrl),
		skipSsl: credentials.ignoreSSLIssues === true,
	};
}

export interface QvoiceRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	action: string;
	itemIndex?: number;
	gate?: RequestGate;
	idempotent?: boolean;
	returnFullResponse?: boolean;
}

export async function qvoiceRequest<T = unknown>(ctx: RequestContext, portal: Portal, req: QvoiceRequest): Promise<T> {
	return await vendorRequest<T>(ctx, QVOICE_HTTP, {
		method: req.method,
		url: `${portal.baseUrl}${req.path}`,
		qs: req.qs,
		body: req.body,
		action: req.action,
		itemIndex: req.itemIndex,
		gate: req.gate,
		idempotent: req.idempotent,
		returnFullResponse: req.returnFullResponse,
		skipSslCertificateValidation: portal.skipSsl || undefined,
	});
}

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
}

/**
 * The docs show the cursor in the body for leads (`{data, next_start_key}`) and a bare array for the history;
 * we accept either shape, and a `next_start_key` / `next-start-key` / `x-next-start-key` header with a bare array.
 */
export function readCursorPage(response: FullResponse): Page<string> {
	const body = response.body;
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(response.headers ?? {})) headers[k.toLowerCase()] = String(v);
	const fromHeader = headers.next_start_key ?? headers['next-start-key'] ?? headers['x-next-start-key'];
	if (Array.isArray(body)) return { items: body as IDataObject[], next: fromHeader || undefined };
	if (body && typeof body === 'object') {
		const b = body as IDataObject;
		const items = (Array.isArray(b.data) ? b.data : Array.isArray(b.items) ? b.items : []) as IDataObject[];
		const next = (b.next_start_key ?? b.nextStartKey ?? b.startKey ?? fromHeader) as string | undefined;
		return { items, next: next || undefined };
	}
	return { items: [], next: undefined };
}

export async function fetchLeadsPage(
	ctx: RequestContext,
	portal: Portal,
	campaignId: string,
	pageSize: number,
	cursor: string | undefined,
	itemIndex?: number,
): Promise<Page<string>> {
	const qs: IDataObject = { page_size: pageSize };
	if (cursor) qs.next_start_key = cursor;
	const response = await qvoiceRequest<FullResponse>(ctx, portal, {
		method: 'GET',
		path: `/api/v2/config/campaigns/${pathSegment(campaignId)}/leads`,
		qs,
		action: `list the leads of campaign "${campaignId}"`,
		itemIndex,
		returnFullResponse: true,
	});
	return readCursorPage(response);
}

export async function getAllLeads(
	ctx: RequestContext,
	portal: Portal,
	campaignId: string,
	options: { pageSize?: number; limit?: number; itemIndex?: number } = {},
): Promise<IDataObject[]> {
	return await collectPages<string>(
		async (cursor) => await fetchLeadsPage(ctx, portal, campaignId, options.pageSize ?? 1000, cursor, options.itemIndex),
		{ limit: options.limit },
	);
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
): Promise<Page<string>> {
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
		itemIndex,
		returnFullResponse: true,
	});
	return readCursorPage(response);
}

export async function getActivity(
	ctx: RequestContext,
	portal: Portal,
	window: HistoryWindow,
	options: { limit?: number; itemIndex?: number } = {},
): Promise<IDataObject[]> {
	return await collectPages<string>(async (cursor) => await fetchHistoryPage(ctx, portal, window, cursor, options.itemIndex), {
		limit: options.limit,
	});
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
