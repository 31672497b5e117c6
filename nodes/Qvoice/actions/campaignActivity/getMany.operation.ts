import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkIntegerRange, collection, executePerItem, inputError, must } from '../../../shared';
import type { HistoryWindow } from '../../transport';
import { getPortal, readActivity } from '../../transport';
import { markIncomplete, readLimit, returnAllAndLimit, toUnixSeconds } from '../common';

export const description: INodeProperties[] = [
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Beginning of the time window (activity at or after this moment)',
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		default: '',
		description: 'End of the time window. Leave empty for "now".',
	},
	...returnAllAndLimit(),
	{
		...collection('options'),
		options: [
			{
				displayName: 'Campaign Name',
				name: 'campaignName',
				type: 'string',
				default: '',
				description: 'Only activity of the campaign with exactly this name (the report names campaigns, it has no campaign ID)',
			},
			{
				displayName: 'One Item per Lead-History Event',
				name: 'splitEvents',
				type: 'boolean',
				default: false,
				description: 'Whether to output one item per event in "lead_history" (with the call fields attached) instead of one item per record',
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 5000 },
				default: 1000,
				description: 'How many records to ask the portal for per request',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: false,
				description: 'Whether to return a simplified version of the response instead of the raw data (each lead-history event without the full agent profile: event, type, extension, uuid and time)',
			},
			{
				displayName: 'Time Unit Sent',
				name: 'unit',
				type: 'options',
				default: 'seconds',
				description: 'Unit of the Unix times sent to the portal. The API docs mix both; change it only if results look wrong.',
				options: [
					{ name: 'Milliseconds', value: 'milliseconds' },
					{ name: 'Seconds', value: 'seconds' },
				],
			},
		],
	},
];

interface ActivityQuery {
	window: HistoryWindow;
	limit: number | undefined;
	split: boolean;
	simplify: boolean;
	campaignName: string;
}

/** The record without the agents' full profiles, which make up most of its size. */
export function simplifyRecord(record: IDataObject): IDataObject {
	const events = Array.isArray(record.lead_history) ? (record.lead_history as IDataObject[]) : [];
	return {
		...record,
		lead_history: events.map((e) => {
			const agent = (e.agent ?? {}) as IDataObject;
			return {
				event: e.event,
				type: e.type,
				ext: e.ext,
				uuid: e.uuid,
				last_attempt: e.last_attempt,
				agent_status: agent.status,
			};
		}),
	};
}

/** One item per lead-history event, with the record's call fields attached. */
export function splitRecord(record: IDataObject): IDataObject[] {
	const { lead_history: events, ...call } = record;
	const list = Array.isArray(events) ? (events as IDataObject[]) : [];
	if (!list.length) return [{ ...call }];
	return list.map((event) => {
		const { agent, ...rest } = event;
		return { ...call, ...rest, event_agent: agent };
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await (executePerItem<ActivityQuery>).call(this, {
		prepare(i) {
			const startRaw = this.getNodeParameter('start', i, '');
			const endRaw = this.getNodeParameter('end', i, '');
			const startSec = toUnixSeconds(startRaw);
			if (Number.isNaN(startSec)) {
				throw inputError(this, i, 'Start', startRaw === '' ? 'is empty' : `"${String(startRaw)}" is not a date and time`, 'Pick a date and time, e.g. 2026-11-23T08:00:00.');
			}
			const endSec = endRaw === '' || endRaw === undefined ? Math.floor(Date.now() / 1000) : toUnixSeconds(endRaw);
			if (Number.isNaN(endSec)) throw inputError(this, i, 'End', `"${String(endRaw)}" is not a date and time`);
			if (endSec < startSec) throw inputError(this, i, 'End', 'is before Start', 'Swap the two dates.');
			const options = this.getNodeParameter('options', i, {}) as IDataObject;
			return {
				window: {
					startSec,
					endSec,
					pageSize: must(this, i, 'Page Size', checkIntegerRange(options.pageSize ?? 1000, 1, 5000)),
					unit: (options.unit === 'milliseconds' ? 'milliseconds' : 'seconds') as 'seconds' | 'milliseconds',
				},
				limit: readLimit(this, i),
				split: options.splitEvents === true,
				simplify: options.simplify === true,
				campaignName: String(options.campaignName ?? '').trim(),
			};
		},
		async run(p, i) {
			const portal = await getPortal(this);
			// Each record gives at least one item when split, so a limit on records is enough unless a filter drops some.
			const filtering = !!p.campaignName;
			const read = await readActivity(this, portal, p.window, { limit: filtering ? undefined : p.limit, itemIndex: i });
			let records = read.items;
			if (p.campaignName) records = records.filter((r) => String(r.campaign_name ?? '') === p.campaignName);
			if (p.simplify) records = records.map(simplifyRecord);
			let out = p.split ? records.flatMap(splitRecord) : records;
			if (p.limit !== undefined) out = out.slice(0, p.limit);
			return read.incomplete ? markIncomplete(this, i, 'Campaign activity', out, read.incomplete) : out;
		},
	});
}
