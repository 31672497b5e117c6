const fc = require('fast-check');
const v = require('../../nodes/shared/validation');

describe('normalizePhoneE164', () => {
	test.each([
		['+1 (213) 555-0123', '+12135550123'],
		['+44 20 7946 0958', '+442079460958'],
		['0044 20 7946 0958', '+442079460958'],
		['12135550123', '+12135550123'],
		['tel:+351-912-345-678', '+351912345678'],
		['+1.213.555.0123', '+12135550123'],
		[12135550123, '+12135550123'],
	])('accepts %p as %p', (raw, expected) => {
		expect(v.normalizePhoneE164(raw)).toEqual({ ok: true, value: expected });
	});

	test.each([
		['', /empty/],
		['   ', /empty/],
		[undefined, /empty/],
		['2135550123', /no country code/], // 10 digits: national, never guess +1
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
