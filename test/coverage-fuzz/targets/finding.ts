/** A broken promise found by a target's oracle (as opposed to an exception of the code under test). */
export class Finding extends Error {
  override name = 'Finding';
}
