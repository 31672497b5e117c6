import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Per-item parameters are nearly always one field of the input item: `{{ $json.phone }}`. n8n 2.x evaluates every
 * expression in an isolated VM (≈ 0.4–0.6 ms each on the main thread, measured: more than our whole node costs per
 * item), so 10,000 leads spend seconds only reading their phone numbers. When a parameter is nothing but such
 * field references (or plain values), its value is read straight from the item (also a resource locator's value
 * under extractValue). Anything else — another expression, a missing or non-primitive field, other options — goes
 * through n8n unchanged, so results and errors are n8n's own (test/shared/fieldReference.test.js compares both on
 * the real engine).
 */

/** `={{ $json.name }}`, `={{ $json["a name"] }}` or `={{ $json['a name'] }}`, and nothing else. */
const FIELD_REFERENCE = /^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\])\s*\}\}$/;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const NOT_RESOLVED = Symbol('not resolved');

type Json = Record<string, unknown>;

function fieldValue(expression: string, json: Json): unknown {
	const match = FIELD_REFERENCE.exec(expression);
	if (!match) return NOT_RESOLVED;
	const key = match[1] ?? match[2] ?? match[3];
	if (UNSAFE_KEYS.has(key) || !Object.prototype.hasOwnProperty.call(json, key)) return NOT_RESOLVED;
	const value = json[key];
	// Primitives only: n8n copies objects and converts dates, so those stay with n8n.
	if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	return NOT_RESOLVED;
}

/** The raw parameter with its field references filled in, or NOT_RESOLVED if any part needs n8n's engine. */
function resolveRaw(raw: unknown, json: Json): unknown {
	if (typeof raw === 'string') return raw.startsWith('=') ? fieldValue(raw, json) : raw;
	if (raw === null || typeof raw !== 'object') return raw;
	if (Array.isArray(raw)) {
		const out: unknown[] = [];
		for (const entry of raw) {
			const value = resolveRaw(entry, json);
			if (value === NOT_RESOLVED) return NOT_RESOLVED;
			out.push(value);
		}
		return out;
	}
	const out: Json = {};
	for (const [key, entry] of Object.entries(raw as Json)) {
		const value = resolveRaw(entry, json);
		if (value === NOT_RESOLVED) return NOT_RESOLVED;
		out[key] = value;
	}
	return out;
}

function isExtractValueOnly(options: object | undefined): boolean {
	return !!options && Object.keys(options).length === 1 && (options as { extractValue?: unknown }).extractValue === true;
}

function isLocator(value: unknown): value is { __rl: true; mode: string; value: unknown } {
	return !!value && typeof value === 'object' && (value as Json).__rl === true && 'mode' in (value as Json) && 'value' in (value as Json);
}

/**
 * The same context, whose getNodeParameter(name, itemIndex[, fallback]) reads field references from the item
 * itself. Only for preparing items: everything else on the context is the original's.
 */
export function withFieldReferences(ctx: IExecuteFunctions): IExecuteFunctions {
	const items = ctx.getInputData();
	const getNodeParameter = ctx.getNodeParameter.bind(ctx) as (
		name: string,
		itemIndex: number,
		fallback?: unknown,
		options?: object,
	) => unknown;
	const read = (name: string, itemIndex: number, fallback?: unknown, options?: object): unknown => {
		const json = items[itemIndex]?.json as Json | undefined;
		const extract = isExtractValueOnly(options);
		if ((options === undefined || extract) && json) {
			const value = resolveRaw(getNodeParameter(name, itemIndex, fallback, { rawExpressions: true }), json);
			if (value !== NOT_RESOLVED && !extract) return value;
			// n8n's extractValue gives a locator's value when its mode has no extraction regex: the only kind
			// resourceLocator() in parameters.ts builds (the test checks every locator of the package).
			if (value !== NOT_RESOLVED && isLocator(value)) return value.value;
		}
		return getNodeParameter(name, itemIndex, fallback, options);
	};
	// Every other member is the context's own, called on the context itself (so it works whatever n8n keeps private).
	const bound = new WeakMap<object, unknown>();
	return new Proxy(ctx, {
		get(target, property) {
			if (property === 'getNodeParameter') return read;
			const value: unknown = Reflect.get(target, property, target);
			if (typeof value !== 'function') return value;
			if (!bound.has(value)) bound.set(value, (value as (...args: unknown[]) => unknown).bind(target));
			return bound.get(value);
		},
	});
}
