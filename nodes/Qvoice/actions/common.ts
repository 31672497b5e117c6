import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { campaignLocator as sharedCampaignLocator, inputError, markIncomplete as sharedMarkIncomplete, readLocatorValue } from '../../shared';

export { readLimit, returnAllAndLimit } from '../../shared';

const CAMPAIGN_ID = /^[A-Za-z0-9_-]+$/;

export function campaignLocator(description = 'The campaign to use'): INodeProperties {
	return sharedCampaignLocator({
		name: 'campaign',
		description,
		placeholder: '210ea5d942f41744f1ef37e84a4965e0',
		idPattern: { regex: '^[A-Za-z0-9_-]+$', errorMessage: 'A campaign ID has only letters, digits, - and _' },
	});
}

/** Reads a campaign resource locator (or a plain string from older workflows / expressions). */
export function getCampaignId(ctx: IExecuteFunctions, itemIndex: number, name = 'campaign'): string {
	const value = readLocatorValue(ctx, itemIndex, name, 'Campaign');
	if (!CAMPAIGN_ID.test(value)) {
		throw inputError(ctx, itemIndex, 'Campaign', `"${value}" is not a campaign ID`, 'A campaign ID looks like 210ea5d942f41744f1ef37e84a4965e0.');
	}
	return value;
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

/** A Return All that cannot prove it read everything (see the shared markIncomplete); QVOICE reads can be narrowed. */
export function markIncomplete(ctx: IExecuteFunctions, itemIndex: number, what: string, items: IDataObject[], reason: string): IDataObject[] {
	return sharedMarkIncomplete(ctx, itemIndex, what, items, reason, 'Run it again, or narrow the request.');
}
