// Shared setup of the Talkover action-node tests: a fresh simulator, harness and credential per test.
const { createHarness } = require('../harness/engine');
const talkover = require('../simulators/talkover');
const { Talkover } = require('../../nodes/Talkover/Talkover.node');
const { TalkoverApi } = require('../../credentials/TalkoverApi.credentials');

/** Registers beforeEach/afterEach; the returned object holds this test's { sim, h, cred }. */
function useTalkoverEnv() {
	const env = {};
	beforeEach(async () => {
		env.sim = talkover.create({ webhookRetryDelayMs: 20 });
		const url = await env.sim.start();
		env.h = createHarness({ nodes: [Talkover], credentials: [TalkoverApi] });
		env.cred = env.h.addCredential('talkoverApi', talkover.demoCredentials(url));
	});
	afterEach(() => env.sim.stop());
	return env;
}

module.exports = { useTalkoverEnv };
