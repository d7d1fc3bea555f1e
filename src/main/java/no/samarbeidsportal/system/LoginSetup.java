package no.samarbeidsportal.system;

/**
 * Whether people have a login provider to log in with. The login feature answers; the error mapping asks before it
 * sends anyone to log in, so that a portal without one says what to configure instead of failing.
 */
public interface LoginSetup {

    boolean configured();
}
