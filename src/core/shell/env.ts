// The environment a command inherits: an ALLOW list. Ordinary variables (paths, locale,
// terminal, toolchain homes) pass; everything else stays behind, because a deny list
// cannot guess the names credentials hide under (DATABASE_URL, GEMINI_KEY, SENTRY_DSN,
// a proxy URL with a password...). The user adds names (or NAME_* prefixes) in the
// settings / options; an exact name passes as configured, a prefix never carries a
// name that looks like a secret. Explicit `ShellRequest.env` entries are the caller's
// choice and are kept (the caller already decided to pass them). SHLVL is kept: without
// it, `bash -c` with a socket for stdin takes itself for an ssh session and runs ~/.bashrc.

/** Passed as they are: nothing here is a credential by itself. */
const ORDINARY = new Set([
  // system, locale, terminal
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'SHLVL', 'TERM', 'COLORTERM', 'LANG', 'LANGUAGE', 'TZ', 'TMPDIR', 'HOSTNAME',
  'EDITOR', 'VISUAL', 'PAGER', 'LESS', 'MANPATH', 'INFOPATH', 'COLUMNS', 'LINES', 'NO_COLOR', 'FORCE_COLOR', 'CLICOLOR', 'CI',
  'DEBIAN_FRONTEND', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CONFIG_DIRS', 'XDG_DATA_DIRS',
  'SSL_CERT_FILE', 'SSL_CERT_DIR', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE',
  // JavaScript
  'NODE_OPTIONS', 'NODE_PATH', 'NODE_ENV', 'NODE_EXTRA_CA_CERTS', 'NVM_DIR', 'NVM_BIN', 'NVM_INC', 'PNPM_HOME', 'COREPACK_HOME', 'BUN_INSTALL', 'DENO_DIR', 'VOLTA_HOME',
  // Python
  'PYTHONPATH', 'PYTHONHOME', 'PYTHONDONTWRITEBYTECODE', 'PYTHONUNBUFFERED', 'PYTHONIOENCODING', 'VIRTUAL_ENV', 'CONDA_PREFIX', 'CONDA_DEFAULT_ENV', 'PYENV_ROOT', 'PIPX_HOME', 'POETRY_HOME',
  // Go, Rust, JVM, .NET, Ruby
  'GOPATH', 'GOROOT', 'GOBIN', 'GOCACHE', 'GOMODCACHE', 'GOFLAGS', 'GO111MODULE', 'GOTOOLCHAIN',
  'CARGO_HOME', 'RUSTUP_HOME', 'RUSTUP_TOOLCHAIN', 'RUSTFLAGS', 'CARGO_TARGET_DIR',
  'JAVA_HOME', 'GRADLE_USER_HOME', 'MAVEN_HOME', 'M2_HOME', 'ANDROID_HOME', 'ANDROID_SDK_ROOT',
  'DOTNET_ROOT', 'DOTNET_CLI_TELEMETRY_OPTOUT', 'GEM_HOME', 'GEM_PATH', 'RBENV_ROOT',
  // C and C++ builds
  'CC', 'CXX', 'CFLAGS', 'CXXFLAGS', 'CPPFLAGS', 'LDFLAGS', 'PKG_CONFIG_PATH', 'LD_LIBRARY_PATH', 'LIBRARY_PATH', 'CPATH',
  'C_INCLUDE_PATH', 'CPLUS_INCLUDE_PATH', 'MAKEFLAGS',
]);
const ORDINARY_PREFIXES = ['LC_'];

const SECRET_NAME_PATTERNS: RegExp[] = [
  /_API_KEY$/i,
  /^API_KEY$/i,
  /_KEY$/i,
  /TOKEN/i,
  /SECRET/i,
  /PASSWORD/i,
  /PASSWD/i,
  /CREDENTIAL/i,
  /_AUTH$/i,
  /_AUTH_/i,
  /_DSN$/i,
  /_URL$/i,
  /^AWS_/i,
  /^AZURE_/i,
  /^GOOGLE_APPLICATION_CREDENTIALS$/i,
  /^GCP_/i,
  /^OPENAI_/i,
  /^ANTHROPIC_/i,
  /^TANDEM_/i,
  /^GH_/i,
  /^NPM_CONFIG__AUTH/i,
  /^SSH_AUTH_SOCK$/i,
  /^GPG_AGENT_INFO$/i,
  /^DBUS_SESSION_BUS_ADDRESS$/i,
  /^VSCODE_IPC_HOOK/i,
];

/** Names that look like they hold a credential (used to keep them out of configured prefixes). */
export function isSecretEnvName(name: string): boolean {
  return SECRET_NAME_PATTERNS.some((re) => re.test(name));
}

function allowed(name: string, exact: Set<string>, prefixes: string[]): boolean {
  if (exact.has(name)) return true;
  if (ORDINARY.has(name) || ORDINARY_PREFIXES.some((p) => name.startsWith(p))) return true;
  return prefixes.some((p) => name.startsWith(p)) && !isSecretEnvName(name);
}

/**
 * The inherited environment filtered by the allow list (ordinary variables plus
 * `allow`: exact names, or `PREFIX*`), then the request's explicit entries and overrides.
 */
export function commandEnv(
  inherited: NodeJS.ProcessEnv,
  extra: Record<string, string> | undefined,
  overrides: Record<string, string> = {},
  allow: readonly string[] = [],
): Record<string, string> {
  const exact = new Set(allow.filter((a) => !a.endsWith('*')));
  const prefixes = allow.filter((a) => a.endsWith('*')).map((a) => a.slice(0, -1)).filter(Boolean);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(inherited)) {
    if (v !== undefined && allowed(k, exact, prefixes)) env[k] = v;
  }
  return { ...env, ...(extra ?? {}), ...overrides };
}
