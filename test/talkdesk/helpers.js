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

module.exports = { setup, talkdesk, TYPE };
