// Compile-time checks that the protocol's structural copies (src/protocol, which may
// import nothing) stay in step with the core types the host passes through unchanged.
// A drift in either direction is a type error here, not a runtime surprise in the UI.
import type { Attachment, Item } from '../core/types/items';
import type { ApprovalPolicy as CoreApprovalPolicy } from '../core/policy/types';
import type { ReasoningEffort as CoreReasoningEffort } from '../core/model/types';
import type { ChatAttachment, ChatItem } from '../protocol/items';
import type { ApprovalPolicy, ReasoningEffort } from '../protocol/messages';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type ProtocolCompat = [
  Assert<Same<Item, ChatItem>>,
  Assert<Same<Attachment, ChatAttachment>>,
  Assert<Same<CoreApprovalPolicy, ApprovalPolicy>>,
  Assert<Same<CoreReasoningEffort, ReasoningEffort>>,
];
