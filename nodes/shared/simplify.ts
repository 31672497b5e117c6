import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** n8n's own wording for the Simplify switch (Azure Cosmos DB, AWS Cognito, …). */
export const SIMPLIFY_DESCRIPTION = 'Whether to return a simplified version of the response instead of the raw data';

/** n8n's UX guideline: a simplified item has at most this many fields. */
export const SIMPLIFIED_MAX_FIELDS = 10;

/** The listed fields of an item that are present, in the listed order (absent ones are left out, not set to null). */
export function pickFields(item: IDataObject, keys: readonly string[]): IDataObject {
	const out: IDataObject = {};
	for (const key of keys) if (item[key] !== undefined) out[key] = item[key];
	return out;
}

/**
 * The Simplify switch of an operation (resourceDescription adds the resource/operation conditions). With
 * `onFromVersion`, nodes older than that version keep their raw output by default (saved workflows do not change);
 * nodes of that version and newer simplify by default.
 */
export function simplifyOption(onFromVersion?: number): INodeProperties[] {
	const base: INodeProperties = { displayName: 'Simplify', name: 'simplify', type: 'boolean', default: true, description: SIMPLIFY_DESCRIPTION };
	if (onFromVersion === undefined) return [base];
	return [
		{ ...base, default: false, displayOptions: { show: { '@version': [{ _cnd: { lt: onFromVersion } }] } } },
		{ ...base, displayOptions: { show: { '@version': [{ _cnd: { gte: onFromVersion } }] } } },
	];
}
