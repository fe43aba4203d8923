/**
 * Elements per chunk: the unit inputs stream through scratch memory in, and the unit the
 * measures decide on (src/measures/settle.ts). About 128 KiB of f64, so a chunk pair
 * stays in L2 while used; a multiple of 48, the elements one iteration of any vector loop
 * takes (KL 12, careful passes 8, single precision 16), so only an input's last chunk has
 * a scalar tail. Every engine and thread count cuts an input at the same places, which is
 * what keeps their answers bit for bit the same.
 */
export const CHUNK = 16320;
