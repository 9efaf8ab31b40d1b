// Runs the `accredit` program once and turns whatever went wrong into lines on stderr and an exit
// status, so the binary (accredit.ts) and the tests behave the same.
import { errorLines, exitCodeOf } from './errors.ts';
import { buildProgram, type Output } from './program.ts';

const consoleOutput: Output = { out: (text) => console.log(text), err: (text) => console.error(text) };

/** Resolves with the exit status: 0 when the command did its job. */
const runCli = async (argv: readonly string[], output: Output = consoleOutput): Promise<number> => {
  try {
    await buildProgram(output).parseAsync([...argv]);
    return 0;
  } catch (error) {
    for (const line of errorLines(error)) output.err(line);
    return exitCodeOf(error);
  }
};

export { runCli };
