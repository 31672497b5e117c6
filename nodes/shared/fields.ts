import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecuteOptions } from './executor';
import { checkIntegerRange, COUNTRY_DIALING, inputError, must } from './validation';

/** "Return All" + "Limit", as every n8n list operation has them. */
export function returnAllAndLimit(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { ...displayOptions, show: { ...(displayOptions.show ?? {}), returnAll: [false] } },
		},
	];
}

/** undefined = Return All. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	return must(ctx, itemIndex, 'Limit', checkIntegerRange(ctx.getNodeParameter('limit', itemIndex, 50), 1, 10_000_000));
}

/** A resource locator with "From List" (searchable) and "By ID" modes. */
export function resourceLocator(o: {
	displayName: string;
	name: string;
	searchListMethod: string;
	description: string;
	placeholder: string;
	idPattern?: { regex: string; errorMessage: string };
}): INodeProperties {
	return {
		displayName: o.displayName,
		name: o.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: o.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: o.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: o.placeholder,
				...(o.idPattern ? { validation: [{ type: 'regex', properties: o.idPattern }] } : {}),
			},
		],
	};
}

/** A resource locator's value (or a plain string from an expression), trimmed; empty is refused before any request. */
export function readLocatorValue(ctx: IExecuteFunctions, itemIndex: number, name: string, field: string): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = raw && typeof raw === 'object' ? (raw as IDataObject).value : raw;
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (!text) throw inputError(ctx, itemIndex, field, 'is empty', `Pick a ${field.toLowerCase()} from the list or paste its ID.`);
	return text;
}

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
