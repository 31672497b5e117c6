// The hand-written MD5 (the package may not import crypto) against Node's, on edge lengths around a block.
const crypto = require('crypto');
const { md5Base64 } = require('../../nodes/Talkdesk/transport/md5');

test('md5Base64 matches crypto for lengths around the 64-byte block and a large file', () => {
	for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 1000, 300_000]) {
		const buf = Buffer.alloc(n);
		for (let i = 0; i < n; i++) buf[i] = (i * 31 + 7) & 0xff;
		expect(md5Base64(buf)).toBe(crypto.createHash('md5').update(buf).digest('base64'));
	}
});
