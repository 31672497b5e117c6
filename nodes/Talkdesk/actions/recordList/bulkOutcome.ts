import type { IDataObject } from 'n8n-workflow';

/**
 * Talkdesk's bulk answers carry totals and a list, never one result per input:
 * - create (record-lists-bulks): `{has_errors, total_created, total_errors, _embedded.records[created records]}`
 * - delete (delete-a-record): `{has_errors, total_deleted, total_errors, _embedded.failed_records[{id}]}`
 * So each input's outcome is derived by matching (id / phone number / external id). Where the answer cannot tell
 * which input failed, the outcome says so ("unknown") instead of guessing.
 */
export type Outcome =
	| { state: 'done'; record?: IDataObject }
	| { state: 'failed'; why: string }
	| { state: 'unknown'; why: string };

function num(v: unknown): number | undefined {
	const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
	return Number.isFinite(n) ? n : undefined;
}

function embeddedArray(body: IDataObject, key: string): IDataObject[] | undefined {
	const embedded = body?._embedded as IDataObject | undefined;
	const list = embedded && typeof embedded === 'object' ? embedded[key] : undefined;
	return Array.isArray(list) ? (list as IDataObject[]) : undefined;
}

function firstPhone(r: IDataObject): string {
	const phones = Array.isArray(r.phone_numbers) ? (r.phone_numbers as IDataObject[]) : [];
	return String(phones[0]?.phone_number ?? r.phone_number ?? '');
}

/** How a record is recognised in an answer: its external id when it has one, else its first phone number. */
function recordKey(r: IDataObject): string {
	if (r.external_id !== undefined && r.external_id !== null && r.external_id !== '') {
		return `external:${String(r.external_provider ?? '')}:${String(r.external_id)}`;
	}
	return `phone:${firstPhone(r)}`;
}

function totalsText(errors: number | undefined, count: number): string {
	return errors === undefined ? `some of ${count}` : `${errors} of ${count}`;
}

/** One outcome per record sent to POST …/records/bulks, in order. */
/** The batch positions per record list: one bulk call per list (a batch normally holds one list). */
export function positionsByList(batch: Array<{ prepared: { listId: string } }>): Map<string, number[]> {
	const byList = new Map<string, number[]>();
	batch.forEach((b, k) => byList.set(b.prepared.listId, [...(byList.get(b.prepared.listId) ?? []), k]));
	return byList;
}

export function createOutcomes(answer: unknown, sent: IDataObject[]): Outcome[] {
	const body = (answer && typeof answer === 'object' ? answer : {}) as IDataObject;
	const errors = num(body.total_errors) ?? (body.has_errors === false ? 0 : undefined);
	const createdCount = num(body.total_created);
	const created = embeddedArray(body, 'records');
	const n = sent.length;
	const ambiguous = (why: string): Outcome => ({ state: 'unknown', why });

	const pool = new Map<string, IDataObject[]>();
	for (const r of created ?? []) pool.set(recordKey(r), [...(pool.get(recordKey(r)) ?? []), r]);
	// No failures reported: every record was saved (with its created record when the answer lists it).
	if (errors === 0) return sent.map((r) => ({ state: 'done', record: pool.get(recordKey(r))?.shift() }));
	if (created === undefined) {
		if (errors === n || createdCount === 0) {
			return sent.map(() => ({ state: 'failed', why: `the bulk answer reports ${n} of ${n} failed` }));
		}
		return sent.map(() =>
			ambiguous(
				errors === undefined && createdCount === undefined
					? "Talkdesk's answer did not say which records were saved"
					: `${totalsText(errors, n)} failed and Talkdesk's answer lists no records, so it does not say which`,
			),
		);
	}
	// The list may be shorter than the count it should hold: then a missing record is not proof of failure.
	const listComplete = createdCount === undefined || created.length >= createdCount;
	const inputsPerKey = new Map<string, number>();
	for (const r of sent) inputsPerKey.set(recordKey(r), (inputsPerKey.get(recordKey(r)) ?? 0) + 1);
	const hitsPerKey = new Map([...pool].map(([k, v]) => [k, v.length]));
	// A record counts as refused only when the unmatched inputs are exactly as many as the failures Talkdesk counts;
	// otherwise the matching itself is in doubt (e.g. numbers echoed in another format) and nothing is claimed.
	const unmatched = sent.filter((r) => (hitsPerKey.get(recordKey(r)) ?? 0) === 0).length;
	const consistent = errors === undefined || unmatched === errors;
	return sent.map((r) => {
		const key = recordKey(r);
		const inputs = inputsPerKey.get(key) ?? 1;
		const hits = hitsPerKey.get(key) ?? 0;
		if (hits >= inputs) return { state: 'done', record: pool.get(key)?.shift() };
		if (hits === 0 && listComplete && !consistent) {
			return ambiguous(`${totalsText(errors, n)} failed, but ${unmatched} record(s) are missing from Talkdesk's answer, so it does not say which`);
		}
		if (hits === 0 && listComplete) {
			return { state: 'failed', why: `the bulk answer reports ${totalsText(errors, n)} failed and does not list this record among those created` };
		}
		if (hits === 0) return ambiguous(`${totalsText(errors, n)} failed and Talkdesk's answer lists only ${created.length} of ${createdCount} created records`);
		return ambiguous(
			`${hits} of the ${inputs} records in this batch with the same ${key.startsWith('phone:') ? 'phone number' : 'external ID'} were saved, and Talkdesk's answer does not say which (${totalsText(errors, n)} failed)`,
		);
	});
}

/** One outcome per selector sent to DELETE …/records/bulks ({id} | {phone_number} | {external_provider, external_id}). */
export function deleteOutcomes(answer: unknown, sent: IDataObject[]): Outcome[] {
	const body = (answer && typeof answer === 'object' ? answer : {}) as IDataObject;
	const errors = num(body.total_errors) ?? (body.has_errors === false ? 0 : undefined);
	const failedList = embeddedArray(body, 'failed_records');
	const failed = failedList ?? [];
	const n = sent.length;
	const isListed = (sel: IDataObject) =>
		failed.some(
			(f) =>
				(sel.id !== undefined && f.id === sel.id) ||
				(sel.phone_number !== undefined && f.phone_number === sel.phone_number) ||
				(sel.external_id !== undefined && f.external_id === sel.external_id),
		);
	const listed = sent.filter(isListed).length;
	const unnamed = errors === undefined ? undefined : Math.max(0, errors - listed);
	// failed_records names failed ids; a selector by phone or external id that matched nothing may only be counted.
	// Without the list, any selector not listed could be one of the counted failures.
	const couldBeUnnamed = (sel: IDataObject) => !isListed(sel) && (failedList === undefined || sel.id === undefined);
	const candidates = sent.filter(couldBeUnnamed).length;
	return sent.map((sel) => {
		if (isListed(sel)) return { state: 'failed', why: 'Talkdesk lists it among the records that failed to delete (no such record in this list?)' };
		if (unnamed === 0 || !couldBeUnnamed(sel)) return { state: 'done' };
		if (unnamed === undefined) return { state: 'unknown', why: "Talkdesk's answer did not say how many deletions failed" };
		if (unnamed >= candidates) return { state: 'failed', why: `the bulk answer reports ${totalsText(errors, n)} failed, which includes this one (no matching record in this list?)` };
		return { state: 'unknown', why: `${unnamed} of ${n} deletions failed without Talkdesk naming them, so the answer does not say whether this one did` };
	});
}
