import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeProperties,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkIntegerRange, inputError, must } from './validation';

/** "Return All" + "Limit", as every n8n list operation has them (resourceDescription shows them for their operation). */
export function returnAllAndLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

const COLLECTIONS = {
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
	options: { displayName: 'Options', placeholder: 'Add Option' },
	updateFields: { displayName: 'Update Fields', placeholder: 'Add Field' },
};

/** The head of a standard collection (Filters, Options, Additional / Update Fields); the caller adds its `options`. */
export function collection(name: keyof typeof COLLECTIONS): INodeProperties {
	return { ...COLLECTIONS[name], name, type: 'collection', default: {}, options: [] };
}

/** A required text field (an ID, a phone number…). */
export function requiredText(displayName: string, name: string, placeholder: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', default: '', required: true, placeholder, description };
}

/** The item's Limit; undefined = Return All. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	return must(ctx, itemIndex, 'Limit', checkIntegerRange(ctx.getNodeParameter('limit', itemIndex, 50), 1, 10_000_000));
}

export interface LocatorSpec {
	displayName: string;
	name: string;
	searchListMethod: string;
	description: string;
	placeholder: string;
	idPattern?: { regex: string; errorMessage: string };
}

/** A resource locator with "From List" (searchable) and "By ID" modes. */
export function resourceLocator(o: LocatorSpec): INodeProperties {
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

/** The Campaign locator of every vendor (list search method `searchCampaigns`); vendors differ in name and ID form. */
export function campaignLocator(o: Omit<LocatorSpec, 'displayName' | 'searchListMethod'>): INodeProperties {
	return resourceLocator({ ...o, displayName: 'Campaign', searchListMethod: 'searchCampaigns' });
}

type ParameterContext = IExecuteFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

/**
 * A resource locator's value (or a plain string from an expression or an older workflow), trimmed; empty is
 * refused before any request. Actions pass the item index; triggers pass `undefined` (their parameters are per node).
 */
export function readLocatorValue(ctx: ParameterContext, itemIndex: number | undefined, name: string, field: string, hint?: string): string {
	const raw = (
		itemIndex === undefined
			? (ctx as IPollFunctions).getNodeParameter(name, '', { extractValue: true })
			: (ctx as IExecuteFunctions).getNodeParameter(name, itemIndex, '', { extractValue: true })
	) as unknown;
	const value = raw && typeof raw === 'object' ? (raw as IDataObject).value : raw;
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (!text) {
		const help = hint ?? `Pick a ${field.toLowerCase()} from the list or paste its ID.`;
		if (itemIndex === undefined) throw new NodeOperationError(ctx.getNode(), `${field} is empty`, { description: help });
		throw inputError(ctx as IExecuteFunctions, itemIndex, field, 'is empty', help);
	}
	return text;
}

/**
 * A list read that cannot prove it got everything says so where a user looks: a warning hint on the node's output
 * and `incompleteRead` (the reason) on each item of that read, so a workflow can branch on it.
 */
export function markIncomplete(
	ctx: IExecuteFunctions,
	itemIndex: number,
	what: string,
	items: IDataObject[],
	reason: string,
	advice = 'Run it again.',
): IDataObject[] {
	const message = `Item ${itemIndex + 1}: ${what} may be incomplete (${items.length} read): ${reason}. ${advice}`;
	if (typeof ctx.addExecutionHints === 'function') ctx.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
	return items.map((item) => ({ ...item, incompleteRead: message }));
}
