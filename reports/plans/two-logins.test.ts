// One subscriber's two Claude logins (Max 5x and Pro) in `tracker plans` and `tracker calibrate`: each under its own account, never a third.
import { describe, expect, it } from 'vitest';
import { buildEverydayCalibration } from '../metrics/build-everyday-calibration.js';
import { renderEverydayCalibration } from '../metrics/render-everyday-calibration.js';
import { makeTwoLoginsLedger, makeTwoLoginsOptions, MAX_LOGIN, PRO_LOGIN } from '../test-fixtures/make-two-logins.js';
import { buildPlansAdvice } from './build-plans-advice.js';
import { formatSpread } from './format-plan-figures.js';
import { renderPlans } from './render-plans.js';

const [MAX, PRO] = [`claude@${MAX_LOGIN}`, `claude@${PRO_LOGIN}`];
const options = makeTwoLoginsOptions();

describe('two logins, every use and reading under its own account', () => {
  it("puts a login's answers that name no account under the account its session's status-line readings name: no third claude", () => {
    // The Pro login's transcripts were ingested before its config dir's .claude.json named it.
    const report = buildPlansAdvice(makeTwoLoginsLedger({ pro_uses_named: false }), options);
    expect(report.accounts.map((account) => [account.provider, account.held]).sort()).toEqual([
      [PRO, 'claude-pro'],
      [MAX, 'claude-max-5x'],
    ]);
    expect(report.accounts.find((account) => account.provider === PRO)?.outcomes.every((outcome) => outcome.na === null)).toBe(true);
    const calibrated = buildEverydayCalibration(makeTwoLoginsLedger({ pro_uses_named: false }), options).calibrations;
    expect(calibrated.map((one) => [one.provider, one.plan, one.plan_from])).toEqual([
      [PRO, 'claude-pro', 'flag'],
      [MAX, 'claude-max-5x', 'flag'],
    ]);
  });

  it('leaves out, and says so, use that nothing ties to a login when the provider has two: never an anonymous account', () => {
    const ledger = makeTwoLoginsLedger({ pro_uses_named: false, pro_sessions_shared: false });
    const unnamed = ledger.readings.filter((reading) => !reading.account).length;
    expect(unnamed).toBeGreaterThan(200);
    const report = buildPlansAdvice(ledger, options);
    expect(report.accounts.map((account) => account.provider)).toEqual([MAX]);
    expect(report.notes.join('\n')).toContain(`${unnamed} uses of claude name no login, beside rows of two logins or more: left out`);
    const calibration = buildEverydayCalibration(ledger, options);
    expect(calibration.calibrations.map((one) => one.provider)).toEqual([MAX]);
    expect(renderEverydayCalibration(calibration, 0.95)).toContain(`${unnamed} uses of claude name no login`);
  });

  it('holds a login whose use was recorded but whose bars never were under the plan passed for it, its bars n/a', () => {
    const report = buildPlansAdvice(makeTwoLoginsLedger({ pro_bars: false }), options);
    const pro = report.accounts.find((account) => account.provider === PRO);
    expect(pro?.held).toBe('claude-pro');
    expect(pro?.outcomes.map((outcome) => outcome.na)).toEqual(
      pro?.outcomes.map(() => `its five_hour bar was never calibrated on ${PRO}'s readings`),
    );
  });

  it('gives a login whose bars were read but whose use was never recorded a line saying so, in calibrate and plans', () => {
    const ledger = makeTwoLoginsLedger({ pro_uses: false });
    const calibration = buildEverydayCalibration(ledger, options);
    expect(calibration.calibrations.map((one) => one.provider)).toEqual([MAX]);
    expect(renderEverydayCalibration(calibration, 0.95)).toContain(
      `${PRO}: its bars were read, but no use of it was recorded between them: not calibrated`,
    );
    expect(buildPlansAdvice(ledger, options).notes.join('\n')).toContain(`${PRO}: its bars were read, but no use of it was recorded`);
  });
});

describe('two logins in tracker plans: each portfolio once, the few worth reading first, both logins on one plan weighed', () => {
  const advice = buildPlansAdvice(makeTwoLoginsLedger(), options);
  const text = (all: boolean) => renderPlans(advice, { all });

  it('lists both logins on one plan once, whichever login keeps it, at the more cautious of the two replays', () => {
    const onOne = (plan: string) => advice.portfolios.filter((portfolio) => portfolio.dropped && portfolio.plans.join() === plan);
    for (const plan of ['claude-pro', 'claude-max-5x', 'claude-max-20x']) expect(onOne(plan)).toHaveLength(1);
    const names = advice.portfolios.map((portfolio) =>
      JSON.stringify([portfolio.holdings, portfolio.dropped?.provider, portfolio.dropped?.into]),
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it('shows first the plans held, the answers and the portfolios none of their kind beats; --all-portfolios every one', () => {
    const worth = advice.portfolios.filter((portfolio) => portfolio.worth_reading);
    expect(worth.length).toBeLessThan(advice.portfolios.length);
    expect(worth).toContain(advice.logins?.held);
    expect(worth).toContain(advice.cheapest_covering);
    // Pro for the Max login and Max 5x for the Pro login ($120) is beaten by the plans held ($120, fewer hits and
    // hours), two Max 20x ($400) by Max 20x and Max 5x ($300, no hit either); two Pro plans ($40) no cheaper one beats.
    const named = (portfolio: (typeof worth)[number]) => portfolio.holdings.map((one) => one.plan).join(' + ');
    expect(worth.map(named)).not.toContain('claude-pro + claude-max-5x');
    expect(worth.map(named)).not.toContain('claude-max-20x + claude-max-20x');
    expect(worth.map(named)).toContain('claude-pro + claude-pro');
    expect(text(false)).toContain(`Portfolios worth reading, cheapest first (${worth.length} of ${advice.portfolios.length}:`);
    expect(
      text(false)
        .split('\n')
        .filter((line) => /^ {2}\S.* +\$\d+ {2}hits/.test(line)),
    ).toHaveLength(worth.length);
    expect(
      text(true)
        .split('\n')
        .filter((line) => /^ {2}\S.* +\$\d+ {2}hits/.test(line)),
    ).toHaveLength(advice.portfolios.length);
    expect(text(false)).toMatch(new RegExp(`^  ${MAX} claude-max-5x \\+ ${PRO} claude-pro +\\$120 .*; the plans held now$`, 'm'));
  });

  it('weighs both logins on one plan against each login on its own plan, and names which login holds which plan', () => {
    expect(advice.logins?.held).toMatchObject({ usd_per_month: 120, holdings: [{ plan: 'claude-max-5x' }, { plan: 'claude-pro' }] });
    expect(advice.logins?.held?.hits?.estimate).toBeGreaterThan(0);
    expect(advice.logins?.one_plan).toMatchObject({ plans: ['claude-max-20x'], usd_per_month: 200, hits: { estimate: 0 } });
    expect(advice.logins?.each_login).toMatchObject({
      usd_per_month: 300,
      hits: { estimate: 0 },
      holdings: [
        { provider: MAX, plan: 'claude-max-20x' },
        { provider: PRO, plan: 'claude-max-5x' },
      ],
    });
    expect(advice.cheapest_covering).toBe(advice.logins?.one_plan);
    const held = advice.logins?.held;
    expect(text(false)).toContain(
      `Cheapest with two logins on one plan: one claude-max-20x for ${PRO} and ${MAX} ($200 a month), hits 0, waited 0.0 h, against $120 and ${formatSpread(held?.hits ?? null, 0)} hits now`,
    );
    expect(text(false)).toContain(
      `Cheapest keeping each login on a plan of its own: ${MAX} claude-max-20x + ${PRO} claude-max-5x ($300 a month), hits 0`,
    );
  });

  it('names each login by the address it signed in with, in plans and calibrate, its account still the key flags take', () => {
    const names = new Map([
      [MAX_LOGIN, { name: 'max@example.com', from: '/home/u/.claude' }],
      [PRO_LOGIN, { name: 'pro@example.com', from: '/home/u/claude-pro' }],
    ]);
    const line = `Logins: ${MAX} is max@example.com (/home/u/.claude); ${PRO} is pro@example.com (/home/u/claude-pro)`;
    expect(renderPlans(advice, { names }).split('\n')[1]).toBe(line);
    const calibration = buildEverydayCalibration(makeTwoLoginsLedger(), options);
    expect(renderEverydayCalibration(calibration, 0.95, names)).toContain(
      `Logins: ${PRO} is pro@example.com (/home/u/claude-pro); ${MAX} is max@example.com (/home/u/.claude)`,
    );
  });
});

describe('the headroom bases tracker plans keeps for the status line', () => {
  it('name the login each is of: the two logins apart, and a month of one login names it on its plain basis', () => {
    const two = buildPlansAdvice(makeTwoLoginsLedger(), options).bases;
    expect(two.map((basis) => [basis.provider, basis.account]).sort()).toEqual([
      [PRO, PRO_LOGIN],
      [MAX, MAX_LOGIN],
    ]);
    // The Pro login's status line never ran nor its use was recorded: one login, its label plain, its basis still its.
    const one = buildPlansAdvice(
      makeTwoLoginsLedger({ pro_uses: false, pro_bars: false }),
      makeTwoLoginsOptions({ claude: 'claude-max-5x' }),
    );
    expect(one.bases.map((basis) => [basis.provider, basis.account])).toEqual([['claude', MAX_LOGIN]]);
  });
});
