import { createInterface } from 'node:readline';

/**
 * Asks for a passphrase on the terminal without echoing it. Undefined when there is no terminal
 * to ask on (a pipe, a scheduled task): the caller then says how to supply a key instead.
 */
export function promptPassphrase(question: string): Promise<string | undefined> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const terminal = createInterface({
      input: process.stdin,
      output: process.stderr,
      terminal: true,
    });
    const output = process.stderr;
    // readline echoes through _writeToOutput; hide what is typed, keep the question.
    const line = terminal as unknown as { _writeToOutput: (text: string) => void };
    let asked = false;
    line._writeToOutput = (text) => {
      if (!asked) output.write(text);
    };
    terminal.question(question, (answer) => {
      output.write('\n');
      terminal.close();
      resolve(answer);
    });
    asked = true;
  });
}
