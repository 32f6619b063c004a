package io.pgha.runtime.stack;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.Sha2Crypt;

/** HAProxy's users.cfg for a stack with logins: its stats page's one user, with a SHA-512 crypt(3) hash of the password. */
public final class HaproxyUsers {

    private HaproxyUsers() {}

    public static String render(String password) {
        return HaproxyRenderer.users("password " + Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8)));
    }

    /** users.cfg that takes the password from HAProxy's environment (a compose project's env file). */
    public static String fromEnvironment(String variable) {
        return HaproxyRenderer.users("insecure-password \"${" + variable + "}\"");
    }
}
