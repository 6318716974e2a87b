// The apply_patch engine: parse (parser.ts), seek (seek.ts), apply (applyFile.ts for one
// file, apply.ts for a whole patch). Pure functions over strings; the apply_patch tool
// (src/core/tools/applyPatch.ts) does the reading, checking and staging.
export { parsePatch, PatchParseError } from './parser';
export type { ParsedPatch, PatchOp, PatchChunk, ChunkOp } from './parser';
export { seek, seekAll, seekAtEnd, nearestWindows, normaliseLine, LineIndex, MATCH_LEVELS } from './seek';
export type { MatchLevel, SeekResult } from './seek';
export { applyChunks, PatchApplyError } from './applyFile';
export { applyParsedPatch, applyPatchText, patchPaths, lineCounts } from './apply';
export type { SourceFile, PatchAction, PatchFileChange, PatchResult } from './apply';
export { splitText, joinText } from './text';
