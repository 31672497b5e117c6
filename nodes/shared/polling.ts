import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { triggerState } from './triggerState';

/**
 * One polling mechanism for every polling trigger. A trigger reads its parameters and declares sources (one per
 * event it watches); pollSources does the rest:
 * - manual "Fetch Test Event": each source in turn fetches and returns its sample; the first non-empty one wins;
 *   nothing is stored;
 * - per source, a config key: when the settings a source depends on change, that source starts a new baseline
 *   instead of diffing unrelated data;
 * - the first poll of a source (the baseline) only records the current state and emits nothing;
 * - every source fetches (all pages) before anything is stored: one failed fetch commits nothing;
 * - events leave oldest first, through one returnJsonArray.
 *
 * Stored layout (static data of the node): `{ sources: { <name>: SourceState } }`. Any other key is a layout
 * of an earlier version (before 0.2: campaigns/records, configKey/data, known/cursor): it is dropped at the first
 * successful poll, and the sources start with a baseline once (changes between the last old poll and the first
 * new one are not emitted).
 */

export interface FetchWindow {
	/** A manual "Fetch Test Event" run: fetch what `sample` needs; nothing is stored. */
	manual: boolean;
	/** The source's clock at the start of this poll (see `clock`). */
	now: number;
	/**
	 * Snapshot: when the last committed poll of this source started (undefined on a baseline or a manual run).
	 * Stream with a clock cursor: the start of the window to read (last cursor − overlap, or now − overlap).
	 */
	since?: number;
}

type Events = IDataObject | IDataObject[] | undefined;

interface SourceBase {
	/** Stable name of this source: its slot in the stored state. */
	name: string;
	/** The settings this source's state depends on (JSON-able); a change starts a new baseline for this source. */
	config?: unknown;
	/** Every row there is to compare (all pages). A throw fails the poll and nothing is stored. */
	fetch(window: FetchWindow): Promise<IDataObject[]>;
	/** Identity of a row. */
	key(row: IDataObject): string;
	/** What a manual run shows (usually the latest row as an event); empty when there is nothing to show. */
	sample(rows: IDataObject[]): IDataObject[];
	/** The source's clock (default Date.now, ms); `time`, `overlap` and `FetchWindow` use its unit. */
	clock?(): number;
	/** Sort key for oldest-first emission; default: stream `time`, snapshot the order `fetch` returned. */
	order?(row: IDataObject): number | string;
}

/** Keyed snapshot: the whole set is read each poll; a new key or a changed fingerprint is a candidate event. */
export interface SnapshotSource extends SourceBase {
	compare: 'snapshot';
	/** What is remembered per key (JSON-able, small); a different value means the row changed. */
	fingerprint(row: IDataObject): unknown;
	/** Events for a row that is new (`before` undefined) or whose fingerprint changed from `before`. */
	emit(row: IDataObject, before: unknown): Events;
	/**
	 * At most this many keys are compared and stored. Beyond it the source either refuses (an error that says
	 * why) or watches only the first `maxKeys` rows.
	 */
	bound?: { maxKeys: number; refuse?: { message: string; description: string } };
}

/** Append-only stream: rows are new once; remembered only while a later window can return them again. */
export interface StreamSource extends SourceBase {
	compare: 'stream';
	/** When the row happened, in the clock's unit. */
	time(row: IDataObject): number;
	/** How far each window reaches back before the cursor (late writes, clocks running behind). */
	overlap: number;
	/**
	 * 'clock': the vendor filters by time; the cursor is this poll's clock and `fetch` reads from `since`.
	 * 'rows': the vendor returns everything; the cursor is the newest row time seen, older rows are history.
	 */
	cursor: 'clock' | 'rows';
	emit(row: IDataObject): Events;
	/** At most this many keys remembered (the newest). */
	bound?: { maxKeys: number };
}

export type PollSource = SnapshotSource | StreamSource;

interface SnapshotState {
	config: string;
	/** Clock when the committed poll started. */
	at: number;
	keys: Record<string, unknown>;
}

interface StreamState {
	config: string;
	/** null until a row time was seen ('rows' cursor on an empty list). */
	cursor: number | null;
	/** Key → time, for rows the next window may return again. */
	seen: Record<string, number>;
}

type SourceState = SnapshotState | StreamState;

interface PollState {
	sources?: Record<string, SourceState>;
	[legacy: string]: unknown;
}

interface SourceResult {
	name: string;
	state: SourceState;
	events: IDataObject[];
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const asList = (e: Events): IDataObject[] => (e === undefined ? [] : Array.isArray(e) ? e : [e]);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Memoises a fetch so several sources of one poll (e.g. three campaign events) share one read. */
export function shared<T>(load: () => Promise<T>): () => Promise<T> {
	let pending: Promise<T> | undefined;
	return () => (pending ??= load());
}

/** The row with the greatest `by` value (a sample's "latest"); undefined for no rows. */
export function latest(rows: IDataObject[], by: (row: IDataObject) => number | string): IDataObject | undefined {
	return rows.reduce<IDataObject | undefined>((best, r) => (!best || by(r) > by(best) ? r : best), undefined);
}

function sortOldestFirst(rows: IDataObject[], order: ((row: IDataObject) => number | string) | undefined): IDataObject[] {
	if (!order) return rows;
	// Array.prototype.sort is stable: rows with equal keys keep the vendor's order.
	return rows
		.map((row) => ({ row, at: order(row) }))
		.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
		.map((x) => x.row);
}

async function pollSnapshot(ctx: IPollFunctions, source: SnapshotSource, previous: SnapshotState | undefined, config: string): Promise<SourceResult> {
	const now = source.clock ? source.clock() : Date.now();
	const rows = await source.fetch({ manual: false, now, since: previous?.at });
	const keys = Object.create(null) as Record<string, unknown>;
	const tracked: IDataObject[] = [];
	for (const row of rows) {
		const key = source.key(row);
		if (has(keys, key)) continue; // a row seen twice (pages shifting under the reader) counts once
		if (source.bound && tracked.length >= source.bound.maxKeys) {
			if (source.bound.refuse) throw new NodeOperationError(ctx.getNode(), source.bound.refuse.message, { description: source.bound.refuse.description });
			break;
		}
		keys[key] = source.fingerprint(row);
		tracked.push(row);
	}
	const state: SnapshotState = { config, at: now, keys };
	if (!previous) return { name: source.name, state, events: [] };
	const before = previous.keys ?? {};
	const changed = tracked.filter((row) => {
		const key = source.key(row);
		return !has(before, key) || !same(before[key], keys[key]);
	});
	const events = sortOldestFirst(changed, source.order).flatMap((row) => {
		const key = source.key(row);
		return asList(source.emit(row, has(before, key) ? before[key] : undefined));
	});
	return { name: source.name, state, events };
}

async function pollStream(source: StreamSource, previous: StreamState | undefined, config: string): Promise<SourceResult> {
	const now = source.clock ? source.clock() : Date.now();
	const overlap = Math.max(0, source.overlap);
	const since = source.cursor === 'clock' ? (previous?.cursor ?? now) - overlap : undefined;
	const rows = await source.fetch({ manual: false, now, since });
	// A row without a usable time counts as happening now (clock) or as history (rows).
	const timeOf = (row: IDataObject) => {
		const t = source.time(row);
		return Number.isFinite(t) ? t : source.cursor === 'clock' ? now : Number.NEGATIVE_INFINITY;
	};
	let cursor: number | null = source.cursor === 'clock' ? now : previous?.cursor ?? null;
	if (source.cursor === 'rows') {
		for (const row of rows) {
			const t = timeOf(row);
			if (Number.isFinite(t) && (cursor === null || t > cursor)) cursor = t;
		}
	}
	const seenBefore = previous?.seen ?? {};
	const fresh: IDataObject[] = [];
	if (previous) {
		const floor = previous.cursor === null ? Number.NEGATIVE_INFINITY : previous.cursor - overlap;
		const taken = new Set<string>();
		for (const row of rows) {
			const key = source.key(row);
			if (has(seenBefore, key) || taken.has(key)) continue;
			if (source.cursor === 'rows' && timeOf(row) < floor) continue; // older than the window: history
			taken.add(key);
			fresh.push(row);
		}
	}
	// Remember only what the next window can return again: memory stays bounded by the overlap.
	const keepFrom = cursor === null ? Number.NEGATIVE_INFINITY : cursor - overlap;
	let seen: Array<[string, number]> = Object.entries(seenBefore).filter(([, t]) => t >= keepFrom);
	const known = new Set(seen.map(([k]) => k));
	for (const row of rows) {
		const key = source.key(row);
		const t = timeOf(row);
		if (t >= keepFrom && !known.has(key)) {
			known.add(key);
			seen.push([key, t]);
		}
	}
	if (source.bound && seen.length > source.bound.maxKeys) seen = seen.sort((a, b) => a[1] - b[1]).slice(-source.bound.maxKeys);
	const order = source.order ?? ((row: IDataObject) => timeOf(row));
	const events = sortOldestFirst(fresh, order).flatMap((row) => asList(source.emit(row)));
	return { name: source.name, state: { config, cursor, seen: Object.fromEntries(seen) }, events };
}

/** Runs one poll of a trigger over its sources (see the top of this file). */
export async function pollSources(ctx: IPollFunctions, sources: PollSource[]): Promise<INodeExecutionData[][] | null> {
	if (ctx.getMode() === 'manual') {
		for (const source of sources) {
			const rows = await source.fetch({ manual: true, now: source.clock ? source.clock() : Date.now() });
			const items = source.sample(rows);
			if (items.length) return [ctx.helpers.returnJsonArray(items)];
		}
		return null;
	}
	const stored = triggerState<PollState>(ctx);
	const before = (stored.sources && typeof stored.sources === 'object' ? stored.sources : {}) as Record<string, SourceState>;
	const results: SourceResult[] = [];
	for (const source of sources) {
		const config = JSON.stringify(source.config ?? null);
		const previous = before[source.name]?.config === config ? before[source.name] : undefined;
		results.push(
			source.compare === 'snapshot'
				? await pollSnapshot(ctx, source, previous as SnapshotState | undefined, config)
				: await pollStream(source, previous as StreamState | undefined, config),
		);
	}
	// Written only now, after every fetch succeeded. Sources no longer chosen, and earlier layouts, are dropped.
	for (const key of Object.keys(stored)) if (key !== 'sources') delete stored[key];
	stored.sources = Object.fromEntries(results.map((r) => [r.name, r.state]));
	const events = results.flatMap((r) => r.events);
	return events.length ? [ctx.helpers.returnJsonArray(events)] : null;
}
