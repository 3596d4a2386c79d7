/** The Electron binary for the project at `root`, or undefined when none is installed. */
export function electronBinary(root: string): string | undefined;
/** Why the desktop app cannot open here, in one line; undefined when it can. */
export function whyNoDesktop(root: string): string | undefined;
