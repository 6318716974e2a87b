// The environment a command inherits. Commands never see the extension's secrets: API
// keys, tokens, cloud credentials. Explicit `ShellRequest.env` entries are the caller's
// choice and are kept (the caller already decided to pass them).

const SECRET_NAME_PATTERNS: RegExp[] = [
  /_API_KEY$/i,
  /^API_KEY$/i,
  /_TOKEN$/i,
  /^TOKEN$/i,
  /SECRET/i,
  /PASSWORD/i,
  /PASSWD/i,
  /CREDENTIAL/i,
  /_AUTH$/i,
  /^AWS_/i,
  /^AZURE_/i,
  /^GOOGLE_APPLICATION_CREDENTIALS$/i,
  /^GCP_/i,
  /^OPENAI_/i,
  /^ANTHROPIC_/i,
  /^TANDEM_/i,
  /^GH_/i,
  /^GITHUB_TOKEN$/i,
  /^NPM_CONFIG__AUTH/i,
  /^SSH_AUTH_SOCK$/i,
  /^GPG_AGENT_INFO$/i,
  /^DBUS_SESSION_BUS_ADDRESS$/i,
  /^VSCODE_IPC_HOOK/i,
];

export function isSecretEnvName(name: string): boolean {
  return SECRET_NAME_PATTERNS.some((re) => re.test(name));
}

/** Inherited environment minus secrets, plus the request's explicit entries. */
export function commandEnv(
  inherited: NodeJS.ProcessEnv,
  extra: Record<string, string> | undefined,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(inherited)) {
    if (v !== undefined && !isSecretEnvName(k)) env[k] = v;
  }
  return { ...env, ...(extra ?? {}), ...overrides };
}
