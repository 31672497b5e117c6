import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecuteOptions } from './executor';
import { checkIntegerRange, COUNTRY_DIALING, inputError, must } from './validation';

export interface ThroughputDefaults {
	vendor: string;
	concurrency: number;
	maxConcurrency: number;
	/** 0 = no pacing (the node still slows down on 429). */
	maxPerMinute: number;
}

/** "Concurrency" and "Max Requests per Minute" for operations that send one request per item or per batch. */
export function throughputOptions(defaults: ThroughputDefaults): INodeProperties[] {
	const concurrency: INodeProperties = {
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: defaults.maxConcurrency },
		default: 1,
		description: `Most requests at the same time (1–${defaults.maxConcurrency}). The node starts with up to 4, adds more while ${defaults.vendor} answers quickly and backs off when it slows down or answers "too many requests". Results keep the input order either way.`,
	};
	const maxPerMinute: INodeProperties = {
		displayName: 'Max Requests per Minute',
		name: 'maxPerMinute',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: `Spread requests so no more than this many start per minute; 0 means no pacing. Either way the node waits and slows down by itself when ${defaults.vendor} answers "too many requests", so no item is lost.`,
	};
	// Each vendor has its own sensible defaults.
	return [
		{ ...concurrency, default: defaults.concurrency },
		{ ...maxPerMinute, default: defaults.maxPerMinute },
	];
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
