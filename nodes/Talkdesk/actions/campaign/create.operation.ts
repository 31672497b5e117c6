import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkEnum, checkIntegerRange, checkLength, checkTimeOfDay, collection, inputError, must } from '../../../shared';
import { talkdeskRequest } from '../../transport';
import { bulkOptions, PHONE_TYPES, phoneTypeOptions, readBulkOptions, runPerItem, stripLinks, timeUnitOptions } from '../common';

const WEEK_DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const TIME_UNITS = ['SECONDS', 'MINUTES', 'HOURS', 'DAYS'];

const dispositionValues: INodeProperties[] = [
	{
		displayName: 'After the Call',
		name: 'statusAfterCall',
		type: 'options',
		options: [
			{ name: 'Final (Do Not Call Again)', value: 'FINAL' },
			{ name: 'Retry', value: 'RETRY' },
		],
		default: 'RETRY',
	},
	{ displayName: 'Custom', name: 'custom', type: 'boolean', default: false, description: 'Whether these settings override the account defaults for this outcome' },
	{ displayName: 'Max Attempts', name: 'maxAttempts', type: 'number', default: 3, description: 'How many times a record with this outcome is retried (1–100)' },
	{ displayName: 'Retry After', name: 'retryPeriod', type: 'number', default: 1, description: 'Wait this long before the retry (1–2,592,000)' },
	{ displayName: 'Retry After Unit', name: 'retryPeriodTimeUnit', type: 'options', options: timeUnitOptions, default: 'HOURS' },
];

const DISPOSITIONS: Array<{ key: string; name: string; displayName: string }> = [
	{ key: 'abandoned', name: 'abandoned', displayName: 'Abandoned (No Agent Free)' },
	{ key: 'agent_hangup_before_connection', name: 'agentHangupBeforeConnection', displayName: 'Agent Hung Up Before Connection' },
	{ key: 'answering_machine_detection', name: 'answeringMachineDetection', displayName: 'Answering Machine' },
	{ key: 'busy', name: 'busy', displayName: 'Busy' },
	{ key: 'hangup_before_connection', name: 'hangupBeforeConnection', displayName: 'Contact Hung Up Before Connection' },
	{ key: 'no_answer', name: 'noAnswer', displayName: 'No Answer' },
];

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'Campaign name, 3 to 35 characters',
	},
	{
		displayName: 'Dialing Mode',
		name: 'dialingMode',
		type: 'options',
		description: 'How the dialer places the calls for the agents',
		options: [
			{ name: 'Predictive', value: 'PREDICTIVE', description: 'The dialer calls several records per free agent and passes answered calls on' },
			{ name: 'Preview', value: 'PREVIEW', description: 'The agent sees the record first, then the call is placed' },
		],
		default: 'PREVIEW',
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'number',
		default: 5,
		description: 'From 1 (lowest) to 10 (highest): which campaign agents serve first when they are in several',
	},
	{
		displayName: 'Calling Hours',
		name: 'callingHours',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Calling Window',
		default: { windows: [{ from: '09:00', to: '18:00', weekDays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] }] },
		description: 'When records may be called (in each record\'s time zone). At least one window is required; calling outside allowed hours is a legal risk.',
		options: [
			{
				displayName: 'Window',
				name: 'windows',
				values: [
					{ displayName: 'From', name: 'from', type: 'string', default: '09:00', placeholder: 'e.g. 09:00', description: 'Start time, 24-hour HH:MM' },
					{ displayName: 'To', name: 'to', type: 'string', default: '18:00', placeholder: 'e.g. 18:00', description: 'End time, 24-hour HH:MM, later than From' },
					{
						displayName: 'Week Days',
						name: 'weekDays',
						type: 'multiOptions',
						options: [
							{ name: 'Friday', value: 'FRIDAY' },
							{ name: 'Monday', value: 'MONDAY' },
							{ name: 'Saturday', value: 'SATURDAY' },
							{ name: 'Sunday', value: 'SUNDAY' },
							{ name: 'Thursday', value: 'THURSDAY' },
							{ name: 'Tuesday', value: 'TUESDAY' },
							{ name: 'Wednesday', value: 'WEDNESDAY' },
						],
						default: [],
					},
				],
			},
		],
	},
	{
		...collection('additionalFields'),
		options: [
			{ displayName: 'Abandonment Timeout (Seconds)', name: 'abandonmentTimeout', type: 'number', default: 2, description: 'Answered calls with no free agent are hung up after this many seconds (2–30)' },
			{ displayName: 'Answering Machine Detection', name: 'answeringMachineDetection', type: 'boolean', default: false, description: 'Whether calls that reach an answering machine or voicemail are disconnected' },
			{ displayName: 'List Sorting', name: 'listsSortingCriteria', type: 'options', options: [{ name: 'First In, First Out', value: 'FIFO' }, { name: 'Last In, First Out', value: 'LIFO' }], default: 'FIFO', description: 'Which records are dialed first' },
			{ displayName: 'Max Abandonment Rate (%)', name: 'maxAbandonmentRate', type: 'number', default: 3, description: 'Predictive mode: highest share of answered calls that may be abandoned (1–100). Regulators often cap this at 3 %.' },
			{ displayName: 'Max Attempts per Record', name: 'maxAttempts', type: 'number', default: 3, description: 'Non-final call attempts each record may get (1–100)' },
			{ displayName: 'Max Dialing Ratio', name: 'maxDialingRatio', type: 'number', default: 1, description: 'Predictive mode: calls launched per free agent (1–3)' },
			{ displayName: 'Max Ring Time (Seconds)', name: 'maxRingTimeInSecs', type: 'number', default: 30, description: 'Unanswered calls are disconnected after this many seconds (6–120)' },
			{ displayName: 'Max Skip Attempts', name: 'maxSkipAttempts', type: 'number', default: 3, description: 'How many times an agent may skip a record (0–20)' },
			{ displayName: 'Preview Timeout (Seconds)', name: 'previewTimeout', type: 'number', default: 30, description: 'Preview mode: how long the agent sees the record before the call (6–300)' },
			{ displayName: 'Retry Period', name: 'retryPeriod', type: 'number', default: 1, description: 'Time between non-final attempts (1–2,592,000, in Retry Period Unit)' },
			{ displayName: 'Retry Period Unit', name: 'retryTimeUnit', type: 'options', options: timeUnitOptions, default: 'HOURS' },
			{ displayName: 'Strategy Type', name: 'strategyType', type: 'options', options: [{ name: 'Automatic', value: 'AUTOMATIC' }, { name: 'Manual', value: 'MANUAL' }], default: 'AUTOMATIC', description: 'How records are dialed' },
		],
	},
	{
		displayName: 'Call Outcomes (Dispositions)',
		name: 'dispositions',
		type: 'fixedCollection',
		placeholder: 'Add Outcome Rule',
		default: {},
		description: 'What happens to a record after each system outcome. Busy and No Answer default to Retry, 3 attempts, 1 hour apart; Invalid Number is always final.',
		options: DISPOSITIONS.map((x) => ({ displayName: x.displayName, name: x.name, values: dispositionValues })),
	},
	{
		displayName: 'Record Chain',
		name: 'recordChain',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Phone Type Rule',
		default: {},
		description: 'Attempts per phone type. Talkdesk wants exactly one rule per type; types you leave out get 1 attempt, 1 hour apart.',
		options: [
			{
				displayName: 'Rule',
				name: 'rules',
				values: [
					{ displayName: 'Phone Type', name: 'type', type: 'options', options: phoneTypeOptions, default: 'MOBILE' },
					{ displayName: 'Max Attempts', name: 'maxAttempts', type: 'number', default: 1, description: '1–100' },
					{ displayName: 'Retry After', name: 'retryPeriod', type: 'number', default: 1, description: '1–2,592,000' },
					{ displayName: 'Retry After Unit', name: 'retryPeriodTimeUnit', type: 'options', options: timeUnitOptions, default: 'HOURS' },
				],
			},
		],
	},
	bulkOptions(),
];

const DEFAULT_RETRY_DISPOSITION = { status_after_call: 'RETRY', custom: false, max_attempts: 3, retry_period: 1, retry_period_time_unit: 'HOURS' };

/** Reads and validates every field; throws a NodeOperationError naming the field before anything is sent. */
export function buildCampaignBody(ctx: IExecuteFunctions, i: number): IDataObject {
	const name = must(ctx, i, 'Name', checkLength(String(ctx.getNodeParameter('name', i, '')).trim(), 3, 35));
	const dialingMode = must(ctx, i, 'Dialing Mode', checkEnum(ctx.getNodeParameter('dialingMode', i, 'PREVIEW'), ['PREDICTIVE', 'PREVIEW'] as const));
	const priority = must(ctx, i, 'Priority', checkIntegerRange(ctx.getNodeParameter('priority', i, 5), 1, 10));
	const a = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const int = (key: string, label: string, min: number, max: number, fallback?: number): number | undefined => {
		const v = a[key] ?? fallback;
		return v === undefined ? undefined : must(ctx, i, label, checkIntegerRange(v, min, max));
	};

	const dmc: IDataObject = {
		answering_machine_detection: (a.answeringMachineDetection as boolean) ?? false,
		max_ring_time_in_secs: int('maxRingTimeInSecs', 'Max Ring Time (Seconds)', 6, 120, 30),
	};
	const rate = int('maxAbandonmentRate', 'Max Abandonment Rate (%)', 1, 100);
	if (rate !== undefined) dmc.max_abandonment_rate = rate;
	const ratio = int('maxDialingRatio', 'Max Dialing Ratio', 1, 3);
	if (ratio !== undefined) dmc.max_dialing_ratio = ratio;
	const timeout = int('abandonmentTimeout', 'Abandonment Timeout (Seconds)', 2, 30);
	if (timeout !== undefined) dmc.abandonment_timeout = { amount: timeout };

	const windows = ((ctx.getNodeParameter('callingHours', i, {}) as IDataObject).windows ?? []) as IDataObject[];
	if (!windows.length) throw inputError(ctx, i, 'Calling Hours', 'needs at least one window', 'Add a window such as 09:00–18:00, Monday to Friday.');
	const callingHours = windows.map((w, k) => {
		const label = `Calling Hours window ${k + 1}`;
		const from = must(ctx, i, `${label} From`, checkTimeOfDay(w.from, true));
		const to = must(ctx, i, `${label} To`, checkTimeOfDay(w.to, true));
		if (to <= from) throw inputError(ctx, i, `${label} To`, `must be later than From (${from} → ${to})`);
		const days = (w.weekDays ?? []) as string[];
		if (!days.length) throw inputError(ctx, i, `${label} Week Days`, 'needs at least one day');
		return { from, to, week_days: WEEK_DAYS.filter((day) => days.includes(day)) };
	});

	const dispositionInput = ctx.getNodeParameter('dispositions', i, {}) as IDataObject;
	const dispositions: IDataObject = {};
	for (const x of DISPOSITIONS) {
		const v = dispositionInput[x.name] as IDataObject | undefined;
		if (!v) continue;
		const label = `Call Outcomes ${x.displayName}`;
		dispositions[x.key] = {
			status_after_call: must(ctx, i, `${label} After the Call`, checkEnum(v.statusAfterCall ?? 'RETRY', ['FINAL', 'RETRY'] as const)),
			custom: !!v.custom,
			max_attempts: must(ctx, i, `${label} Max Attempts`, checkIntegerRange(v.maxAttempts ?? 3, 1, 100)),
			retry_period: must(ctx, i, `${label} Retry After`, checkIntegerRange(v.retryPeriod ?? 1, 1, 2592000)),
			retry_period_time_unit: must(ctx, i, `${label} Retry After Unit`, checkEnum(v.retryPeriodTimeUnit ?? 'HOURS', TIME_UNITS)),
		};
	}
	dispositions.busy = dispositions.busy ?? { ...DEFAULT_RETRY_DISPOSITION };
	dispositions.no_answer = dispositions.no_answer ?? { ...DEFAULT_RETRY_DISPOSITION };
	dispositions.invalid_number = { status_after_call: 'FINAL' };

	const strategy: IDataObject = {
		max_attempts: int('maxAttempts', 'Max Attempts per Record', 1, 100, 3),
		retry_period: int('retryPeriod', 'Retry Period', 1, 2592000, 1),
		retry_time_unit: must(ctx, i, 'Retry Period Unit', checkEnum(a.retryTimeUnit ?? 'HOURS', TIME_UNITS)),
		calling_hours: callingHours,
		dispositions,
	};
	const skips = int('maxSkipAttempts', 'Max Skip Attempts', 0, 20);
	if (skips !== undefined) strategy.max_skip_attempts = skips;
	if (a.strategyType !== undefined) strategy.strategy_type = must(ctx, i, 'Strategy Type', checkEnum(a.strategyType, ['AUTOMATIC', 'MANUAL'] as const));
	const preview = int('previewTimeout', 'Preview Timeout (Seconds)', 6, 300);
	if (preview !== undefined) strategy.preview_timeout = preview;
	if (a.listsSortingCriteria !== undefined) strategy.lists_sorting_criteria = must(ctx, i, 'List Sorting', checkEnum(a.listsSortingCriteria, ['FIFO', 'LIFO'] as const));

	const rules = ((ctx.getNodeParameter('recordChain', i, {}) as IDataObject).rules ?? []) as IDataObject[];
	if (rules.length) {
		const byType = new Map<string, IDataObject>();
		rules.forEach((r, k) => {
			const label = `Record Chain rule ${k + 1}`;
			const type = must(ctx, i, `${label} Phone Type`, checkEnum(r.type, PHONE_TYPES));
			if (byType.has(type)) throw inputError(ctx, i, `${label} Phone Type`, `repeats ${type}`, 'Talkdesk allows one rule per phone type.');
			byType.set(type, {
				type,
				max_attempts: must(ctx, i, `${label} Max Attempts`, checkIntegerRange(r.maxAttempts ?? 1, 1, 100)),
				retry_period: must(ctx, i, `${label} Retry After`, checkIntegerRange(r.retryPeriod ?? 1, 1, 2592000)),
				retry_period_time_unit: must(ctx, i, `${label} Retry After Unit`, checkEnum(r.retryPeriodTimeUnit ?? 'HOURS', TIME_UNITS)),
			});
		});
		strategy.record_chain = PHONE_TYPES.map(
			(type) => byType.get(type) ?? { type, max_attempts: 1, retry_period: 1, retry_period_time_unit: 'HOURS' },
		);
	}

	return { name, dialing_mode: dialingMode, priority, dialing_mode_configuration: dmc, dialing_strategy: strategy };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
			prepare(this: IExecuteFunctions, i: number) {
				return buildCampaignBody(this, i);
			},
			async run(body, i, gate) {
				const c = await talkdeskRequest(this, {
					method: 'POST',
					path: '/campaigns',
					body,
					action: `create campaign "${String(body.name)}"`,
					scope: 'campaigns:read campaigns:write',
					itemIndex: i,
					gate,
				});
				return stripLinks(c);
			},
		},
		readBulkOptions(this),
	);
}
