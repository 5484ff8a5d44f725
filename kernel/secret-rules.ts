// Secret shapes beyond the providers' keys (issue 44, item 7): cloud keys, URLs and key blocks with credentials, named assignments.

/**
 * One redaction rule. Group 1 (every pattern has one, empty when nothing is kept) is kept: a name, a scheme and a
 * user, the text before a secret; the rest of the match is the secret. `keep` says a match is no secret after all
 * (a reference, a placeholder, code): it gets the value, the kept prefix and the character after the match.
 * Each rule names where its shape comes from: a gitleaks rule id (config/gitleaks.toml, gitleaks/gitleaks at
 * b58d3f1) or a detect-secrets plugin (Yelp/detect-secrets at 5e14193, detect_secrets/plugins/).
 */
export interface SecretRule {
  source: string;
  pattern: RegExp;
  keep?: (value: string, prefix: string, next: string) => boolean;
  /**
   * Literal texts every match holds (case as written): a text holding none is not searched. Most texts redacted are
   * a ledger row's short strings (a time, a model, a path): one scan for every rule's hints at once (redact-secrets.ts)
   * keeps such a string at about 1.2 µs (0.8 µs before these rules; 1.9 µs with a regex pass for every rule).
   */
  hints?: readonly string[];
}

/** As in redact-secrets.ts: a word start, also just after a JSON escape (`\n`, `\t`) inside JSON text. */
const WORD_START = String.raw`(?<!(?<!\\)[A-Za-z0-9_]|(?<=\\)[ac-eg-mo-qsu-zA-Z0-9_])`;
/** The end of a token: no letter or digit follows. */
const WORD_END = '(?![A-Za-z0-9])';

const AWS_KEY_ID = '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}';

/** `${PW}`, `<password>`, `%s`, `{{ secrets.X }}`, `***`, `xxxx`, an earlier `[REDACTED]`: a template or already hidden. */
function isTemplate(value: string): boolean {
  return /^[$<{%[]/.test(value) || /^(?:\*+|x+|\.+)$/i.test(value);
}

/**
 * An unquoted value after a secret's name that reads as code, not as a value: a call (`input()`, `z.string()`), a
 * name or a member path (`user_password`, `process.env.TOKEN`, `string`), a reference. A value with a digit or a
 * sign (`hunter2`, `p@ss-word`, `/9xK...`) is redacted. `NAME=value` in capitals with nothing between (a shell's or
 * a .env file's assignment) is always a value, whatever it looks like.
 */
function isCodeOrReference(value: string, prefix: string, next: string): boolean {
  if (isTemplate(value)) return true;
  if (/^[A-Z_]+=$/.test(prefix)) return false;
  return next === '(' || /^[A-Za-z_$][A-Za-z_$.]*$/.test(value);
}

/**
 * detect-secrets' KeywordDetector names (its DENYLIST: password, passwd, secret, private_key, db_pass...) and gitleaks'
 * generic-api-key ones (passw(or)d, secret, token), ending the name (`DB_PASSWORD`, `client_secret`, `SecretAccessKey`,
 * `aws_session_token`; never `tokens` or `password_hint`). `api_key`, `auth_token` and the OAuth token fields are
 * redact-secrets.ts's own, with any value. Not `pwd`: a shell's `PWD=/home/...` is everywhere in an agent's output.
 */
const SECRET_NAME = `(?:pass(?:word|wd|phrase)|secret(?:[_-]?(?:access[_-]?)?key)?|token|priv(?:ate)?[_-]?key|(?:account|client|service|db|database)[_-]?key|(?:db|database|key)[_-]?pass)${WORD_END}`;
/**
 * detect-secrets' CLOSING (`config['password']`), then `=`, `:`, `:=` or `=>` (never `==`). Quotes may come escaped
 * any number of times: a tool call's input is JSON text, and a turn line of turns.jsonl escapes it once more (`\\\"`).
 * Spaces and tabs only around the sign: a label ending a line (`password:`) is no assignment of the next line's first
 * word (issue 50, item 5).
 */
const ASSIGN = String.raw`(?:\\*["'\]]){0,2}[ \t]*(?::=|=>|[:=])(?!=)[ \t]*`;
/** A character of an unquoted value. */
const VALUE_CHAR = String.raw`[^\s"'${'`'},;&(){}\[\]<>\\]`;

/**
 * A PEM or OpenSSH private key block, to its END line; a block cut before its END loses the base64 lines left of it.
 * First of all rules, so no other shape cuts a piece out of its body and hides the END line from it.
 */
export const PRIVATE_KEY_RULE: SecretRule = {
  source: 'gitleaks private-key; detect-secrets PrivateKeyDetector',
  pattern:
    /()-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,20000}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|(?:(?:\s|\\[nr])*[A-Za-z0-9+/=]{8,})*)/g,
  hints: ['-----BEGIN'],
};

const AWS_PREFIXES = ['A3T', 'AKIA', 'ASIA', 'ABIA', 'ACCA'];

/** Run after the provider shapes of redact-secrets.ts, so a key already redacted there is not counted twice. */
export const SECRET_RULES: readonly SecretRule[] = [
  // An AWS secret access key (40 base64 characters) within 100 characters after an access key id (a credentials
  // file, a CSV, STS's JSON); the id itself goes by the next rule.
  {
    source: 'detect-secrets AWSKeyDetector (the secret beside its id)',
    pattern: new RegExp(
      `(${WORD_START}${AWS_KEY_ID}${WORD_END}[\\s\\S]{0,100}?(?<![A-Za-z0-9/+=]))[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])`,
      'g',
    ),
    hints: AWS_PREFIXES,
  },
  { source: 'gitleaks aws-access-token', pattern: new RegExp(`${WORD_START}()${AWS_KEY_ID}${WORD_END}`, 'g'), hints: AWS_PREFIXES },
  // A password in a URL's user part (postgres://user:pw@host, mysql, mongodb+srv, redis, amqp, https): the
  // password only, to its last `@` before the host, so the user and the host stay readable.
  {
    source: 'detect-secrets BasicAuthDetector',
    pattern: /(:\/\/[^\s:/?#@"'\\<>]*:)[^\s/?#"'\\<>]+(?=@)/g,
    keep: isTemplate,
    hints: ['://'],
  },
  {
    source: 'detect-secrets AzureStorageKeyDetector',
    pattern: /((?:AccountKey|SharedAccessKey)=)[A-Za-z0-9+/=]{20,}/g,
    hints: ['AccountKey=', 'SharedAccessKey='],
  },
  {
    source: 'gitleaks azure-ad-client-secret',
    pattern: /(?<![A-Za-z0-9_~.-])()[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    hints: ['Q~'],
  },
  // An Azure SAS token's signature (`...&sig=...`), the part that grants access (learn.microsoft.com, "Create SAS tokens").
  { source: 'Azure shared access signature', pattern: /([?&]sig=)[A-Za-z0-9%+/=]{20,}/g, hints: ['sig='] },
  { source: 'gitleaks gcp-api-key', pattern: new RegExp(`${WORD_START}()AIza[\\w-]{35}${WORD_END}`, 'g'), hints: ['AIza'] },
  {
    source: 'gitleaks slack-bot-token, slack-user-token, slack-legacy-*; detect-secrets SlackDetector',
    pattern: new RegExp(`${WORD_START}()xox[abeoprs]-[A-Za-z0-9-]{10,}`, 'g'),
    hints: ['xox'],
  },
  { source: 'gitleaks slack-app-token', pattern: new RegExp(`${WORD_START}()xapp-\\d-[A-Za-z0-9-]{10,}`, 'g'), hints: ['xapp-'] },
  {
    source: 'gitleaks slack-webhook-url',
    pattern: /(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_+/]{20,}/g,
    hints: ['hooks.slack.com'],
  },
  {
    source: 'gitleaks stripe-access-token; detect-secrets StripeDetector',
    pattern: new RegExp(`${WORD_START}()(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{10,99}${WORD_END}`, 'g'),
    hints: ['sk_', 'rk_'],
  },
  {
    source: 'gitleaks npm-access-token; detect-secrets NpmDetector',
    pattern: new RegExp(`${WORD_START}()npm_[A-Za-z0-9]{36}${WORD_END}`, 'g'),
    hints: ['npm_'],
  },
  {
    source: 'gitleaks gitlab-pat; detect-secrets GitLabTokenDetector',
    pattern: new RegExp(`${WORD_START}()glpat-[\\w-]{20,}`, 'g'),
    hints: ['glpat-'],
  },
  { source: 'gitleaks huggingface-access-token', pattern: new RegExp(`${WORD_START}()hf_[A-Za-z]{34}${WORD_END}`, 'g'), hints: ['hf_'] },
  {
    source: 'gitleaks pypi-upload-token; detect-secrets PypiTokenDetector',
    pattern: /()pypi-AgEIcHlwaS5vcmc[\w-]{50,}/g,
    hints: ['pypi-'],
  },
  {
    source: 'gitleaks sendgrid-api-token; detect-secrets SendGridDetector',
    pattern: new RegExp(`${WORD_START}()SG\\.[\\w-]{22}\\.[\\w-]{43}`, 'g'),
    hints: ['SG.'],
  },
  {
    source: 'gitleaks twilio-api-key',
    pattern: new RegExp(`${WORD_START}()SK[0-9a-fA-F]{32}${WORD_END}`, 'g'),
    hints: ['SK'],
  },
  // A password hash an htpasswd or shadow file keeps (bcrypt `$2y$`, Apache's `$apr1$`, SHA-crypt `$5$` / `$6$`):
  // crackable offline, so as secret as the password (issue 50, item 5).
  {
    source: 'agent-tracker: htpasswd and crypt(3) password hashes',
    pattern:
      /()\$(?:2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}|apr1\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}|[56]\$(?:rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{43,86})/g,
    hints: ['$2', '$apr1$', '$5$', '$6$'],
  },
  // `password = "..."`, `"client_secret": "..."`: a quoted value of 4+ characters, unless a template, or words after
  // a name that is not a password's (a sentence after `secret:` is prose; `password = "correct horse battery staple"`
  // is a passphrase); `PASSWORD=hunter2`, `token: 9f8e...`, `?token=...&`: an unquoted one, unless it reads as code,
  // or is itself a name being assigned (`secret: aws_secret_access_key = ...`: the assignment after the label is
  // matched on its own). One pattern: the names are the costly part of the scan (8 ms on 900 KB).
  {
    source: 'detect-secrets KeywordDetector; gitleaks generic-api-key',
    pattern: new RegExp(
      `(${SECRET_NAME}${ASSIGN}(?:\\\\*["'\`])?)(?:(?<=["'\`])[^"'\`\\\\\\r\\n]{4,200}(?=\\\\*["'\`])|(?<!["'\`])${VALUE_CHAR}{4,}(?!${VALUE_CHAR})(?![ \\t]*(?::=|=>|[:=])))`,
      'gi',
    ),
    keep: (value, prefix, next) =>
      /["'`]$/.test(prefix) ? isTemplate(value) || (/\s/.test(value) && !/pass/i.test(prefix)) : isCodeOrReference(value, prefix, next),
    // Every name above holds one of these, in lower case, capitalized or upper case (`SecretAccessKey`, `DB_PASSWORD`).
    hints: ['pass', 'Pass', 'PASS', 'secret', 'Secret', 'SECRET', 'token', 'Token', 'TOKEN', 'key', 'Key', 'KEY'],
  },
];
