import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkEnum, checkIntegerRange, checkLength, inputError, must, normalizePhoneE164, readDefaultCountry } from '../../shared';
import { PHONE_TYPES, phoneTypeOptions } from './common';

/** Fields of one record as the node asks for them (shared by Add Records and Update Record). */
export function recordFields(extra: Partial<INodeProperties> = {}): INodeProperties[] {
	return [
		{ displayName: 'External ID', name: 'externalId', type: 'string', default: '', description: 'The record\'s ID in your CRM, so you can find or delete it later' },
		{ displayName: 'External Provider', name: 'externalProvider', type: 'string', default: '', placeholder: 'e.g. salesforce', description: 'Which system the External ID comes from' },
		{ displayName: 'External URL', name: 'externalUrl', type: 'string', default: '', description: 'Link to the record in your CRM, shown to agents' },
		{
			displayName: 'Extra Data',
			name: 'extraData',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Field',
			default: {},
			description: 'Custom fields shown to agents (e.g. plan, balance)',
			options: [
				{
					displayName: 'Field',
					name: 'fields',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', description: '1–80 characters' },
		{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', description: '1–80 characters' },
		{
			displayName: 'Other Phone Numbers',
			name: 'otherPhones',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Phone Number',
			default: {},
			description: 'More numbers for the same person, each with its type (the campaign\'s record chain decides the order)',
			options: [
				{
					displayName: 'Phone',
					name: 'phones',
					values: [
						{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '', placeholder: 'e.g. +12135550123' },
						{ displayName: 'Phone Type', name: 'phoneType', type: 'options', options: phoneTypeOptions, default: 'HOME' },
					],
				},
			],
		},
		{ displayName: 'Priority', name: 'priority', type: 'number', default: 5, description: '1 (lowest) to 10 (highest): who is called first' },
		{ displayName: 'Timezone', name: 'timezone', type: 'string', default: '', placeholder: 'e.g. America/New_York', description: 'The person\'s time zone (IANA name); calling hours are applied in it' },
	].map((p) => ({ ...p, ...extra })) as INodeProperties[];
}

export function checkTimezone(ctx: IExecuteFunctions, i: number, value: unknown): string {
	const tz = String(value ?? '').trim();
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: tz });
	} catch {
		throw inputError(ctx, i, 'Timezone', `"${tz}" is not a time zone name`, 'Use an IANA name such as America/New_York or Europe/Lisbon.');
	}
	return tz;
}

export function readPhone(ctx: IExecuteFunctions, i: number, label: string, raw: unknown, type: unknown): IDataObject {
	const phone = must(ctx, i, label, normalizePhoneE164(raw, readDefaultCountry(ctx, i)));
	return { phone_number: phone, phone_type: must(ctx, i, `${label} type`, checkEnum(type ?? 'MOBILE', PHONE_TYPES)) };
}

/** Validated record body fields from a record-fields collection (only the fields the user set). */
export function readRecordFields(ctx: IExecuteFunctions, i: number, a: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, label, target] of [
		['firstName', 'First Name', 'first_name'],
		['lastName', 'Last Name', 'last_name'],
	] as const) {
		if (a[key] !== undefined && a[key] !== '') out[target] = must(ctx, i, label, checkLength(String(a[key]).trim(), 1, 80));
	}
	if (a.priority !== undefined) out.priority = must(ctx, i, 'Priority', checkIntegerRange(a.priority, 1, 10));
	if (a.timezone) out.timezone = checkTimezone(ctx, i, a.timezone);
	if (a.externalId) out.external_id = String(a.externalId);
	if (a.externalProvider) out.external_provider = String(a.externalProvider);
	if (a.externalUrl) out.external_url = String(a.externalUrl);
	const extra = ((a.extraData as IDataObject | undefined)?.fields ?? []) as IDataObject[];
	if (extra.length) {
		const data: IDataObject = {};
		extra.forEach((f, k) => {
			const name = String(f.name ?? '').trim();
			if (!name) throw inputError(ctx, i, `Extra Data field ${k + 1}`, 'has no name');
			data[name] = f.value;
		});
		out.extra_data = data;
	}
	return out;
}

export function readOtherPhones(ctx: IExecuteFunctions, i: number, a: IDataObject): IDataObject[] {
	const phones = ((a.otherPhones as IDataObject | undefined)?.phones ?? []) as IDataObject[];
	return phones.map((p, k) => readPhone(ctx, i, `Other Phone Number ${k + 1}`, p.phoneNumber, p.phoneType));
}
