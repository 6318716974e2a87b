// True inside a subagent card's own items: those turns are the subagent's (no undo of
// their own; the session's turn that started the subagent undoes its work).
import { createContext } from 'react';

export const InSubagent = createContext(false);
