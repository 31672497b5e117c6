import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A bad-input error naming the item (1-based, as users count) and the field, raised before any request. */
export function inputError(
	node: INode | IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	hint?: string,
): NodeOperationError {
	const n = 'getNode' in node ? node.getNode() : node;
	return new NodeOperationError(n, `Item ${itemIndex + 1}: ${field} ${problem}`, {
		itemIndex,
		description: hint,
	});
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; problem: string; hint?: string };

/** A country's calling code and the trunk prefix dialled before national numbers inside it ('' = none). */
export interface CountryDialing {
	name: string;
	callingCode: string;
	trunkPrefix: string;
}

/**
 * Countries a Default Country can name (ISO 3166 alpha-2 → dialling). Trunk prefixes per ITU-T E.164 national
 * numbering plans: in NANP (US, CA) a national number may be written with its leading 1; Spain, Italy, Portugal,
 * Mexico and Poland have none (Italy keeps its leading 0 in the international form).
 */
export const COUNTRY_DIALING: Readonly<Record<string, CountryDialing>> = {
	AT: { name: 'Austria', callingCode: '43', trunkPrefix: '0' },
	AU: { name: 'Australia', callingCode: '61', trunkPrefix: '0' },
	BE: { name: 'Belgium', callingCode: '32', trunkPrefix: '0' },
	BR: { name: 'Brazil', callingCode: '55', trunkPrefix: '0' },
	CA: { name: 'Canada', callingCode: '1', trunkPrefix: '1' },
	CH: { name: 'Switzerland', callingCode: '41', trunkPrefix: '0' },
	DE: { name: 'Germany', callingCode: '49', trunkPrefix: '0' },
	ES: { name: 'Spain', callingCode: '34', trunkPrefix: '' },
	FR: { name: 'France', callingCode: '33', trunkPrefix: '0' },
	GB: { name: 'United Kingdom', callingCode: '44', trunkPrefix: '0' },
	IE: { name: 'Ireland', callingCode: '353', trunkPrefix: '0' },
	IN: { name: 'India', callingCode: '91', trunkPrefix: '0' },
	IT: { name: 'Italy', callingCode: '39', trunkPrefix: '' },
	MX: { name: 'Mexico', callingCode: '52', trunkPrefix: '' },
	NL: { name: 'Netherlands', callingCode: '31', trunkPrefix: '0' },
	NZ: { name: 'New Zealand', callingCode: '64', trunkPrefix: '0' },
	PL: { name: 'Poland', callingCode: '48', trunkPrefix: '' },
	PT: { name: 'Portugal', callingCode: '351', trunkPrefix: '' },
	SE: { name: 'Sweden', callingCode: '46', trunkPrefix: '0' },
	US: { name: 'United States', callingCode: '1', trunkPrefix: '1' },
	ZA: { name: 'South Africa', callingCode: '27', trunkPrefix: '0' },
};

/**
 * Lenient E.164: strips spaces, dashes, dots and brackets and turns a leading 00 into +. A number without + or 00
 * is national: it is refused unless `defaultCountry` (an ISO code of COUNTRY_DIALING) says whose, and then it gets
 * that country's calling code, minus one leading trunk prefix. A country code is never guessed.
 * Returns the normalised number or why not.
 */
export function normalizePhoneE164(raw: unknown, defaultCountry?: string): ValidationResult<string> {
	if (typeof raw === 'number') raw = String(raw);
	if (typeof raw !== 'string' || raw.trim() === '') {
		return { ok: false, problem: 'is empty', hint: 'Give the number in international format, e.g. +12135550123.' };
	}
	const original = raw.trim();
	if (/[a-z]/i.test(original.replace(/^tel:/i, ''))) {
		return { ok: false, problem: `"${original}" contains letters`, hint: 'Only digits, spaces, dashes, dots, brackets and a leading + are accepted.' };
	}
	let text = original.replace(/^tel:/i, '');
	if (/\(\s*0\s*\)/.test(text)) {
		// "+44 (0)20 …": the (0) is dialled only from inside the country; keeping it would call another number.
		return { ok: false, problem: `"${original}" has a "(0)" in it`, hint: 'Leave out the (0) after the country code, e.g. +44 20 7946 0958.' };
	}
	if (/[^\d\s\-().+/]/.test(text)) {
		return { ok: false, problem: `"${original}" contains characters a phone number cannot have` };
	}
	if (text.indexOf('+') > 0 || (text.match(/\+/g) ?? []).length > 1) {
		return { ok: false, problem: `"${original}" has a + that is not at the start` };
	}
	text = text.replace(/[\s\-()./]/g, '');
	if (text.startsWith('00')) text = `+${text.slice(2)}`;
	if (!text.startsWith('+')) {
		const country = defaultCountry ? COUNTRY_DIALING[defaultCountry.toUpperCase()] : undefined;
		if (!country) {
			return {
				ok: false,
				problem: `"${original}" has no country code`,
				hint: 'Write the number with its country code (+ or 00), e.g. +12135550123, or set Default Country under Options to read national numbers; the node never guesses a country.',
			};
		}
		const national = country.trunkPrefix && text.startsWith(country.trunkPrefix) ? text.slice(country.trunkPrefix.length) : text;
		if (!/^[1-9]\d{3,}$/.test(national) && !(country.trunkPrefix === '' && /^0\d{3,}$/.test(national))) {
			return {
				ok: false,
				problem: `"${original}" is not a possible ${country.name} number`,
				hint: `Give the national number as dialled in ${country.name}, or the full number with its country code, e.g. +${country.callingCode}….`,
			};
		}
		text = `+${country.callingCode}${national}`;
	}
	if (!/^\+[1-9]\d{6,14}$/.test(text)) {
		return {
			ok: false,
			problem: `"${original}" is not a possible phone number`,
			hint: 'An E.164 number is + then 7 to 15 digits, the first not 0, e.g. +12135550123.',
		};
	}
	return { ok: true, value: text };
}

export function checkIntegerRange(value: unknown, min: number, max: number): ValidationResult<number> {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isFinite(n) || !Number.isInteger(n)) {
		return { ok: false, problem: `must be a whole number from ${min} to ${max} (got "${String(value)}")` };
	}
	if (n < min || n > max) return { ok: false, problem: `must be from ${min} to ${max} (got ${n})` };
	return { ok: true, value: n };
}

export function checkLength(value: unknown, min: number, max: number): ValidationResult<string> {
	const text = value === undefined || value === null ? '' : String(value);
	const length = [...text].length;
	if (length < min || length > max) {
		return {
			ok: false,
			problem:
				min === max
					? `must be exactly ${min} characters (got ${length})`
					: `must be ${min} to ${max} characters long (got ${length})`,
		};
	}
	return { ok: true, value: text };
}

export function checkEnum<T extends string>(value: unknown, allowed: readonly T[]): ValidationResult<T> {
	const text = String(value ?? '');
	const hit = allowed.find((a) => a.toLowerCase() === text.toLowerCase());
	if (!hit) return { ok: false, problem: `must be one of ${allowed.join(', ')} (got "${text}")` };
	return { ok: true, value: hit };
}

/** A calendar date as YYYY-MM-DD (accepts a full ISO date-time and keeps its date part). */
export function checkDate(value: unknown): ValidationResult<string> {
	const text = String(value ?? '').trim();
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
	if (!m) return { ok: false, problem: `must be a date like 2026-12-31 (got "${text}")` };
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
		return { ok: false, problem: `is not a real calendar date (got "${text}")` };
	}
	return { ok: true, value: `${m[1]}-${m[2]}-${m[3]}` };
}

/** Time of day as HH:MM or HH:MM:SS (24 h). */
export function checkTimeOfDay(value: unknown, withSeconds: boolean): ValidationResult<string> {
	const text = String(value ?? '').trim();
	const m = /^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(text);
	if (!m) return { ok: false, problem: `must be a time like ${withSeconds ? '09:00:00' : '09:00'} (got "${text}")` };
	const hh = m[1].padStart(2, '0');
	return { ok: true, value: withSeconds ? `${hh}:${m[2]}:${m[3] ?? '00'}` : `${hh}:${m[2]}` };
}

/** Unwraps a check or throws the item/field error. */
export function must<T>(
	ctx: IExecuteFunctions | INode,
	itemIndex: number,
	field: string,
	result: ValidationResult<T>,
): T {
	if (result.ok) return result.value;
	throw inputError(ctx, itemIndex, field, result.problem, result.hint);
}
