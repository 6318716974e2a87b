// The handler registry: one handler per protocol method (src/host/handlers/<method>.ts).
import type { HandlerMap } from './types';
import { webviewReady } from './webview/ready';
import { turnSend } from './turn/send';
import { turnStop } from './turn/stop';
import { turnRetry } from './turn/retry';
import { sessionNew } from './session/new';
import { sessionOpen } from './session/open';
import { sessionDelete } from './session/delete';
import { sessionList } from './session/list';
import { sessionItems } from './session/items';
import { approvalRespond } from './approval/respond';
import { configUpdate } from './config/update';
import { setupSave } from './setup/save';
import { setupTest } from './setup/test';
import { filesSearch } from './files/search';
import { contextSelection } from './context/selection';
import { contextProblems } from './context/problems';
import { linkOpen } from './link/open';
import { codeInsert } from './code/insert';
import { changesApply } from './changes/apply';
import { changesReject } from './changes/reject';
import { changesOpenDiff } from './changes/openDiff';
import { commandsList } from './commands/list';
import { commandsRun } from './commands/run';
import { reviewRun } from './review/run';
import { reviewCancel } from './review/cancel';
import { reviewFix } from './review/fix';
import { reviewDismiss } from './review/dismiss';
import { queueAdd } from './queue/add';
import { queueUpdate } from './queue/update';
import { queueRemove } from './queue/remove';
import { queueMove } from './queue/move';
import { queueRun } from './queue/run';
import { turnUndo } from './turn/undo';
import { turnRevert } from './turn/revert';
import { imageAdd } from './image/add';
import { imageRead } from './image/read';
import { agentItems } from './agent/items';
import { agentStop } from './agent/stop';

export const handlers: HandlerMap = {
  'webview/ready': webviewReady,
  'turn/send': turnSend,
  'turn/stop': turnStop,
  'turn/retry': turnRetry,
  'session/new': sessionNew,
  'session/open': sessionOpen,
  'session/delete': sessionDelete,
  'session/list': sessionList,
  'session/items': sessionItems,
  'approval/respond': approvalRespond,
  'config/update': configUpdate,
  'setup/save': setupSave,
  'setup/test': setupTest,
  'files/search': filesSearch,
  'context/selection': contextSelection,
  'context/problems': contextProblems,
  'link/open': linkOpen,
  'code/insert': codeInsert,
  'changes/apply': changesApply,
  'changes/reject': changesReject,
  'changes/openDiff': changesOpenDiff,
  'commands/list': commandsList,
  'commands/run': commandsRun,
  'review/run': reviewRun,
  'review/cancel': reviewCancel,
  'review/fix': reviewFix,
  'review/dismiss': reviewDismiss,
  'queue/add': queueAdd,
  'queue/update': queueUpdate,
  'queue/remove': queueRemove,
  'queue/move': queueMove,
  'queue/run': queueRun,
  'turn/undo': turnUndo,
  'turn/revert': turnRevert,
  'image/add': imageAdd,
  'image/read': imageRead,
  'agent/items': agentItems,
  'agent/stop': agentStop,
};
