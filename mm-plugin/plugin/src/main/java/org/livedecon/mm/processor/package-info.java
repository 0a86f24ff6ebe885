/**
 * The processor in Micro-Manager's pipeline: {@link org.livedecon.mm.processor.LiveDeconvolutionFactory}
 * (one per acquisition) makes a {@link org.livedecon.mm.processor.LiveDeconvolutionProcessor}, which
 * passes every camera frame on unchanged and hands the planes to the engine
 * ({@link org.livedecon.mm.processor.DefaultEngineFactory}); results go to the plugin's own datastore
 * ({@link org.livedecon.mm.processor.DatastoreResultSink}) and, when asked, to TIFF files
 * ({@link org.livedecon.mm.processor.TiffResultSaver}). Depends on {@code settings} only.
 */
package org.livedecon.mm.processor;
