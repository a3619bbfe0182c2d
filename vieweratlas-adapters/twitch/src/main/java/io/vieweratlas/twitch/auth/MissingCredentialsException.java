package io.vieweratlas.twitch.auth;

/**
 * Required Twitch credentials are not in the environment. The message names the variables to
 * set; the command line maps this to exit code 2.
 */
public class MissingCredentialsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which variables are missing */
    public MissingCredentialsException(String message) {
        super(message);
    }
}
