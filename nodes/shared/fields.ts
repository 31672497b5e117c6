import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecuteOptions } from './executor';
import { checkIntegerRange, COUNTRY_DIALING, inputError, must } from './validation';

export interface ThroughputDefaults {
	vendor: string;
	/** Default ceiling: the executor starts at INITIAL_CONCURRENCY (4) or lower and grows up to this. */
	concurrency: number;
	/** Highest ceiling a user may set. */
	maxConcurrency: number;
	/** 0 = no pacing of the user's own (the node still slows down on 429 and on the vendor's rate-limit headers). */
	maxPerMinute: number;
	/** Replaces the generic "Max Requests per Minute" description (Talkover: the credential's plan sets the budget). */
	maxPerMinuteDescription?: string;
}

/*
 * Per-vendor defaults. None of the three vendors documents a concurrency limit (vendor-apis.md §1–3), so each
 * default ceiling is the most a run needs to reach the vendor's floor without provoking refusals; the AIMD start
 * (4) and its back-off on 429 / slower answers keep the first requests gentle either way.
 */

/**
 * QVOICE documents no rate limit ("Rate limits: unknown"); fonoUC portals measured in issue 14 cap 10 requests in
 * flight, so a ceiling of 10 reaches that cap and never goes past it. No pacing.
 */
export const QVOICE_THROUGHPUT: ThroughputDefaults = { vendor: 'QVOICE', concurrency: 10, maxConcurrency: 20, maxPerMinute: 0 };

/**
 * Talkdesk documents no limit for the Campaign and List APIs (the only stated one, 2 requests per second, belongs to
 * the Express provisioning API): 5 at a time, and a bulk carries up to 100 records, so 500 records per round trip.
 */
export const TALKDESK_THROUGHPUT: ThroughputDefaults = { vendor: 'Talkdesk', concurrency: 5, maxConcurrency: 10, maxPerMinute: 0 };

/**
 * Talkover documents a per-minute budget (Standard 100, Professional 1,000), not a concurrency limit: the credential's
 * plan and the rate-limit headers pace the run, and 5 at a time already sends a minute's budget in well under a
 * second; more in flight would only mean more 429s when the real budget is smaller than the plan says.
 */
export const TALKOVER_THROUGHPUT: ThroughputDefaults = {
	vendor: 'Talkover',
	concurrency: 5,
	maxConcurrency: 20,
	maxPerMinute: 0,
	maxPerMinuteDescription:
		'0 (default) follows the plan set in the Talkover credential (Standard 100, Professional 1,000 per minute) and the limits Talkover reports in its answers: up to the budget at once, then the rest each minute. A number spreads the requests evenly at that rate instead of the plan, e.g. to leave room for other workflows. If Talkover still answers "rate limit exceeded", the node waits and carries on — no contact is lost or added twice.',
};

/** "Concurrency" and "Max Requests per Minute" for operations that send one request per item or per batch. */
export function throughputOptions(defaults: ThroughputDefaults): INodeProperties[] {
	const concurrency: INodeProperties = {
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: defaults.maxConcurrency },
		default: 1,
		description: `Maximum requests at the same time (1–${defaults.maxConcurrency}); the node starts lower and adapts: it begins with up to 4, adds more while ${defaults.vendor} answers quickly and backs off when it slows down or answers "too many requests". Results keep the input order either way.`,
	};
	const maxPerMinute: INodeProperties = {
		displayName: 'Max Requests per Minute',
		name: 'maxPerMinute',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			defaults.maxPerMinuteDescription ??
			`Spread requests so no more than this many start per minute; 0 means no pacing. Either way the node waits and slows down by itself when ${defaults.vendor} answers "too many requests", so no item is lost.`,
	};
	// The literal defaults above satisfy n8n's lint (it wants a literal); each vendor's own replace them here.
	return [
		{ ...concurrency, default: defaults.concurrency },
		{ ...maxPerMinute, default: defaults.maxPerMinute },
	];
}

/** The "Options" collection of an operation that sends many requests: the throughput options plus `extra`, sorted by name (n8n lint). */
export function throughputCollection(
	defaults: ThroughputDefaults,
	displayOptions: IDisplayOptions | undefined,
	extra: INodeProperties[] = [],
): INodeProperties {
	const options = [...throughputOptions(defaults), ...extra].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, displayOptions, options };
}

/** Reads the throughput options from an options collection (run-wide: first item's values). */
export function readThroughputOptions(
	ctx: IExecuteFunctions,
	defaults: ThroughputDefaults,
	collection = 'options',
): ExecuteOptions {
	const o = ctx.getNodeParameter(collection, 0, {}) as IDataObject;
	return {
		concurrency: must(ctx, 0, 'Concurrency', checkIntegerRange(o.concurrency ?? defaults.concurrency, 1, defaults.maxConcurrency)),
		maxPerMinute: must(ctx, 0, 'Max Requests per Minute', checkIntegerRange(o.maxPerMinute ?? defaults.maxPerMinute, 0, 1_000_000)),
	};
}

/**
 * "Default Country" (an Options entry of every operation that takes a phone number): whose national numbers to
 * accept when a number has no + or 00. Empty (the default) refuses such numbers.
 */
export function defaultCountryOption(): INodeProperties {
	const countries = Object.entries(COUNTRY_DIALING)
		.map(([code, c]) => ({ name: `${c.name} (+${c.callingCode})`, value: code }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return {
		displayName: 'Default Country',
		name: 'defaultCountry',
		type: 'options',
		default: '',
		options: [{ name: 'None (Numbers Need a Country Code)', value: '' }, ...countries].sort((a, b) => a.name.localeCompare(b.name)),
		description:
			'Country of phone numbers written without + or 00, e.g. 020 7946 0958 with United Kingdom becomes +442079460958 (its calling code added, its leading trunk 0 removed). With None, such numbers are refused.',
	};
}

/** The options collection with Default Country added (options stay sorted by name, as n8n's lint wants). */
export function withDefaultCountry(collection: INodeProperties): INodeProperties {
	const options = [...((collection.options ?? []) as INodeProperties[]), defaultCountryOption()];
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return { ...collection, options };
}

/** The item's Default Country (an ISO code of COUNTRY_DIALING), or undefined for none. */
export function readDefaultCountry(ctx: IExecuteFunctions, itemIndex: number, collection = 'options'): string | undefined {
	const options = ctx.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	const code = String(options.defaultCountry ?? '').trim().toUpperCase();
	if (!code) return undefined;
	if (!COUNTRY_DIALING[code]) {
		throw inputError(ctx, itemIndex, 'Default Country', `"${code}" is not one of the countries the node knows`, `Use one of ${Object.keys(COUNTRY_DIALING).join(', ')}.`);
	}
	return code;
}
