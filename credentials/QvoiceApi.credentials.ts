import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { toHttpFailure, untrustedCertificate } from '../nodes/shared/http';

/**
 * Logins in flight, by portal + tenant + user: when several parallel requests meet an expired token at once,
 * they share one login instead of each logging in. Entries live only while the login runs.
 */
const loginsInFlight = new Map<string, Promise<{ accessToken: string }>>();

/** The portal address without trailing slashes; https:// is assumed when the scheme was left out. */
export function portalBase(value: unknown): string {
	const text = String(value ?? '').trim().replace(/\/+$/, '');
	return /^https?:\/\//i.test(text) ? text : `https://${text}`;
}

function parseIfJson(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (!/^[[{]/.test(trimmed)) return body;
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		return body;
	}
}

/**
 * What the portal said, as plain text: the seed's bodies are plain text; a JSON body (Kazoo-style
 * `{status, message, data{message}}` or any other) is read for its message fields, never shown as escaped JSON.
 */
export function portalDetail(body: unknown): string {
	const value = parseIfJson(body);
	if (value === undefined || value === null) return '';
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
		const text = String(value).trim();
		if (/^<(!doctype|html)/i.test(text)) return 'an HTML error page';
		return text.length > 300 ? `${text.slice(0, 300)}…` : text;
	}
	if (Array.isArray(value)) return value.map(portalDetail).filter(Boolean).join('; ');
	const o = value as Record<string, unknown>;
	const parts: string[] = [];
	const add = (v: unknown) => {
		const t = typeof v === 'string' ? v.trim() : v && typeof v === 'object' ? portalDetail(v) : '';
		if (t && !parts.includes(t) && !/^(error|status|\d{3})$/i.test(t)) parts.push(t);
	};
	for (const k of ['message', 'error_description', 'error', 'detail', 'details', 'errors', 'reason']) add(o[k]);
	if (o.data && typeof o.data === 'object') add((o.data as Record<string, unknown>).message);
	if (!parts.length) {
		for (const [k, v] of Object.entries(o)) if (['string', 'number', 'boolean'].includes(typeof v)) parts.push(`${k}: ${String(v)}`);
	}
	const text = parts.join('; ');
	return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** POST /api/v2/login; errors say what to check, never echo the password. */
async function portalLogin(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<{ accessToken: string }> {
	const base = portalBase(credentials.portalUrl);
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${base}/api/v2/login`,
		body: {
			username: credentials.username,
			password: credentials.password,
			domain: credentials.domain,
		},
		json: true,
	};
	if (credentials.ignoreSSLIssues === true) options.skipSslCertificateValidation = true;
	let response: { access_token?: string };
	try {
		response = (await helper.helpers.httpRequest(options)) as { access_token?: string };
	} catch (error) {
		// Say which step failed and what to check; the original error text never holds the password.
		const response = (error as { response?: { status?: number; data?: unknown; body?: unknown } }).response;
		const status = response?.status;
		const said = portalDetail(response?.data ?? response?.body);
		const quoted = said ? `: the portal said "${said}"` : '';
		// Seed 003 documents 400 "The information sent is invalid." for a bad login; public fonoUC clients get 401.
		const hint =
			status === 400 || status === 401
				? 'The portal refused this sign-in: check Username, Password and Domain (tenant) in the credential.'
				: status === 403
					? 'The portal refused this user: check Username, Password and Domain (tenant), and that this user may use the API.'
					: status === 404 || status === 405
						? 'The Portal URL does not lead to the API: include the API port, usually :9443.'
						: status !== undefined && status >= 500
							? 'The portal had an internal error while signing in: try again in a few minutes, or ask your provider.'
							: `Check the Portal URL and that n8n can reach it${
									untrustedCertificate(toHttpFailure(error)) ? ', or tick Ignore SSL Issues for a self-signed certificate' : ''
								}.`;
		// The status goes in `authStatus`, not `httpCode`: n8n would replace this message with its generic
		// "Bad request" text; the shared transport still reads it (a 5xx login is retried for reads).
		const wrapped = new Error(`QVOICE portal login failed${status ? ` (HTTP ${status})` : ''}${quoted}. ${hint}`);
		// `signInFailed` tells the transport (as data) that the login, not the request, failed.
		Object.assign(wrapped, { authStatus: status, signInFailed: true });
		throw wrapped;
	}
	if (!response || typeof response.access_token !== 'string' || response.access_token === '') {
		throw new Error('The portal login answered without an access token. Check the Portal URL points to the API port (usually 9443).');
	}
	return { accessToken: response.access_token };
}

/**
 * QVOICE / fonoUC portal login. The API has no API keys in its docs: a session token comes from
 * POST /api/v2/login and is kept in the hidden expirable `accessToken`; n8n logs in again once when a call
 * answers 401 and retries that call.
 */
export class QvoiceApi implements ICredentialType {
	name = 'qvoiceApi';

	displayName = 'QVOICE (fonoUC) API';

	icon: Icon = { light: 'file:../icons/qvoice.svg', dark: 'file:../icons/qvoice.dark.svg' };

	documentationUrl = 'https://docs.qvoice.net/api/campaigns/';

	properties: INodeProperties[] = [
		{
			displayName: 'Portal URL',
			name: 'portalUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://portal.example.com:9443',
			description:
				'Address of your contact-center portal, including the API port (usually 9443). Works for QVOICE and any other fonoUC-based portal.',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The user you sign in to the portal with',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Domain (Tenant)',
			name: 'domain',
			type: 'string',
			default: '',
			required: true,
			description: 'Your tenant name on the portal, as typed in the "domain" box of the portal login page',
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			required: true,
			description:
				'The account ID sent as X-Account-ID on every call. Your portal administrator can find it in the account settings of the fonoUC/QVOICE portal.',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSSLIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the portal certificate cannot be verified (e.g. self-signed). Only tick this for a portal you trust.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const key = [credentials.portalUrl, credentials.domain, credentials.username, credentials.accountId].map(String).join('\n');
		const running = loginsInFlight.get(key);
		if (running) return await running;
		const login = portalLogin(this, credentials);
		loginsInFlight.set(key, login);
		try {
			return await login;
		} finally {
			loginsInFlight.delete(key);
		}
	}

	/**
	 * A function rather than the generic `={{…}}` form: n8n would otherwise run its expression engine twice for
	 * every request, which is most of n8n's own cost per lead in a bulk run (measured, see README "Performance").
	 */
	authenticate: IAuthenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) => ({
		...requestOptions,
		headers: {
			...(requestOptions.headers ?? {}),
			Authorization: `Bearer ${String(credentials.accessToken ?? '')}`,
			'X-Account-ID': String(credentials.accountId ?? '').trim(),
		},
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.portalUrl.trim().replace(/\\/+$/, "")}}',
			url: '/api/v2/reports/campaigns/leads/status',
			skipSslCertificateValidation: '={{$credentials.ignoreSSLIssues}}',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'The sign-in worked, but the portal refused the request for the Account ID ("The information sent is invalid."). Check the Account ID.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The sign-in worked, but the Account ID does not match this login: the portal refused access to that account (HTTP 403). Check the Account ID belongs to this user\'s account.',
				},
			},
		],
	};
}
