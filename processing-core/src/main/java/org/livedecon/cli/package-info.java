/**
 * The {@code livedecon} command line (picocli). Map of the package:
 * <ul>
 *   <li>{@link org.livedecon.cli.Main}: entry point, error handling, exit codes (0 ok, 1 runtime
 *       error, 2 usage error); the only place that calls {@code System.exit}.</li>
 *   <li>{@link org.livedecon.cli.LivedeconCommand}: the top command; one class per subcommand:
 *       {@link org.livedecon.cli.DeconvolveCommand}, {@link org.livedecon.cli.PsfCommand},
 *       {@link org.livedecon.cli.BenchCommand}; other modules add commands through {@code ServiceLoader}
 *       (device-sim: {@code simulate} and {@code demo}).</li>
 *   <li>Shared option mixins: {@link org.livedecon.cli.OpticsOptions} (theoretical PSF optics),
 *       {@link org.livedecon.cli.DeconvolutionOptions} (algorithm settings, threads).</li>
 *   <li>Helpers: {@link org.livedecon.cli.Converters} (option value parsing),
 *       {@link org.livedecon.cli.ProgressBar}, {@link org.livedecon.cli.PeakMemory},
 *       {@link org.livedecon.cli.Reports} (the summary line, NRMSE, FWHM),
 *       {@link org.livedecon.cli.CliException}, {@link org.livedecon.cli.ErrorHandlers},
 *       {@link org.livedecon.cli.Version}.</li>
 * </ul>
 * Commands write only to picocli's {@code getOut()} (results: settings, plan, summary) and
 * {@code getErr()} (progress, errors), so tests run them in-process with captured writers.
 */
package org.livedecon.cli;
