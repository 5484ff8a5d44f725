// The logins face of budget/ (a sub-face): the plans your agent CLIs' logins say, priced. Apart from budget/plans, whose pure tables reports/ loads.
export { type LoginSubscription, resolveLoginPlans } from './resolve-login-plans.js';
