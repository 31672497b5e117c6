// TLS verification stays on: Talkdesk and Talkover have no way to turn it off, QVOICE only through its explicit
// "Ignore SSL Issues" credential option (refusal by default is proven in test/qvoice/node.test.js). A simulator with
// a self-signed certificate must be refused by default, before any credential or token is sent to it.
const { makeSelfSignedCert } = require('../qvoice/helpers');
const { startVendor, VENDORS } = require('./env');

const tls = makeSelfSignedCert();

const CASES = {
	talkdesk: (env) => ({ resource: 'campaign', operation: 'getMany', returnAll: true }),
	talkover: () => ({ resource: 'agent', operation: 'getAll', returnAll: true }),
};

test.each(Object.keys(CASES))('%s: a self-signed server is refused by default, nothing is sent to it', async (vendor) => {
	const env = await startVendor(vendor, {}, { tls });
	try {
		expect(env.url).toMatch(/^https:/);
		const r = await env.h.runNode(env.node(CASES[vendor](env)));
		const err = r.error || r.nodeError;
		expect(err).toBeDefined();
		expect(`${err.message} ${err.description || ''}`).toMatch(/certificate is not trusted/);
		expect(env.sim.ledger).toHaveLength(0); // no token request, no API call: the handshake failed first
		// No switch to weaken it: the credential type has no such field.
		const visible = env.h.credentialsHelper.getCredentialsProperties(VENDORS[vendor].cred).filter((p) => p.type !== 'hidden').map((p) => p.name);
		expect(visible.filter((n) => /ssl|unauthori[sz]ed|insecure|tls|cert/i.test(n))).toEqual([]);
		const ct = await env.h.testCredential(VENDORS[vendor].cred, VENDORS[vendor].module.demoCredentials(env.url));
		expect(ct.status).toBe('Error');
		expect(env.sim.ledger).toHaveLength(0);
	} finally {
		await env.stop();
	}
});
