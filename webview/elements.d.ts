// Types for the VS Code web components (@vscode-elements/elements) the webview renders
// as plain tags. They are registered by main.tsx only (the browser), so unit tests
// render the tags without loading Lit. Attributes only: boolean attributes are present
// ('') or absent (undefined), never "false" (Lit reads any value as true).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

type El<A> = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & A & { class?: string };

declare global {
  namespace JSX {
    interface IntrinsicElements {
      'vscode-button': El<{ secondary?: ''; disabled?: ''; icon?: string; autofocus?: ''; type?: 'button' | 'submit' }>;
      'vscode-progress-ring': El<object>;
    }
  }
}
