// Shared set-up for the Talkdesk engine tests: a simulator on an ephemeral port and a harness with our types.
const talkdesk = require('../simulators/talkdesk');
const { createHarness } = require('../harness/engine');
const { TalkdeskCampaigns } = require('../../nodes/Talkdesk/TalkdeskCampaigns.node');
const { TalkdeskCampaignsTrigger } = require('../../nodes/Talkdesk/TalkdeskCampaignsTrigger.node');
const { TalkdeskOAuth2Api } = require('../../credentials/TalkdeskOAuth2Api.credentials');

const TYPE = 'talkdeskOAuth2Api';

async function setup(simOptions = {}, credOverrides = {}) {
	const sim = talkdesk.create(simOptions);
	const url = await sim.start();
	const h = createHarness({ nodes: [TalkdeskCampaigns, TalkdeskCampaignsTrigger], credentials: [TalkdeskOAuth2Api] });
	const cid = h.addCredential(TYPE, { ...talkdesk.demoCredentials(url), ...credOverrides });
	const node = (parameters, extra = {}) => ({ type: 'talkdeskCampaigns', parameters, credentials: h.credentialRef(TYPE, cid), ...extra });
	const trigger = (parameters, extra = {}) => ({ type: 'talkdeskCampaignsTrigger', parameters, credentials: h.credentialRef(TYPE, cid), ...extra });
	const byId = (value) => ({ __rl: true, mode: 'id', value });
	return { sim, url, h, cid, node, trigger, byId, TYPE };
}

/**
 * One simulator for a describe block: started before its tests, stopped after them, its ledger cleared before each
 * test, then `reset(env)` for the block's own switches. Returns the env object, filled in once the block starts.
 */
function useTalkdeskEnv(reset = () => {}) {
	const env = {};
	beforeAll(async () => {
		Object.assign(env, await setup());
	});
	afterAll(() => env.sim.stop());
	beforeEach(() => {
		env.sim.clearLedger();
		reset(env);
	});
	return env;
}

module.exports = { setup, useTalkdeskEnv, talkdesk, TYPE };
