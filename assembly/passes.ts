// One entry for every pass kind (modes.ts): what `pass` and `pairs` dispatch on.
import { FIRST_F64_ONLY, Pass } from './modes';
import { klPass, sumsPass, xlogxPass, xlogyPass } from './fast';
import { carefulJsPass, carefulKlPass, totalVariationPass } from './careful';
import { hellingerPass } from './hellinger';

export function runPass<T>(kind: i32, p: usize, q: usize, n: i32, acc: usize): void {
  switch (kind) {
    case Pass.FastKl: klPass<T>(p, q, n, acc); return;
    case Pass.FastXlogy: xlogyPass<T>(p, q, n, acc); return;
    case Pass.FastXlogx: xlogxPass<T>(p, n, acc); return;
    case Pass.Sums: sumsPass<T>(p, q, n, acc); return;
  }
  // f32 input never reaches the f64-only passes (modes.ts): a constant condition, so
  // they are not compiled for f32 at all.
  if (sizeof<T>() == 4 || kind < FIRST_F64_ONLY) unreachable();
  else if (kind == Pass.CarefulKl) carefulKlPass<f64>(p, q, n, acc);
  else if (kind == Pass.CarefulJs) carefulJsPass<f64>(p, q, n, acc);
  else if (kind == Pass.TotalVariation) totalVariationPass<f64>(p, q, n, acc);
  else if (kind == Pass.Hellinger) hellingerPass(p, q, n, acc);
  else unreachable();
}
