const fc = require('fast-check');
const v = require('../../nodes/shared/validation');

describe('normalizePhoneE164', () => {
	test.each([
		['+1 (213) 555-0123', '+12135550123'],
		['+44 20 7946 0958', '+442079460958'],
		['0044 20 7946 0958', '+442079460958'],
		['tel:+351-912-345-678', '+351912345678'],
		['+1.213.555.0123', '+12135550123'],
	])('accepts %p as %p', (raw, expected) => {
		expect(v.normalizePhoneE164(raw)).toEqual({ ok: true, value: expected });
	});

	test.each([
		['', /empty/],
		['   ', /empty/],
		[undefined, /empty/],
		['2135550123', /no country code/], // 10 digits: national, never guess +1
		['12135550123', /no country code/], // issue 11.3: was sent as +12135550123 (13812345678 → +13812345678)
		['13812345678', /no country code/],
		[12135550123, /no country code/],
		['call me', /letters/],
		['+1 213 555 0123 ext 4', /letters/],
		['+0123456789', /not a possible/],
		['+12', /not a possible/],
		['+1234567890123456', /not a possible/],
		['12+345678901', /not at the start/],
		['+1#2135550123', /characters/],
	])('rejects %p', (raw, problem) => {
		const r = v.normalizePhoneE164(raw);
		expect(r.ok).toBe(false);
		expect(r.problem).toMatch(problem);
	});

	test('never turns an input into a different valid number: output digits are exactly the input digits', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 30 }), (raw) => {
				const r = v.normalizePhoneE164(raw);
				if (!r.ok) return true;
				let digits = raw.replace(/\D/g, '');
				if (/^\s*(tel:)?00/i.test(raw)) digits = digits.slice(2);
				return r.value === `+${digits}` && /^\+[1-9]\d{6,14}$/.test(r.value);
			}),
			{ numRuns: 3000 },
		);
	});

	test('is idempotent on its own output', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^\+?[1-9][0-9 ()-]{6,20}$/), (raw) => {
				const r = v.normalizePhoneE164(raw);
				return !r.ok || v.normalizePhoneE164(r.value).value === r.value;
			}),
		);
	});
});

describe('normalizePhoneE164 with a Default Country', () => {
	test.each([
		['020 7946 0958', 'GB', '+442079460958'],
		['07700 900123', 'GB', '+447700900123'],
		['212-555-0100', 'US', '+12125550100'],
		['1 (212) 555-0100', 'US', '+12125550100'], // NANP trunk prefix 1
		['(416) 555-0199', 'CA', '+14165550199'],
		['030 901820', 'DE', '+4930901820'],
		['01 23 45 67 89', 'FR', '+33123456789'],
		['06 1234 5678', 'IT', '+390612345678'], // Italy keeps its leading 0
		['912 345 678', 'ES', '+34912345678'],
		['02 9876 5432', 'AU', '+61298765432'],
		['+49 30 901820', 'GB', '+4930901820'], // + is international whatever the default
		['0049 30 901820', 'US', '+4930901820'],
	])('%p with %p is %p', (raw, country, expected) => {
		expect(v.normalizePhoneE164(raw, country)).toEqual({ ok: true, value: expected });
	});
	test('a trunk prefix alone or a national number starting 0 after it is refused, naming the country', () => {
		expect(v.normalizePhoneE164('0', 'GB')).toMatchObject({ ok: false, problem: expect.stringMatching(/not a possible United Kingdom number/) });
		expect(v.normalizePhoneE164('0 0123', 'DE')).toMatchObject({ ok: false });
	});
	test('the country table: at least the listed countries, calling code digits, trunk prefix 0, 1 or none', () => {
		for (const code of ['US', 'CA', 'GB', 'IE', 'DE', 'FR', 'ES', 'IT', 'NL', 'BE', 'PT', 'AU', 'NZ', 'BR', 'MX', 'IN', 'ZA', 'PL', 'SE', 'CH', 'AT']) {
			expect(v.COUNTRY_DIALING[code]).toBeDefined();
			expect(v.COUNTRY_DIALING[code].callingCode).toMatch(/^[1-9]\d{0,2}$/);
			expect(['', '0', '1']).toContain(v.COUNTRY_DIALING[code].trunkPrefix);
		}
	});
	test('Default Country option: sorted by name, every table country, None first by meaning (empty value)', () => {
		const { defaultCountryOption, withDefaultCountry } = require('../../nodes/shared/fields');
		const names = defaultCountryOption().options.map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(defaultCountryOption().options).toHaveLength(Object.keys(v.COUNTRY_DIALING).length + 1);
		const merged = withDefaultCountry({ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 1 }, { displayName: 'Max Requests per Minute', name: 'maxPerMinute', type: 'number', default: 0 }] });
		expect(merged.options.map((o) => o.name)).toEqual(['concurrency', 'defaultCountry', 'maxPerMinute']);
	});
});

describe('range, length, enum, date and time checks', () => {
	test('checkIntegerRange', () => {
		expect(v.checkIntegerRange(5, 1, 10)).toEqual({ ok: true, value: 5 });
		expect(v.checkIntegerRange('7', 1, 10)).toEqual({ ok: true, value: 7 });
		expect(v.checkIntegerRange(0, 1, 10).problem).toBe('must be from 1 to 10 (got 0)');
		expect(v.checkIntegerRange(2.5, 1, 10).ok).toBe(false);
		expect(v.checkIntegerRange('abc', 1, 10).ok).toBe(false);
		fc.assert(fc.property(fc.integer(), (n) => v.checkIntegerRange(n, -5, 5).ok === (n >= -5 && n <= 5)));
	});
	test('checkLength counts characters, not bytes', () => {
		expect(v.checkLength('ab', 3, 35).problem).toBe('must be 3 to 35 characters long (got 2)');
		expect(v.checkLength('ééé', 3, 3).ok).toBe(true);
		expect(v.checkLength('x'.repeat(36), 3, 35).ok).toBe(false);
	});
	test('checkEnum is case-insensitive and returns the canonical value', () => {
		expect(v.checkEnum('preview', ['PREDICTIVE', 'PREVIEW'])).toEqual({ ok: true, value: 'PREVIEW' });
		expect(v.checkEnum('robo', ['PREDICTIVE', 'PREVIEW']).problem).toMatch(/one of PREDICTIVE, PREVIEW/);
	});
	test('checkDate', () => {
		expect(v.checkDate('2026-12-31')).toEqual({ ok: true, value: '2026-12-31' });
		expect(v.checkDate('2026-12-31T10:00:00.000Z')).toEqual({ ok: true, value: '2026-12-31' });
		expect(v.checkDate('2026-02-30').problem).toMatch(/not a real calendar date/);
		expect(v.checkDate('31/12/2026').ok).toBe(false);
	});
	test('checkTimeOfDay', () => {
		expect(v.checkTimeOfDay('9:00', true)).toEqual({ ok: true, value: '09:00:00' });
		expect(v.checkTimeOfDay('17:30:15', false)).toEqual({ ok: true, value: '17:30' });
		expect(v.checkTimeOfDay('24:00', false).ok).toBe(false);
	});
	test('must() throws a NodeOperationError naming the item (1-based) and the field', () => {
		const node = { name: 'X', type: 't', typeVersion: 1, id: '1', position: [0, 0], parameters: {} };
		expect(() => v.must(node, 2, 'Priority', v.checkIntegerRange(11, 1, 10))).toThrow('Item 3: Priority must be from 1 to 10 (got 11)');
	});
});
