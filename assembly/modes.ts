// The numbers both sides of the WebAssembly boundary agree on, defined once: this file
// is valid AssemblyScript and valid TypeScript, and src/engine/wasm/ imports it as is.

/** The passes a kernel call can run (the `kind` of `pass` and `pairs`). */
export enum Pass {
  /** S = Σ a·log(a/b) over a > 0; A, B; Σ|term| in BOUND; INF counts a > 0 = b. */
  FastKl = 0,
  /** S = Σ a·log b over a > 0 (cross-entropy); INF counts a > 0 = b. */
  FastXlogy = 1,
  /** S = Σ a·log a (entropy; q is not read). */
  FastXlogx = 2,
  /** A and B (compensated between blocks) and the sign check only. */
  Sums = 3,
  /** S = Σ kl_div(a·ρ′, b), N = Σ (a·ρ′ − b), A, B, for ρ′ = PARAM + PARAM_1. */
  CarefulKl = 4,
  /**
   * S = 2·Σ φ(a·ρ′, b), φ(x, y) = x·log(2x/(x+y)) + y·log(2y/(x+y)); N as CarefulKl. The
   * totals and the sign check come from a Sums pass before it.
   */
  CarefulJs = 5,
  /** S = Σ |a·ρ′ − b|, AUX = Σ sign(a·ρ′ − b)·a; N as CarefulJs. */
  TotalVariation = 6,
  /**
   * With x = a·ρ′ and t = √x − √b = (a·ρ′ − b)/(√x + √b): S = Σ t², D = Σ t·√x (ρ′ times
   * the derivative of S in ρ′), AUX = Σ √x·√b; N as CarefulJs (assembly/hellinger.ts).
   */
  Hellinger = 7,
}

/**
 * The passes from this one on read f64 only: f32 input is widened as it is copied into
 * scratch. Their f32 instantiations would add a third to the SIMD binary for passes that
 * are arithmetic-bound (the widening costs nothing measurable), and the binary is
 * inlined in every bundle.
 */
export const FIRST_F64_ONLY = Pass.CarefulKl;

/** Slots (f64 indices) of the accumulator block a pass adds into. */
export enum Slot {
  /** The pass's main sum, compensated: S_HI + S_LO. */
  S_HI = 0,
  S_LO = 1,
  /** Σ of the first input. */
  A_HI = 2,
  A_LO = 3,
  /** Σ of the second input. */
  B_HI = 4,
  B_LO = 5,
  /** Σ |term|: the scale of a fast pass's rounding-error bound. */
  BOUND = 6,
  /** Lanes the vector loop left to scalar code. */
  SPECIAL = 7,
  /** Lanes with a > 0 where b = 0 (KL and cross-entropy are then +∞). */
  INF = 8,
  /** 1 if some input had its sign bit set: negative, −0 or NaN (the wrapper then looks). */
  NEGATIVE = 9,
  /** The careful passes' Σ (a·ρ′ − b), compensated: N_HI + N_LO. */
  N_HI = 10,
  N_LO = 11,
  /** Vector groups that took a careful pass's far branch (how far apart P and Q are). */
  FAR = 12,
  /** A second sum some passes need (total variation: Σ sign·a), compensated. */
  AUX_HI = 13,
  AUX_LO = 14,
  /** Parameters the wrapper writes before a pass (careful passes: ρ′ in two parts, and ρ′). */
  PARAM = 16,
  PARAM_1 = 17,
  PARAM_2 = 18,
  /** Two slots kernels use to pass pairs of values between inline helpers. */
  SCRATCH = 20,
  SCRATCH_1 = 21,
  /** Hellinger: Σ t·√x, compensated (modes' Pass.Hellinger). */
  D_HI = 22,
  D_LO = 23,
  /** Slots per block. */
  COUNT = 24,
}
