// Phone numbers fuzzed through the real nodes and the engine (fast-check): whatever a user feeds in, the number
// the vendor receives is either nothing (the item is refused, naming item and field) or exactly the digits the
// user typed, with + — never a different valid number. A number without + or 00 is refused, unless a Default
// Country is set: then it is that country's calling code + the national digits minus one trunk prefix.
// The simulator's ledger is the witness.
const fc = require('fast-check');
const { startVendor, rl } = require('./env');

/** Plausible numbers: 8–15 digits, a prefix, separators sprinkled in (most of these must go through). */
const formatted = fc
	.tuple(fc.constantFrom('+', '00', '', 'tel:+', '+ '), fc.integer({ min: 1, max: 9 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('', '', '', ' ', '-', '.', '/', '(', ')')), { minLength: 7, maxLength: 14 }))
	.map(([prefix, first, rest]) => `${prefix}${first}${rest.map(([d, sep]) => `${sep}${d}`).join('')}`);
const phoneLike = fc.oneof(
	{ weight: 6, arbitrary: formatted },
	{ weight: 4, arbitrary: fc.stringMatching(/^(\+|00|tel:\+)?[0-9 ()\-./]{3,22}$/) },
	{ weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
	{ weight: 1, arbitrary: fc.constantFrom('+44 (0) 20 7946 0958', '+44(0)2079460958', '2135550123', '+1 213 555 0123 ext 4', '+1\u00a0213\u00a0555\u00a00123', '+١٢١٣٥٥٥٠١٢٣', '+1 213 555 0123\n+1 213 555 0199', '+1-213-555-0123;', '(+1) 213 555 0123', '+0 213 555 0123', '0 213 555 0123', '++12135550123', '+12135550123+', '+12 13 55', '123456789012345678') },
);
/** The only acceptable result: the typed digits (an international 00 prefix read as +). */
const digitsOf = (raw) => {
	let d = String(raw).replace(/[^0-9]/g, '');
	if (/^\s*(tel:)?00/i.test(String(raw))) d = d.slice(2);
	return `+${d}`;
};

const CASES = [
	['talkdesk', 'add records', (env) => ({ resource: 'recordList', operation: 'addRecords', recordListId: rl(env.sim.state.lists[0].id), phoneNumber: '={{$json.phone}}', phoneType: 'MOBILE', firstName: 'Fuzz', lastName: 'Lead' }), (env) => env.sim.requests('POST', /\/records\/bulks$/).flatMap((e) => e.body.records.map((r) => r.phone_numbers[0].phone_number))],
	['qvoice', 'add lead', (env) => ({ resource: 'lead', operation: 'add', campaign: rl(env.sim.campaignIds[1]), number: '={{$json.phone}}' }), (env) => env.sim.requests(null, /\/lead$/).map((e) => e.body.number)],
	['talkover', 'add campaign call', (env) => ({ resource: 'campaignCall', operation: 'add', campaignId: rl(env.sim.state.campaigns.find((c) => c.status === 'active').id), phoneNumber: '={{$json.phone}}', options: { duplicates: 'allow', maxPerMinute: 0 } }), (env) => env.sim.requests('POST', /\/call$/).map((e) => e.body.to)],
];

const totals = { inputs: 0, sent: 0, refused: 0 };

test.each(CASES)('%s %s: never a different valid number', async (vendor, _name, params, sentNumbers) => {
	const env = await startVendor(vendor, vendor === 'qvoice' ? { bigCampaignLeads: 10 } : {});
	try {
		await fc.assert(
			fc.asyncProperty(fc.array(phoneLike, { minLength: 10, maxLength: 25 }), async (phones) => {
				env.sim.clearLedger();
				const r = await env.h.runNode(env.node(params(env), { continueOnFail: true }), phones.map((phone) => ({ json: { phone } })));
				expect(r.error).toBeUndefined();
				expect(r.out).toHaveLength(phones.length);
				const refused = r.out.map((o) => typeof o.json.error === 'string' && /^Item \d+: Phone/.test(o.json.error));
				const expected = phones.filter((_, i) => !refused[i]).map(digitsOf).sort();
				const sent = sentNumbers(env).slice().sort();
				expect(sent).toEqual(expected);
				for (const n of sent) expect(n).toMatch(/^\+[1-9][0-9]{6,14}$/);
				phones.forEach((raw, i) => {
					// Without a Default Country, nothing without + or 00 ever reaches the vendor.
					if (!refused[i]) expect(String(raw).trim()).toMatch(/^(tel:)?(\+|00)/i);
					if (!refused[i]) expect(String(raw).trim().replace(/^tel:/i, '')).not.toMatch(/\(\s*0\s*\)|[a-z]/i);
					else expect(r.out[i].json.error).toMatch(new RegExp(`^Item ${i + 1}: `));
				});
				totals.inputs += phones.length;
				totals.sent += sent.length;
				totals.refused += refused.filter(Boolean).length;
			}),
			{ numRuns: 6, endOnFailure: true },
		);
	} finally {
		await env.stop();
	}
});

afterAll(() => console.log(`phone fuzz: ${totals.inputs} inputs, ${totals.sent} sent exactly as typed, ${totals.refused} refused naming the item, 0 changed`));

test('"+44 (0)20 …" is refused, not turned into +44020… (a different number)', async () => {
	const env = await startVendor('qvoice', { bigCampaignLeads: 10 });
	try {
		const r = await env.h.runNode(env.node(CASES[1][2](env), { continueOnFail: true }), [{ json: { phone: '+44 (0) 20 7946 0958' } }, { json: { phone: '+44 20 7946 0958' } }]);
		expect(r.outJson[0].error).toMatch(/^Item 1: Phone.*"\(0\)"/);
		expect(r.outJson[0].description).toMatch(/Leave out the \(0\)/);
		expect(env.sim.requests(null, /\/lead$/).map((e) => e.body.number)).toEqual(['+442079460958']);
	} finally {
		await env.stop();
	}
});

// ---- with a Default Country --------------------------------------------------------------------------------
const COUNTRIES = { GB: ['44', '0'], US: ['1', '1'], DE: ['49', '0'], IT: ['39', ''], AU: ['61', '0'], MX: ['52', ''] };
/** National-looking numbers: optional trunk digit, 6–11 digits, separators. */
const national = fc
	.tuple(fc.constantFrom('', '0', '1'), fc.integer({ min: 1, max: 9 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('', '', ' ', '-', '(', ')')), { minLength: 5, maxLength: 10 }))
	.map(([trunk, first, rest]) => `${trunk}${first}${rest.map(([d, sep]) => `${sep}${d}`).join('')}`);
const withCountryOption = (params, code) => ({ ...params, options: { ...(params.options || {}), defaultCountry: code } });
/** The only acceptable result for a national number: calling code + digits minus one leading trunk prefix. */
const nationalToE164 = (raw, [cc, trunk]) => {
	const d = String(raw).replace(/[^0-9]/g, '');
	return `+${cc}${trunk && d.startsWith(trunk) ? d.slice(trunk.length) : d}`;
};

test.each(CASES)('%s %s with a Default Country: national numbers get exactly the country code, minus the trunk prefix', async (vendor, _name, params, sentNumbers) => {
	const env = await startVendor(vendor, vendor === 'qvoice' ? { bigCampaignLeads: 10 } : {});
	try {
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...Object.keys(COUNTRIES)), fc.array(fc.oneof({ weight: 4, arbitrary: national }, { weight: 1, arbitrary: formatted }), { minLength: 5, maxLength: 15 }), async (code, phones) => {
				env.sim.clearLedger();
				const r = await env.h.runNode(env.node(withCountryOption(params(env), code), { continueOnFail: true }), phones.map((phone) => ({ json: { phone } })));
				expect(r.out).toHaveLength(phones.length);
				const refused = r.out.map((o) => typeof o.json.error === 'string' && /^Item \d+: Phone/.test(o.json.error));
				const expected = phones
					.map((raw, i) => (refused[i] ? null : /^\s*(tel:)?(\+|00)/i.test(raw) ? digitsOf(raw) : nationalToE164(raw, COUNTRIES[code])))
					.filter(Boolean)
					.sort();
				expect(sentNumbers(env).slice().sort()).toEqual(expected);
				// A plausible national number (after its trunk prefix a digit 1–9, or any digit where there is no trunk
				// prefix; at most 15 digits in all; no "(0)") is never refused.
				phones.forEach((raw, i) => {
					if (/^\s*(tel:)?(\+|00)/i.test(raw) || /\(\s*0\s*\)/.test(raw)) return; // "(0)" is refused on purpose
					const [cc, trunk] = COUNTRIES[code];
					const d = String(raw).replace(/[^0-9]/g, '');
					const rest = trunk && d.startsWith(trunk) ? d.slice(trunk.length) : d;
					if ((trunk ? /^[1-9]/.test(rest) : true) && /^\+[1-9]\d{6,14}$/.test(`+${cc}${rest}`)) expect(refused[i]).toBe(false);
				});
			}),
			{ numRuns: 5, endOnFailure: true },
		);
	} finally {
		await env.stop();
	}
});
