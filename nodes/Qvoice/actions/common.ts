import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../shared';

export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

export function show(resource: string, operation: string): IDisplayOptions {
	return { show: { resource: [resource], operation: [operation] } };
}

export function campaignLocator(displayOptions: IDisplayOptions, description = 'The campaign to use'): INodeProperties {
	return {
		displayName: 'Campaign',
		name: 'campaign',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions,
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
				placeholder: '210ea5d942f41744f1ef37e84a4965e0',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[A-Za-z0-9_-]+$', errorMessage: 'A campaign ID has only letters, digits, - and _' },
					},
				],
			},
		],
	};
}

/** Reads a campaign resource locator (or a plain string from older workflows / expressions). */
export function getCampaignId(ctx: IExecuteFunctions, itemIndex: number, name = 'campaign'): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = String((raw && typeof raw === 'object' ? (raw as IDataObject).value : raw) ?? '').trim();
	if (!value) throw inputError(ctx, itemIndex, 'Campaign', 'is empty', 'Pick a campaign from the list or paste its ID.');
	if (!/^[A-Za-z0-9_-]+$/.test(value)) {
		throw inputError(ctx, itemIndex, 'Campaign', `"${value}" is not a campaign ID`, 'A campaign ID looks like 210ea5d942f41744f1ef37e84a4965e0.');
	}
	return value;
}

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
			displayOptions: { show: { ...(displayOptions.show ?? {}), returnAll: [false] } },
		},
	];
}

/** undefined = everything. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = Number(ctx.getNodeParameter('limit', itemIndex, 50));
	if (!Number.isInteger(limit) || limit < 1) throw inputError(ctx, itemIndex, 'Limit', 'must be a whole number of 1 or more');
	return limit;
}

export function requiredId(ctx: IExecuteFunctions, itemIndex: number, name: string, field: string, example: string): string {
	const value = String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) throw inputError(ctx, itemIndex, field, 'is empty', `Give the ${field}, e.g. ${example}.`);
	if (/[\s/?#]/.test(value)) throw inputError(ctx, itemIndex, field, `"${value}" is not a valid ID`, `An ID has no spaces or slashes, e.g. ${example}.`);
	return value;
}

/** A date-time picker value, ISO text, Unix seconds or milliseconds, or a Luxon/JS date → Unix seconds (NaN if unreadable). */
export function toUnixSeconds(value: unknown): number {
	if (value === undefined || value === null || value === '') return NaN;
	if (value instanceof Date) return Math.floor(value.getTime() / 1000);
	if (typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		return Math.floor((value as { toMillis: () => number }).toMillis() / 1000);
	}
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) {
		const n = Number(text);
		return Math.floor(n > 1e11 ? n / 1000 : n);
	}
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? NaN : Math.floor(ms / 1000);
}
