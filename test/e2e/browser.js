'use strict';
/**
 * Browser check in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core): log in, find every node
 * and trigger of the package in the node panel, open a node and see its resources/operations, open a credential
 * and press Retry (the Test button) to see success. Screenshots go to test-output/browser/*.jpg.
 */
const assert = require('node:assert/strict');
const { after } = require('node:test');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, VENDORS } = require('../tools/vendors');
const { OWNER, builtNodeInfo } = require('../tools/n8n-instance');

const SHOTS = path.join(ROOT, 'test-output', 'browser');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function register({ ctx, describe, it, timed }) {
	describe('browser: the n8n editor shows the package (headless Chromium)', () => {
		let browser;
		let page;
		let userDataDir;
		const state = { loggedIn: false };

		const shot = async (name) => {
			fs.mkdirSync(SHOTS, { recursive: true });
			// JPEG, not PNG: `n8n-node build` copies every **/*.png outside dist/ into the package.
			const file = path.join(SHOTS, `${name}.jpg`);
			await page.screenshot({ path: file, type: 'jpeg', quality: 80 });
			return file;
		};
		// Whole text, ignoring the whitespace n8n leaves around names (e.g. before the community-node badge).
		const exact = (text) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
		/** Types the node's name into the panel's search and waits for an entry with exactly that name. */
		// The trigger panel lists a trigger under its app's name: n8n drops the " Trigger" suffix there.
		const panelName = (n) => (n.trigger ? n.displayName.replace(/ Trigger$/, '') : n.displayName);
		const findInPanel = async (n, shotPrefix) => {
			await page.getByTestId('node-creator-search-bar').fill(n.displayName);
			const item = page.getByTestId('node-creator-item-name').filter({ hasText: exact(panelName(n)) }).first();
			const found = await item.waitFor({ timeout: 10000 }).then(() => true, () => false);
			await shot(`${shotPrefix}-${n.name}`);
			assert.ok(found, `searching "${n.displayName}" in the node panel shows ${JSON.stringify(await itemNames())}`);
			return item;
		};
		const itemNames = () => page.$$eval('[data-test-id="node-creator-item-name"]', (els) => els.map((e) => e.textContent.trim()));

		it('launches Chromium and logs in', timed('browser', async (t) => {
			if (!fs.existsSync(CHROMIUM)) return t.skip(`${CHROMIUM} not installed (apt-get install -y chromium)`);
			const { chromium, selectors } = require('playwright-core');
			selectors.setTestIdAttribute('data-test-id'); // n8n's attribute, not playwright's default data-testid
			userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-chromium-'));
			const context = await chromium.launchPersistentContext(userDataDir, {
				executablePath: CHROMIUM,
				headless: true,
				viewport: { width: 1440, height: 900 },
				args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
			});
			browser = context;
			page = context.pages()[0] || (await context.newPage());
			page.setDefaultTimeout(20000);
			await page.goto(`${ctx.n8n.url}/signin`);
			await page.getByLabel('Email').fill(OWNER.email);
			await page.getByLabel('Password').fill(OWNER.password);
			await shot('01-signin');
			await page.getByRole('button', { name: 'Sign in' }).click();
			await page.waitForURL((u) => !u.pathname.includes('signin'));
			state.loggedIn = true;
		}));

		it('the node panel finds every trigger of the package', timed('browser', async (t) => {
			if (!state.loggedIn) return t.skip('not logged in');
			const triggers = builtNodeInfo().filter((n) => n.trigger);
			if (!triggers.length) return t.skip('no trigger node in this checkout');
			await page.goto(`${ctx.n8n.url}/workflow/new`);
			await page.getByTestId('canvas-plus-button').click();
			for (const n of triggers) {
				// Found, and opening it lists its trigger events.
				await (await findInPanel(n, '02-trigger-search')).click();
				await page.getByText(/^Triggers \(\d+\)$/).first().waitFor();
				const text = await page.getByTestId('node-creator').innerText();
				await page.waitForTimeout(700); // let the panel finish sliding in, for a readable screenshot
				await shot(`02-trigger-open-${n.name}`);
				assert.ok(Number(/Triggers \((\d+)\)/.exec(text)[1]) >= 1, text.slice(0, 400));
				await page.getByTestId('node-creator-search-bar').waitFor({ state: 'detached', timeout: 1000 }).catch(() => {});
				await page.keyboard.press('Escape');
				await page.goto(`${ctx.n8n.url}/workflow/new`);
				await page.getByTestId('canvas-plus-button').click();
			}
		}));

		it('the node panel finds every action node; a node shows its resources and operations', timed('browser', async (t) => {
			if (!state.loggedIn) return t.skip('not logged in');
			const actions = builtNodeInfo().filter((n) => !n.trigger);
			if (!actions.length) return t.skip('no action node in this checkout');
			await page.goto(`${ctx.n8n.url}/workflow/new`);
			await page.getByTestId('canvas-plus-button').click();
			const search = page.getByTestId('node-creator-search-bar');
			await search.fill('Manual Trigger');
			await page.getByTestId('node-creator-item-name').filter({ hasText: /^Manual Trigger$/ }).first().click();
			await page.keyboard.press('Escape'); // close the node details view the new trigger opens
			await page.getByTestId('node-creator-plus-button').click();
			for (const n of actions) {
				await findInPanel(n, '03-action-search');
			}
			// Open the first action node: its actions are listed grouped by resource.
			const first = actions[0];
			await (await findInPanel(first, '04-node-search')).click();
			await page.getByText(/^Actions \(\d+\)$/).first().waitFor();
			const text = await page.getByTestId('node-creator').innerText();
			await page.waitForTimeout(700);
			await shot(`04-node-actions-${first.name}`);
			const count = Number(/Actions \((\d+)\)/.exec(text)[1]);
			assert.ok(count >= 2, `expected several operations, got ${count}`);
			const resourceHeaders = text.split('\n').filter((l) => / ACTIONS$/i.test(l.trim()));
			assert.ok(resourceHeaders.length >= 1, `no resource group shown:\n${text.slice(0, 600)}`);
			// Pick an operation: the node opens with its Resource and Operation fields and the credential preselected.
			const entries = (await page.getByTestId('item-iterator-item').allInnerTexts()).map((x) => x.trim());
			const op = entries.find((x) => /^Get many/i.test(x)) || entries.find((x) => !/actions$/i.test(x) && !x.includes('\n'));
			await page.getByTestId('item-iterator-item').filter({ hasText: exact(op) }).first().click();
			await page.getByTestId('ndv').waitFor();
			await page.getByTestId('parameter-input-operation').waitFor();
			const resource = await page.getByTestId('parameter-input-resource').locator('input').first().inputValue();
			const operation = await page.getByTestId('parameter-input-operation').locator('input').first().inputValue();
			await shot(`05-node-open-${first.name}`);
			assert.ok(resource && operation, `Resource "${resource}" / Operation "${operation}" not shown`);
			const credentialShown = await page.getByTestId('node-credentials-select').locator('input').first().inputValue();
			// n8n preselects a credential of the node's type (this instance has a good and a wrong-secret one per vendor).
			const vendor = VENDORS.find((v) => v.nodes.some((x) => x.name === first.name));
			const names = [...ctx.credentials, ...(ctx.wrongCredentials || [])].filter((c) => c.type === vendor.credentialType).map((c) => c.name);
			if (names.length) assert.ok(names.includes(credentialShown), `credential field shows "${credentialShown}", expected one of ${JSON.stringify(names)}`);
			ctx.log(`browser: "${first.displayName}" opened with Resource "${resource}", Operation "${operation}", credential "${credentialShown}" (${op})`);
		}));

		it('a credential of the package tests successfully from its dialog', timed('browser', async (t) => {
			if (!state.loggedIn) return t.skip('not logged in');
			const cred = ctx.credentials[0];
			if (!cred) return t.skip('no credential in this checkout');
			const vendor = VENDORS.find((v) => v.credentialType === cred.type);
			const tests = [];
			page.on('response', (r) => {
				if (r.url().endsWith('/rest/credentials/test')) tests.push(r.status());
			});
			await page.goto(`${ctx.n8n.url}/home/credentials`);
			await page.getByText(cred.name, { exact: true }).first().click();
			await page.getByTestId('credential-edit-dialog').waitFor();
			await page.getByTestId('credentials-config-container-test-success').waitFor();
			const before = tests.length;
			const answer = page.waitForResponse((r) => r.url().endsWith('/rest/credentials/test'));
			await page.getByRole('button', { name: 'Retry' }).click();
			const result = await (await answer).json();
			assert.equal(result.data && result.data.status, 'OK', `the test the button sent answered ${JSON.stringify(result)}`);
			await page.waitForTimeout(800); // the banner re-renders after the answer
			await page.getByTestId('credentials-config-container-test-success').waitFor();
			await shot(`06-credential-test-${vendor.key}`);
			assert.ok(tests.length > before, 'pressing Retry sent no credential test');
			assert.ok(tests.every((s) => s === 200), `credential test calls: ${tests}`);
			const banner = await page.getByTestId('credentials-config-container-test-success').innerText();
			assert.match(banner, /Connection tested successfully/);
		}));

		// A hook, not a test: it must run even when tests are filtered out (--test-name-pattern) or fail.
		after(async () => {
			if (browser) await browser.close().catch(() => {});
			if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
		});
	});
}

module.exports = { register };
