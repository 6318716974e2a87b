// A minimal logger interface so vscode-free modules can log without importing the
// editor API. The host passes a LogOutputChannel; tests pass a recorder.
// Contract: never pass secrets (API keys, Authorization headers) to a logger.

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** A plain sentence from anything thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}
