import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ExecuteOptions, PerItemOperation } from '../../shared';
import { executePerItem, inputError } from '../../shared';

export type Show = NonNullable<IDisplayOptions['show']>;

/** executePerItem with the prepared type inferred (`.call` would erase the generic). */
export async function runPerItem<P>(
	ctx: IExecuteFunctions,
	operation: PerItemOperation<P>,
	options?: ExecuteOptions,
): Promise<INodeExecutionData[]> {
	const typed: (this: IExecuteFunctions, op: PerItemOperation<P>, o?: ExecuteOptions) => Promise<INodeExecutionData[]> = executePerItem;
	return await typed.call(ctx, operation, options);
}

export function campaignLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Campaign',
		name: 'campaignId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The campaign, picked from the list or given by its ID',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCampaigns', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 3f1c9a52-7d1e-4c3b-9a0e-2b8f4d6c1e77',
			},
		],
		...overrides,
	};
}

export function agentLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Agent',
		name: 'agentId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Talkover voice agent, picked from the list or given by its ID',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchAgents', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 9b2d4e6f-1a3c-4e5b-8d7f-0a1b2c3d4e5f',
			},
		],
		...overrides,
	};
}

/** Reads a resource locator (or a plain string) and refuses an empty value before any request. */
export function locatorValue(ctx: IExecuteFunctions, itemIndex: number, name: string, field: string): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = (raw && typeof raw === 'object' ? (raw as IDataObject).value : raw) as unknown;
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (!text) throw inputError(ctx, itemIndex, field, 'is empty', `Pick a ${field.toLowerCase()} from the list or paste its ID.`);
	return text;
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

export const returnAllAndLimit = (show: Show): INodeProperties[] => [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
];
