/**
 * Inputs shorter than THREADS_MIN run on the calling thread whatever `threads` asks (the
 * call still returns a Promise): below it, handing the work to workers costs more than it
 * saves. `threads: 'auto'` uses every core from AUTO_MIN elements. Measured: README,
 * "Threads on one large pair".
 */
export const THREADS_MIN = 100_000;
export const AUTO_MIN = 400_000;
