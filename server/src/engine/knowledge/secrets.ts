/**
 * What counts as a secret. Kept deliberately narrow: users switch a whole tool off after a few
 * false alarms (hadolint's DL3064 drew complaints about GOPRIVATE, *_TOKEN_FILE and
 * "username"), so names must say secret *and* not say "this is a path, URL, id or switch".
 * Values are never returned whole: callers get a masked form for messages.
 */

const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'pwd',
  // Jenkins' credentials binding: NEXUS_PSW beside NEXUS_USR.
  'psw',
  'pass',
  'secret',
  'secrets',
  'token',
  'tokens',
  'credential',
  'credentials',
  'creds',
  'apikey',
  'privatekey',
  'accesskey',
  'secretkey',
  'authkey',
]);

/** Words that make `*_KEY` a secret (`API_KEY`, `SSH_KEY`), unlike `GPG_KEY` (a fingerprint). */
const KEY_QUALIFIERS = new Set([
  'api',
  'private',
  'access',
  'secret',
  'ssh',
  'signing',
  'encryption',
  'master',
  'license',
  'client',
  'auth',
  'account',
  'service',
  'session',
  'webhook',
  'deploy',
  'stripe',
  'sendgrid',
  'mailgun',
  'openai',
  'anthropic',
  'app',
  'admin',
]);

/** A last word that makes the variable a pointer to a secret, or a setting about one. */
const NOT_SECRET_SUFFIXES = new Set([
  'file',
  'files',
  'path',
  'dir',
  'directory',
  'url',
  'uri',
  'endpoint',
  'host',
  'hostname',
  'port',
  'name',
  'id',
  'version',
  'type',
  'length',
  'size',
  'enabled',
  'enable',
  'disabled',
  'required',
  'mode',
  'header',
  'field',
  'param',
  'expiry',
  'expires',
  'ttl',
  'timeout',
  'location',
  'ref',
  'server',
  'algorithm',
  'format',
  'prefix',
  'suffix',
  'policy',
  'scope',
  'scopes',
  'method',
  'provider',
  'store',
  'vault',
  'arn',
  'region',
  'audience',
  'issuer',
  'user',
  'username',
  'count',
  'hash',
  'checksum',
  'sha256',
  'fingerprint',
  'keyring',
  'keyserver',
  'kind',
  'min',
  'max',
  'rounds',
  'cost',
  'policy',
  'command',
  'cmd',
  'helper',
  'manager',
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when a variable name says it holds a secret (`DB_PASSWORD`, `GITHUB_TOKEN`, `ApiKey`). */
export function isSecretName(name: string): boolean {
  const parts = words(name);
  if (parts.length === 0 || parts.includes('public')) return false;
  if (NOT_SECRET_SUFFIXES.has(parts[parts.length - 1])) return false;
  for (let i = 0; i < parts.length; i++) {
    if (SECRET_WORDS.has(parts[i])) return true;
    if (parts[i] === 'key' && i > 0 && KEY_QUALIFIERS.has(parts[i - 1])) return true;
  }
  return false;
}

/**
 * Values that are settings or placeholders, not secrets: switches, empty, paths, and filler
 * such as `XXXXXXXX` or an all-zero UUID (seen in the corpus as "set me" defaults). Weak real
 * defaults (`admin`, `password`) are still reported: default credentials are a risk.
 */
export function isPlainSetting(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '');
  if (v === '' || /^(true|false|yes|no|on|off|0|1|none|null)$/i.test(v) || /^(\/|\.\/|~\/)/.test(v)) return true;
  const filler = v.replace(/[-_.]/g, '');
  // Magic words and stand-ins (documenso's ARG NEXT_PRIVATE_ENCRYPTION_KEY="CAFEBABE").
  if (/^(0x)?(deadbeef|cafebabe|feedface|baadf00d)$/i.test(filler)) return true;
  return filler.length > 0 && /^(.)\1*$/i.test(filler);
}

/** Passwords in URLs that are evidently placeholders (`user:pass@localhost`, `placeholder:placeholder@`). */
export function isPlaceholderPassword(user: string, password: string): boolean {
  return password === user || /^(pass|password|passwd|placeholder|dummy|changeme|example|secret|test|x+|\*+)$/i.test(password);
}

export interface TokenMatch {
  kind: string;
  start: number;
  end: number;
  /** What a message may show: the token's public prefix, never the secret part. */
  masked: string;
}

interface TokenPattern {
  kind: string;
  re: RegExp;
  /** Characters of the match that are public and may be shown. */
  visible: (match: RegExpExecArray) => string;
  /** Matches that are evidently not real credentials. */
  ignore?: (match: RegExpExecArray) => boolean;
  /** A sticky pattern tried only where this text occurs (see anchoredMatches). */
  anchor?: string;
  /** With `anchor`: the pattern starts with a URL scheme, up to 32 characters before the anchor. */
  schemeBefore?: boolean;
  /** With `anchor`: after a failed try, the characters whose run cannot hold another start. */
  skipRun?: RegExp;
}

const prefix = (n: number) => (m: RegExpExecArray) => `${m[0].slice(0, n)}…`;

const PATTERNS: TokenPattern[] = [
  { kind: 'an AWS access key', re: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g, visible: prefix(4) },
  { kind: 'an AWS secret access key', re: /aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+=]{40}\b/gi, visible: () => 'aws_secret_access_key=…' },
  { kind: 'a GitHub token', re: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b/g, visible: prefix(4) },
  { kind: 'a GitHub token', re: /\bgithub_pat_[A-Za-z0-9_]{22,}\b/g, visible: prefix(11) },
  { kind: 'a GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20,}\b/g, visible: prefix(6) },
  { kind: 'a Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, visible: prefix(5) },
  { kind: 'a Slack webhook', re: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/g, visible: () => 'https://hooks.slack.com/services/…' },
  { kind: 'a Stripe key', re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}\b/g, visible: prefix(8) },
  { kind: 'an npm token', re: /\bnpm_[A-Za-z0-9]{36}\b/g, visible: prefix(4) },
  { kind: 'a Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/g, visible: prefix(4) },
  { kind: 'an OpenAI or Anthropic key', re: /\bsk-(?:proj|ant|svcacct)-[A-Za-z0-9_-]{32,}/g, visible: prefix(8) },
  { kind: 'a private key', re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g, visible: (m) => m[0] },
  // Three dot-separated base64url parts. Tried only where a run of those characters starts with
  // `eyJ` and reaches a dot (skipRun): otherwise `eyJ-eyJ-eyJ-…` costs quadratic time.
  { kind: 'a JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/y, visible: () => 'eyJ…', anchor: 'eyJ', skipRun: /[A-Za-z0-9_-]/ },
  {
    kind: 'a password in a URL',
    // scheme://user:password@host, where the password is literal (no $VAR, no ${…}). Tried only
    // at a `://` with a scheme of at most 32 characters before it: a scheme-like run without one
    // (`a-a-a-…`) cost quadratic time.
    re: /\b[a-z][a-z0-9+.-]{0,31}:\/\/([^/\s:@$'"]+):([^/\s@$'"{}]+)@[^\s/'"]+/iy,
    visible: (m) => m[0].replace(/^([^:]+:\/\/[^:]+:)[^@]+@/, '$1****@'),
    ignore: (m) => isPlaceholderPassword(m[1], m[2]),
    anchor: '://',
    schemeBefore: true,
  },
];

/** Where a sticky pattern is tried: at each occurrence of its anchor (or before it, for a URL scheme). */
function* anchoredMatches(text: string, pattern: TokenPattern & { anchor: string }): Generator<RegExpExecArray> {
  let from = 0;
  while (from < text.length) {
    const at = text.indexOf(pattern.anchor, from);
    if (at < 0) return;
    let first = at;
    if (pattern.schemeBefore) {
      while (first > from && at - first < 32 && /[A-Za-z0-9+.-]/.test(text[first - 1])) first--;
    }
    let match: RegExpExecArray | null = null;
    // A scheme is at most 32 characters: at most 32 tries, leftmost first, as a plain search would.
    for (let start = first; start <= at && !match; start++) {
      pattern.re.lastIndex = start;
      match = pattern.re.exec(text);
    }
    if (match) {
      yield match;
      from = match.index + match[0].length;
      continue;
    }
    // Every later start inside this run of characters fails for the same reason (the run ends
    // where it ends): skip the run. Not when the try failed only for want of a word boundary.
    let next = at + pattern.anchor.length;
    const atBoundary = at === 0 || !/\w/.test(text[at - 1]);
    if (pattern.skipRun && atBoundary) while (next < text.length && pattern.skipRun.test(text[next])) next++;
    from = Math.max(next, at + 1);
  }
}

/** Literal secrets in a text: well-known token formats, private keys, passwords in URLs. */
export function findTokens(text: string): TokenMatch[] {
  const found: TokenMatch[] = [];
  for (const pattern of PATTERNS) {
    const matches = pattern.anchor ? anchoredMatches(text, pattern as TokenPattern & { anchor: string }) : allMatches(text, pattern.re);
    for (const m of matches) {
      if (pattern.ignore?.(m)) continue;
      found.push({ kind: pattern.kind, start: m.index, end: m.index + m[0].length, masked: pattern.visible(m) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function* allMatches(text: string, re: RegExp): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) yield m;
}

/** A secret id for `--mount=type=secret,id=…`: `NPM_TOKEN` → `npm_token`. */
export function secretId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_.-]/g, '_');
}

export interface SecretFile {
  what: string;
  /** Config files that often, not always, hold tokens are reported as warnings. */
  maybe?: boolean;
  /** Programs that read the file during a RUN, so a secret mount can replace the COPY. */
  readers?: string[];
}

/** Recognises secret files by name; `.env.example` and public keys are not secrets. */
export function secretFileKind(path: string): SecretFile | null {
  const segments = path.replace(/\\/g, '/').split('/').filter(Boolean);
  const base = (segments[segments.length - 1] ?? '').toLowerCase();
  if (segments.some((s) => ['.ssh', '.aws', '.kube', '.gnupg'].includes(s.toLowerCase()))) return { what: 'a credentials folder' };
  // A project's own `.docker/` folder holds its Docker setup (kimai's vhost, entrypoint and
  // probes); only the client's config.json in it holds registry logins.
  if (base === 'config.json' && segments[segments.length - 2]?.toLowerCase() === '.docker') return { what: 'a Docker client config (registry logins)' };
  if (/^\.env(\.(?!example$|sample$|template$|dist$|defaults$|test$|testing$|ci$)[\w-]+)?$/.test(base)) return { what: 'an environment file with secrets' };
  if (/^id_(rsa|dsa|ecdsa|ed25519)$/.test(base)) return { what: 'an SSH private key' };
  // Repository signing keys go into images on purpose (`nodesource-repo.gpg.key`, `yarn-pubkey.gpg`).
  if (/(^|[._-])(pub|public|pubkey|gpg|pgp|keyring|archive-keyring)([._-]|$)/.test(base) && /\.(key|asc|gpg|pem)$/.test(base)) return null;
  if (/\.(key|p12|pfx|jks|keystore)$/.test(base) && !base.endsWith('.pub')) return { what: 'a private key or keystore' };
  if (/\.pem$/.test(base) && /(key|private|id_)/.test(base)) return { what: 'a private key' };
  if (base === '.npmrc') return { what: 'an npm config file (often holds registry tokens)', maybe: true, readers: ['npm', 'npx', 'yarn', 'pnpm'] };
  if (base === '.pypirc') return { what: 'a PyPI config file (often holds upload credentials)', maybe: true, readers: ['twine', 'pip', 'pip3', 'poetry'] };
  if (base === '.netrc') return { what: 'a .netrc file (passwords)', readers: ['curl', 'wget', 'git', 'pip', 'pip3', 'ftp'] };
  if (['.git-credentials', '.dockercfg', 'kubeconfig', 'credentials', 'credentials.json', '.htpasswd'].includes(base)) return { what: 'a credentials file' };
  return null;
}

/** Folders of tests and examples: a key or `.env` in them is a committed fixture, public with the code (AdGuardHome's testdata/key.pem). */
const FIXTURE_FOLDER = /^(tests?|testdata|test_?resources|testing|__tests__|__fixtures__|fixtures?|spec|e2e|mocks?|examples?|samples?|docs?|demos?)$/i;

export function inTestFixtures(path: string): boolean {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .slice(0, -1)
    .some((segment) => FIXTURE_FOLDER.test(segment));
}

/**
 * Whether a package manager's config (`.npmrc`, `.pypirc`) holds a credential: a token or password
 * setting, or a URL with a password. One with registry settings only is harmless.
 */
export function configHoldsSecret(text: string): boolean {
  return /(_authToken|_auth\b|_password|npmAuthToken|npmAuthIdent|\bpassword\s*[=:]|\btoken\s*[=:]|\bsecret\s*[=:]|:\/\/[^/\s:@]+:[^@\s]+@)/i.test(text);
}

/** A key file that is a public key or a certificate, with no private key block in it. */
export function isPublicKeyText(text: string): boolean {
  return /-----BEGIN (PGP PUBLIC KEY BLOCK|PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----/.test(text) && !/PRIVATE KEY/.test(text);
}
