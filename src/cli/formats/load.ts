// Optional packages for the binary formats (hyparquet, apache-arrow), loaded only when a
// file of that format is read: the CLI's bundle does not contain them, and a user who
// never reads one does not need them installed.
import { CliError } from '../table.js';

/**
 * `import(name)`, or a CliError with `message` (which says what to install) when the
 * package is not installed. The specifier is a variable on purpose: esbuild (tsup) leaves
 * `import(variable)` alone, so the package is resolved at run time from bin/, never bundled.
 * Other failures (a broken install, a missing dependency of the package) are rethrown as is.
 */
export async function load<T>(name: string, message: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    // Node says ERR_MODULE_NOT_FOUND with "Cannot find package 'name'"; only that means
    // "not installed" (a missing file inside it would name something else).
    if (err?.code === 'ERR_MODULE_NOT_FOUND' && err.message.includes(`'${name}'`)) throw new CliError(message);
    throw e;
  }
}
