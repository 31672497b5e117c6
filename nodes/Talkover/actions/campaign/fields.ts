import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	checkDate,
	checkEnum,
	checkIntegerRange,
	checkLength,
	checkTimeOfDay,
	inputError,
	must,
	normalizePhoneE164,
} from '../../../shared';

export const CAMPAIGN_TYPES = ['sales', 'follow_up', 'reminder', 'custom'] as const;

export const campaignTypeField: INodeProperties = {
	displayName: 'Campaign Type',
	name: 'campaignType',
	type: 'options',
	default: 'sales',
	description: 'What the campaign is for; Talkover uses it for reporting',
	options: [
		{ name: 'Custom', value: 'custom' },
		{ name: 'Follow-Up', value: 'follow_up' },
		{ name: 'Reminder', value: 'reminder' },
		{ name: 'Sales', value: 'sales' },
	],
};

// Talkover numbers weekdays 1–7; the docs' weekday example [1,2,3,4,5] means Monday = 1, Sunday = 7.
export const daysOfWeekField: INodeProperties = {
	displayName: 'Days of Week',
	name: 'daysOfWeek',
	type: 'multiOptions',
	default: [1, 2, 3, 4, 5],
	description: 'Days on which the agent may call',
	options: [
		{ name: 'Friday', value: 5 },
		{ name: 'Monday', value: 1 },
		{ name: 'Saturday', value: 6 },
		{ name: 'Sunday', value: 7 },
		{ name: 'Thursday', value: 4 },
		{ name: 'Tuesday', value: 2 },
		{ name: 'Wednesday', value: 3 },
	],
};

export const callTimeRangesField: INodeProperties = {
	displayName: 'Calling Hours',
	name: 'callTimeRanges',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: { ranges: [{ start: '09:00', end: '17:00' }] },
	placeholder: 'Add Time Range',
	description: 'Time windows (in the campaign time zone) when calls may be made, e.g. 09:00–12:00 and 13:00–17:00. Calling outside legal hours is a compliance risk.',
	options: [
		{
			displayName: 'Range',
			name: 'ranges',
			values: [
				{ displayName: 'From', name: 'start', type: 'string', default: '09:00', placeholder: 'e.g. 09:00', description: '24-hour time, HH:MM' },
				{ displayName: 'To', name: 'end', type: 'string', default: '17:00', placeholder: 'e.g. 17:00', description: '24-hour time, HH:MM, later than From' },
			],
		},
	],
};

export const timezoneField: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timezone',
	type: 'string',
	default: 'America/New_York',
	placeholder: 'e.g. Europe/Berlin',
	description: 'IANA time zone name of the people being called (calling hours apply in this zone), e.g. America/New_York, Europe/London',
};

const hours = (displayName: string, name: string, description: string, dflt = 24): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 168 },
	default: dflt,
	description: `${description} From 1 to 168 hours (one week)`,
});

/** Optional campaign settings (create: Additional Fields; update: part of Update Fields). Sorted by display name. */
export const optionalCampaignFields: INodeProperties[] = [
	{
		displayName: 'Auto-Add to Do-Not-Call',
		name: 'auto_add_to_dnc_enabled',
		type: 'boolean',
		default: false,
		description: 'Whether numbers whose calls end with one of the trigger statuses or errors are added to the do-not-call list automatically',
	},
	{
		displayName: 'Auto-Complete',
		name: 'auto_complete',
		type: 'boolean',
		default: false,
		description: 'Whether the campaign completes itself once every contact has been called',
	},
	{
		displayName: 'Auto-DNC Trigger Errors',
		name: 'auto_dnc_trigger_errors',
		type: 'string',
		default: '',
		description: 'Comma-separated call errors that put a number on the do-not-call list (with Auto-Add to Do-Not-Call)',
	},
	{
		displayName: 'Auto-DNC Trigger Statuses',
		name: 'auto_dnc_trigger_statuses',
		type: 'string',
		default: '',
		description: 'Comma-separated call outcomes that put a number on the do-not-call list (with Auto-Add to Do-Not-Call)',
	},
	hours('Busy Cooldown (Hours)', 'busy_cooldown_hours', 'Wait before calling again after a busy line.'),
	{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Notes for your team about the campaign' },
	{
		displayName: 'Do-Not-Call Check',
		name: 'do_not_call_enabled',
		type: 'boolean',
		default: false,
		description: 'Whether numbers are checked against a do-not-call list before dialing (recommended)',
	},
	{
		displayName: 'Do-Not-Call Custom List',
		name: 'do_not_call_custom_list',
		type: 'string',
		default: '',
		placeholder: 'e.g. +12135550123, +442071838750',
		description: 'Numbers never to call, comma-separated, with country code (used when the list source is Custom)',
	},
	{
		displayName: 'Do-Not-Call List Source',
		name: 'do_not_call_list_source',
		type: 'options',
		default: 'environment',
		description: 'Which do-not-call list is checked',
		options: [
			{ name: 'Custom (Numbers Below)', value: 'custom' },
			{ name: 'Environment', value: 'environment' },
			{ name: 'Global', value: 'global' },
		],
	},
	{ displayName: 'End Date', name: 'end_date', type: 'dateTime', default: '', description: 'Last day of calling (optional)' },
	hours('Failed Cooldown (Hours)', 'failed_cooldown_hours', 'Wait before calling again after a failed call.'),
	{
		displayName: 'Initial Call Delay (Seconds)',
		name: 'initial_call_delay',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Seconds to wait after a contact is added before the first call',
	},
	{
		displayName: 'Max Retries',
		name: 'max_retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 3,
		description: 'How many times an unsuccessful call is retried, 0 to 10',
	},
	hours('No-Answer Cooldown (Hours)', 'no_answer_cooldown_hours', 'Wait before calling again after no answer.'),
	{
		displayName: 'Post-Completion Cooldown',
		name: 'enable_post_completion_cooldown',
		type: 'boolean',
		default: false,
		description: 'Whether a number that finished the campaign is not called again for the post-completion cooldown',
	},
	{
		displayName: 'Post-Completion Cooldown (Hours)',
		name: 'post_completion_cooldown_hours',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 168 },
		default: 168,
		description: 'How long a finished number is left alone, 1 to 168 hours (one week)',
	},
	hours('Retry Cooldown (Hours)', 'retry_cooldown_hours', 'Default wait between retries.'),
	{
		displayName: 'Retry on No Conversion',
		name: 'retry_on_no_conversion',
		type: 'boolean',
		default: false,
		description: 'Whether a call that connected but did not convert is retried',
	},
	hours('Success Cooldown (Hours)', 'success_cooldown_hours', 'Wait before calling a number again after a successful call.'),
	hours('Voicemail Cooldown (Hours)', 'voicemail_cooldown_hours', 'Wait before calling again after reaching voicemail.'),
];

// create-campaign docs: every cooldown in hours, post_completion_cooldown_hours included, is 1–168.
const HOUR_FIELDS = ['busy_cooldown_hours', 'failed_cooldown_hours', 'no_answer_cooldown_hours', 'post_completion_cooldown_hours', 'retry_cooldown_hours', 'success_cooldown_hours', 'voicemail_cooldown_hours'];
const BOOLEAN_FIELDS = ['auto_add_to_dnc_enabled', 'auto_complete', 'do_not_call_enabled', 'enable_post_completion_cooldown', 'retry_on_no_conversion'];

function label(name: string): string {
	const p = [...optionalCampaignFields, campaignTypeField, daysOfWeekField, callTimeRangesField, timezoneField].find((f) => f.name === name);
	return p ? p.displayName : name;
}

function splitList(value: unknown): string[] {
	return String(value ?? '')
		.split(/[,;\n]/)
		.map((s) => s.trim())
		.filter(Boolean);
}

export function checkTimezone(value: unknown): { ok: true; value: string } | { ok: false; problem: string; hint?: string } {
	const text = String(value ?? '').trim();
	let valid = text === 'UTC' || text.includes('/');
	if (valid) {
		try {
			new Intl.DateTimeFormat('en-US', { timeZone: text });
		} catch {
			valid = false;
		}
	}
	return valid
		? { ok: true, value: text }
		: { ok: false, problem: `is not a known IANA time zone (got "${text}")`, hint: 'Use a name like America/New_York, Europe/Berlin or Asia/Tokyo.' };
}

export function checkDays(ctx: IExecuteFunctions, i: number, value: unknown): number[] {
	const list = (Array.isArray(value) ? value : splitList(value)).map((d) => Number(d));
	if (!list.length) throw inputError(ctx, i, 'Days of Week', 'is empty', 'Pick at least one day.');
	for (const d of list) {
		if (!Number.isInteger(d) || d < 1 || d > 7) throw inputError(ctx, i, 'Days of Week', `has an unknown day "${d}"`, 'Days are 1 (Monday) to 7 (Sunday).');
	}
	return [...new Set(list)].sort((a, b) => a - b);
}

export function checkRanges(ctx: IExecuteFunctions, i: number, value: unknown): IDataObject[] {
	const rows = ((value as IDataObject)?.ranges ?? []) as IDataObject[];
	if (!rows.length) throw inputError(ctx, i, 'Calling Hours', 'is empty', 'Add at least one time range, e.g. 09:00 to 17:00.');
	return rows.map((r, k) => {
		const start = must(ctx, i, `Calling Hours range ${k + 1} From`, checkTimeOfDay(r.start, false));
		const end = must(ctx, i, `Calling Hours range ${k + 1} To`, checkTimeOfDay(r.end, false));
		if (end <= start) throw inputError(ctx, i, `Calling Hours range ${k + 1}`, `ends (${end}) before it starts (${start})`, 'A range must end later the same day.');
		return { start, end };
	});
}

/** Validates and converts the optional campaign fields (API names) into the request body. */
export function optionalCampaignBody(ctx: IExecuteFunctions, i: number, values: IDataObject, startDate?: string): IDataObject {
	const body: IDataObject = {};
	for (const [key, raw] of Object.entries(values)) {
		const field = label(key);
		if (HOUR_FIELDS.includes(key)) body[key] = must(ctx, i, field, checkIntegerRange(raw, 1, 168));
		else if (BOOLEAN_FIELDS.includes(key)) body[key] = raw === true || raw === 'true';
		else if (key === 'max_retries') body[key] = must(ctx, i, field, checkIntegerRange(raw, 0, 10));
		else if (key === 'initial_call_delay') body[key] = must(ctx, i, field, checkIntegerRange(raw, 0, 31_536_000));
		else if (key === 'description') body[key] = must(ctx, i, field, checkLength(raw, 0, 65_535));
		else if (key === 'end_date') {
			if (raw === '' || raw === null || raw === undefined) continue;
			const end = must(ctx, i, field, checkDate(raw));
			if (startDate && end < startDate) throw inputError(ctx, i, field, `(${end}) is before the Start Date (${startDate})`);
			body[key] = end;
		} else if (key === 'do_not_call_list_source') body[key] = must(ctx, i, field, checkEnum(raw, ['environment', 'global', 'custom'] as const));
		else if (key === 'do_not_call_custom_list') body[key] = splitList(raw).map((n) => must(ctx, i, field, normalizePhoneE164(n)));
		else if (key === 'auto_dnc_trigger_statuses' || key === 'auto_dnc_trigger_errors') body[key] = splitList(raw);
	}
	if (body.do_not_call_list_source === 'custom' && !(body.do_not_call_custom_list as string[] | undefined)?.length && values.do_not_call_custom_list !== undefined) {
		throw inputError(ctx, i, 'Do-Not-Call Custom List', 'is empty although the list source is Custom', 'Add the numbers never to call, or choose another list source.');
	}
	return body;
}
