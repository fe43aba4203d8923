// One entry for every pass kind (modes.ts): what `pass` and `pairs` dispatch on.
import { Pass } from './modes';
import { klPass, sumsPass, xlogxPass, xlogyPass } from './fast';
import { carefulJsPass, carefulKlPass, totalVariationPass } from './careful';

export function runPass<T>(kind: i32, p: usize, q: usize, n: i32, acc: usize): void {
  switch (kind) {
    case Pass.FastKl: klPass<T>(p, q, n, acc); break;
    case Pass.FastXlogy: xlogyPass<T>(p, q, n, acc); break;
    case Pass.FastXlogx: xlogxPass<T>(p, n, acc); break;
    case Pass.Sums: sumsPass<T>(p, q, n, acc); break;
    case Pass.CarefulKl: carefulKlPass<T>(p, q, n, acc); break;
    case Pass.CarefulJs: carefulJsPass<T>(p, q, n, acc); break;
    case Pass.TotalVariation: totalVariationPass<T>(p, q, n, acc); break;
    default: unreachable();
  }
}
