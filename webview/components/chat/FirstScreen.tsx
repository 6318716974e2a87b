// What an empty chat shows: what Tandem does (edits staged for review, commands in a
// sandbox), three example prompts that fill the composer (not send: the user reads and
// edits first), and the active model, approval policy and sandbox state.
import * as l10n from '@vscode/l10n';
import type { ConfigView } from '../../../src/protocol';
import { useDeps, useSelect } from '../../context';
import { policyLabel, sandboxState } from '../composer/policy';
import { Icon } from '../ui/Icon';

function examples(): string[] {
  return [
    l10n.t('Explain how this project is organised and where to start reading'),
    l10n.t('Find the failing tests, explain why they fail and fix them'),
    l10n.t('Add input validation to the main entry point, with tests'),
  ];
}

export function FirstScreen() {
  const { store } = useDeps();
  const config = useSelect((s) => s.config);
  const fill = (text: string) => store.dispatch({ type: 'composer/fill', params: { text } });
  return (
    <section className="first" aria-label={l10n.t('Getting started')}>
      <h2 className="first-title">{l10n.t('Ask Tandem to explain, fix or build something')}</h2>
      <ul className="first-points">
        <li>
          <Icon name="diff" />
          <span>{l10n.t('Edits are staged: you review every file and hunk before anything touches your files.')}</span>
        </li>
        <li>
          <Icon name="shield" />
          <span>{sandboxSentence(config)}</span>
        </li>
        <li>
          <Icon name="mention" />
          <span>{l10n.t('Type @ to attach a file; add your selection or the Problems list from the composer.')}</span>
        </li>
      </ul>
      <h3 className="first-subtitle">{l10n.t('Try')}</h3>
      <ul className="first-examples">
        {examples().map((text) => (
          <li key={text}>
            <button type="button" className="example" title={l10n.t('Put this prompt in the message box')} onClick={() => fill(text)}>
              <Icon name="lightbulb" />
              <span>{text}</span>
            </button>
          </li>
        ))}
      </ul>
      {config && <ActiveSetup config={config} />}
    </section>
  );
}

function sandboxSentence(config: ConfigView | undefined): string {
  const state = config ? sandboxState(config) : 'on';
  if (state === 'on') return l10n.t('Commands run in a sandbox: no network, and their writes are staged too.');
  if (state === 'off') return l10n.t('Full access: commands run without a sandbox and without asking.');
  return l10n.t('Commands run without a sandbox on this machine: {0}', config?.sandboxUnavailable ?? '');
}

function ActiveSetup({ config }: { config: ConfigView }) {
  const state = sandboxState(config);
  return (
    <dl className="first-setup">
      <dt>{l10n.t('Model')}</dt>
      <dd translate="no">{config.model}</dd>
      <dt>{l10n.t('Approvals')}</dt>
      <dd>{policyLabel(config.approvalPolicy)}</dd>
      <dt>{l10n.t('Sandbox')}</dt>
      <dd>{state === 'on' ? l10n.t('On') : state === 'off' ? l10n.t('Off (full access)') : l10n.t('Unavailable')}</dd>
    </dl>
  );
}
