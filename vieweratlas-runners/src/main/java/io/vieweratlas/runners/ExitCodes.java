package io.vieweratlas.runners;

/** Process exit codes of every command. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command failed at run time (storage, network, bad data that stops the run). */
    public static final int FAILURE = 1;
    /** The command line or the configuration is wrong; nothing was done. */
    public static final int USAGE = 2;
    /** {@code migrate-check}: something of the original installation will not carry over as it is. */
    public static final int NOT_ALL_CARRIED_OVER = 3;

    private ExitCodes() {
    }
}
