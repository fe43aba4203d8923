// The constants of the careful forms (assembly/careful.ts), shared as they are with
// their JS twin (src/numeric/careful.ts): this file is valid AssemblyScript and valid
// TypeScript, so both sides compute with the same numbers.

/**
 * The near band: |s| ≤ 1/16, where s = (x − b)/(x + b), tested as |x − b| ≤ NEAR_S·(x + b);
 * a ratio x/b within [15/17, 17/15].
 */
export const NEAR_S = 0.0625;

/** Veltkamp's splitter for two 26-bit halves of a double: 2^27 + 1. */
export const SPLIT = 134217729.0;

// P(z) ≈ Σ zᵏ/(2k+3) on [0, NEAR_S²]: Chebyshev fit (mpmath), 8e-17 relative; times
// s(1 + s) in the KL term, 2.8e-17 of it. kl_div(x, b) = (x + b)·s²·(1 + s(1 + s)·P(s²)).
export const KL_P0 = 0.3333333333333335;
export const KL_P1 = 0.1999999999982362;
export const KL_P2 = 0.14285714646811098;
export const KL_P3 = 0.11110852480322804;
export const KL_P4 = 0.09166444467686555;

// F(z) ≈ Σ zᵏ/((k+1)(2k+1)) on [0, NEAR_S²]: Chebyshev fit (mpmath), 2.7e-17 relative.
// 2·φ(x, b) = 2x·log(2x/(x+b)) + 2b·log(2b/(x+b)) = (x + b)·s²·F(s²).
export const JS_F0 = 1.0;
export const JS_F1 = 0.16666666666631974;
export const JS_F2 = 0.06666666737698375;
export const JS_F3 = 0.03571377689391529;
export const JS_F4 = 0.0223708701598134;
