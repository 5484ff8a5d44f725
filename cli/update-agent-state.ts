// Records in state/<agent>/ what a command just wrote, as a note when that fails; apart from print-output, whose readers need no zod.
import { noteAgentWindow } from '../ledger/state/index.js';
import { printNote } from './print-output.js';

/**
 * Updates state/<agent>/ after a row was recorded. The row is the truth and is already on disk, so a
 * failure here is a note, never a failed command (a retry would then be refused as a duplicate).
 */
export function updateAgentState(...args: Parameters<typeof noteAgentWindow>): void {
  try {
    noteAgentWindow(...args);
  } catch (error) {
    printNote(
      `recorded, but could not update state/${args[1]}/windows.json (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}
