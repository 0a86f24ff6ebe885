/**
 * Synthetic widefield stacks with known ground truth ({@link org.livedecon.core.synthetic.SyntheticStack}),
 * used by the demo, the benchmark and the tests. The simulated microscope (device-sim) builds on
 * the same optics and noise.
 */
package org.livedecon.core.synthetic;
