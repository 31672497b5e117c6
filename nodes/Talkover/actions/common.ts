import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationChoice, OperationSelector, RequestPacer } from '../../shared';
import { campaignLocator as sharedCampaignLocator, checkDate, inputError, markIncomplete, must, normalizePhoneE164, readDefaultCountry, resourceLocator } from '../../shared';
import { listAllChecked } from '../transport';

export { markIncomplete, readLimit, readLocatorValue, returnAllAndLimit, runPerItem } from '../../shared';

/**
 * Node version 1 called "Get Many" `getAll`; version 2 calls it `getMany` like the other nodes. Saved version-1
 * workflows keep their value and run the same module.
 */
export const V1_OPERATIONS: Record<string, string[]> = { getMany: ['getAll'] };

const v1Value = (value: string) => V1_OPERATIONS[value]?.[0] ?? value;

/** The Operation selector per node version: version 1 shows the old values, version 2 and later the current ones. */
export function operationSelectors(defaultValue: string, options: OperationChoice[]): OperationSelector[] {
	return [
		{
			default: v1Value(defaultValue),
			options: options.map((o) => ({ ...o, value: v1Value(o.value) })),
			displayOptions: { show: { '@version': [1] } },
		},
		{ default: defaultValue, options, displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } } },
	];
}

const camelCase = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A collection whose option names are Talkover's API names (snake_case): version 1 keeps them, version 2 names
 * them in camelCase like every other n8n parameter. Read the values with apiNames, whichever version saved them.
 */
export function byVersion(property: INodeProperties): INodeProperties[] {
	const options = (property.options ?? []) as INodeProperties[];
	return [
		{ ...property, displayOptions: { show: { '@version': [1] } } },
		{
			...property,
			options: options.map((o) => ({ ...o, name: camelCase(o.name) })),
			displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
		},
	];
}

/** A byVersion collection's values under Talkover's API names (snake_case). */
export function apiNames(values: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(values).map(([name, value]) => [snakeCase(name), value]));
}

/** Filter values as Talkover's query: empty values left out, Created From / To checked as dates. */
export function filterQuery(ctx: IExecuteFunctions, itemIndex: number, filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(apiNames(filters))) {
		if (value === '' || value === undefined || value === null) continue;
		if (key === 'date_from') qs[key] = must(ctx, itemIndex, 'Created From', checkDate(value));
		else if (key === 'date_to') qs[key] = must(ctx, itemIndex, 'Created To', checkDate(value));
		else qs[key] = value;
	}
	return qs;
}

/** A whole list, or up to the limit; a read that cannot be proven complete says so on its items (markIncomplete). */
export async function readList(
	ctx: IExecuteFunctions,
	path: string,
	qs: IDataObject,
	o: { limit: number | undefined; action: string; what: string; itemIndex: number; gate: RequestPacer; map?: (item: IDataObject) => IDataObject },
): Promise<IDataObject[]> {
	const read = await listAllChecked(ctx, path, qs, { limit: o.limit, action: o.action, itemIndex: o.itemIndex, gate: o.gate });
	const items = o.map ? read.items.map(o.map) : read.items;
	return read.incomplete ? markIncomplete(ctx, o.itemIndex, o.what, items, read.incomplete) : items;
}

/** The Direction filter of agents and calls (action node and Calls Trigger). */
export const directionFilter: INodeProperties = {
	displayName: 'Direction',
	name: 'direction',
	type: 'options',
	default: 'outbound',
	options: [
		{ name: 'Inbound', value: 'inbound' },
		{ name: 'Outbound', value: 'outbound' },
	],
};

export function campaignLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		...sharedCampaignLocator({
			name: 'campaignId',
			description: 'The campaign, picked from the list or given by its ID',
			placeholder: 'e.g. 3f1c9a52-7d1e-4c3b-9a0e-2b8f4d6c1e77',
		}),
		...overrides,
	};
}

export function agentLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		...resourceLocator({
			displayName: 'Agent',
			name: 'agentId',
			searchListMethod: 'searchAgents',
			description: 'The Talkover voice agent, picked from the list or given by its ID',
			placeholder: 'e.g. 9b2d4e6f-1a3c-4e5b-8d7f-0a1b2c3d4e5f',
		}),
		...overrides,
	};
}

export function keyValueCollection(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Value',
		description,
		options: [
			{
				displayName: 'Value',
				name: 'values',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

/** Turns `{ values: [{name, value}] }` into an object; blank names are a mistake worth naming. */
export function keyValues(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
): IDataObject | undefined {
	const raw = ctx.getNodeParameter(parameter, itemIndex, {}) as IDataObject;
	const rows = (raw.values ?? []) as IDataObject[];
	if (!rows.length) return undefined;
	const out: IDataObject = {};
	rows.forEach((row, k) => {
		const key = String(row.name ?? '').trim();
		if (!key) throw inputError(ctx, itemIndex, field, `row ${k + 1} has no name`, 'Give every value a name, or remove the empty row.');
		out[key] = row.value as IDataObject[keyof IDataObject];
	});
	return out;
}

/** The call of Agent → Make Call and Campaign Call → Add: number, prompt variables (payload), context, testing flag. */
export function callBody(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): IDataObject {
	const phoneNumber = ctx.getNodeParameter('phoneNumber', itemIndex, '');
	const body: IDataObject = { to: must(ctx, itemIndex, 'Phone Number', normalizePhoneE164(phoneNumber, readDefaultCountry(ctx, itemIndex))) };
	const payload = keyValues(ctx, itemIndex, 'promptVariables', 'Prompt Variables');
	const context = keyValues(ctx, itemIndex, 'context', 'Context');
	if (payload) body.payload = payload;
	if (context) body.context = context;
	if (options.isTesting) body.is_testing = true;
	return body;
}
