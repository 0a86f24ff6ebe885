package org.livedecon.cli;

import java.io.PrintWriter;

/**
 * {@code livedecon bench --quality}: scores against a ground truth, which needs a simulated
 * microscope, so the implementation lives in another module (device-sim) and is found through
 * {@code META-INF/services/org.livedecon.cli.QualityBenchmark}.
 */
public interface QualityBenchmark {
    /**
     * Runs the benchmark and prints its table.
     *
     * @param threads worker threads
     * @param quick   a smoke test on small stacks
     * @return the exit code
     */
    int run(PrintWriter out, PrintWriter err, int threads, boolean quick) throws Exception;
}
