import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { RequestPacer } from '../../../shared';
import { checkIntegerRange, checkLength, collection, defaultCountryOption, executePerItem, must, normalizePhoneE164, pathSegment, QVOICE_THROUGHPUT, readDefaultCountry, readThroughputOptions, throughputCollection } from '../../../shared';
import type { Portal } from '../../transport';
import { getPortal, qvoiceRequest } from '../../transport';
import { campaignLocator, getCampaignId } from '../common';

export const description: INodeProperties[] = [
	campaignLocator('The campaign to add the lead to'),
	{
		displayName: 'Phone Number',
		name: 'number',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +12135550123',
		description:
			'The number to call, in international format with country code. Spaces, dashes and brackets are removed; a country code is never guessed.',
	},
	{
		...collection('additionalFields'),
		options: [
			{
				displayName: 'Cool-Off (Seconds)',
				name: 'coolOff',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'How long to wait between two call attempts to this lead',
			},
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
			{ displayName: 'Note', name: 'note', type: 'string', default: '', description: 'A note the agent sees with the lead' },
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1,
				description: 'Dialing priority of the lead (whole number)',
			},
			{
				displayName: 'Retries',
				name: 'retries',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 3,
				description: 'How many times the dialer may try this lead again',
			},
			{
				displayName: 'Ticket ID',
				name: 'ticketId',
				type: 'string',
				default: '',
				description: 'Your own reference for the lead, e.g. a CRM or helpdesk ticket ID',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'string',
				default: '',
				description: 'Lead type as configured on your portal (the API docs do not list the values)',
			},
		],
	},
	throughputCollection(QVOICE_THROUGHPUT, undefined, [defaultCountryOption()]),
];

interface PreparedLead {
	campaignId: string;
	body: IDataObject;
}

function text(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const s = String(value).trim();
	return s === '' ? undefined : s;
}

/** PUT is documented, POST is what other clients send: the first 404/405 to PUT switches the whole run to POST. */
class AddLeadMethod {
	private decided: Promise<'PUT' | 'POST'> | undefined;

	async send(ctx: IExecuteFunctions, portal: Portal, lead: PreparedLead, itemIndex: number, gate: RequestPacer) {
		const request = async (method: 'PUT' | 'POST') =>
			await qvoiceRequest<unknown>(ctx, portal, {
				method,
				path: `/api/v2/config/campaigns/${pathSegment(lead.campaignId)}/lead`,
				body: lead.body,
				action: `add lead ${String(lead.body.number)} to campaign "${lead.campaignId}"`,
				hint: { action: 'add lead', field: 'Campaign', id: lead.campaignId },
				itemIndex,
				gate,
				// Adding is not idempotent: a retry after a 5xx could add the lead twice.
				idempotent: false,
			});
		if (this.decided) {
			const method = await this.decided;
			return { method, response: await request(method) };
		}
		let settle!: (m: 'PUT' | 'POST') => void;
		this.decided = new Promise((resolve) => (settle = resolve));
		const first = await request('PUT').then(
			(response) => ({ response, error: undefined }),
			(error: unknown) => ({ response: undefined, error }),
		);
		if (first.error === undefined) {
			settle('PUT');
			return { method: 'PUT' as const, response: first.response };
		}
		const code = first.error instanceof NodeApiError ? String(first.error.httpCode ?? '') : '';
		if (code === '404' || code === '405') {
			settle('POST');
			return { method: 'POST' as const, response: await request('POST') };
		}
		// Still undecided: items waiting on this one try PUT themselves.
		this.decided = undefined;
		settle('PUT');
		throw first.error;
	}
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const method = new AddLeadMethod();
	let portal: Portal | undefined;
	return await (executePerItem<PreparedLead>).call(
		this,
		{
			identify: ({ campaignId, body }) => ({ phoneNumber: body.number, campaignId }),
			prepare(i): PreparedLead {
				const campaignId = getCampaignId(this, i);
				const number = must(this, i, 'Phone Number', normalizePhoneE164(this.getNodeParameter('number', i, ''), readDefaultCountry(this, i)));
				const f = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
				const body: IDataObject = { number };
				const firstName = text(f.firstName);
				const lastName = text(f.lastName);
				if (firstName !== undefined) body.first_name = must(this, i, 'First Name', checkLength(firstName, 1, 100));
				if (lastName !== undefined) body.last_name = must(this, i, 'Last Name', checkLength(lastName, 1, 100));
				if (text(f.type) !== undefined) body.type = text(f.type);
				if (f.priority !== undefined && f.priority !== '') body.priority = must(this, i, 'Priority', checkIntegerRange(f.priority, 0, 1000));
				if (f.retries !== undefined && f.retries !== '') body.retries = must(this, i, 'Retries', checkIntegerRange(f.retries, 0, 100));
				if (text(f.ticketId) !== undefined) body.ticket_id = text(f.ticketId);
				if (text(f.note) !== undefined) body.note = must(this, i, 'Note', checkLength(text(f.note), 1, 2000));
				if (f.coolOff !== undefined && f.coolOff !== '') body.cool_off = must(this, i, 'Cool-Off (Seconds)', checkIntegerRange(f.coolOff, 0, 31_536_000));
				return { campaignId, body };
			},
			async run(lead, i, gate) {
				portal = portal ?? (await getPortal(this));
				const { method: used, response } = await method.send(this, portal, lead, i, gate);
				const out: IDataObject = { success: true, campaign_id: lead.campaignId, ...lead.body, method: used };
				if (typeof response === 'string' && response.trim()) out.message = response.trim();
				else if (response && typeof response === 'object') out.response = response as IDataObject;
				return out;
			},
		},
		readThroughputOptions(this, QVOICE_THROUGHPUT),
	);
}
