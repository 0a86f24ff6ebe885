package org.livedecon.core.backend.opencl;

import org.jocl.CL;
import org.livedecon.core.backend.BackendFailure;

/** An OpenCL call failed; the message names the call, the error code and the values involved. */
public final class OpenClException extends BackendFailure {
    private static final long serialVersionUID = 1L;
    private final int code;

    public OpenClException(String message) {
        this(message, 0, null);
    }

    public OpenClException(String message, int code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The OpenCL error code (e.g. -4, CL_MEM_OBJECT_ALLOCATION_FAILURE), 0 when none applies. */
    public int code() { return code; }

    /** Throws when {@code code} is not CL_SUCCESS. */
    static void check(int code, String what) {
        if (code != CL.CL_SUCCESS) throw new OpenClException(what + " failed: " + codeName(code), code, null);
    }

    static String codeName(int code) {
        String s;
        try {
            s = CL.stringFor_errorCode(code);
        } catch (LinkageError e) {
            s = "error";
        }
        return s + " (" + code + ")";
    }

    /** True for the codes that mean the device ran out of memory. */
    boolean outOfMemory() {
        return code == CL.CL_MEM_OBJECT_ALLOCATION_FAILURE || code == CL.CL_OUT_OF_RESOURCES
                || code == CL.CL_OUT_OF_HOST_MEMORY || code == CL.CL_INVALID_BUFFER_SIZE;
    }
}
