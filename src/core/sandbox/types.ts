// Shapes shared by the sandbox's platform probes and the sandboxed shell.

export interface SandboxStatus {
  available: boolean;
  reason?: string;
}

export interface Confinement {
  hiddenDirs: string[];
  hiddenFiles: string[];
  readOnlyPaths: string[];
}
