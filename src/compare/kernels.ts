/**
 * The paired-test kernels the comparison calls (written in `src/stats`, each with its size and
 * power simulations), behind one import. Their shared convention: the tested quantity is the
 * drop (how much the baseline, or `toOutperform`'s candidate, is better than the other model,
 * in the metric's better direction; larger is worse for the current run) and the one-sided null
 * is `drop <= margin`, with `margin >= 0`.
 */
export { exactMcNemarTest, pairedDeLongTest, pairedMeanDifferenceTest, pairedOvrDeLongTest, pairedPermutationTest, pairedResampleTest, pairedSignFlipTest } from '../stats/index.js'
