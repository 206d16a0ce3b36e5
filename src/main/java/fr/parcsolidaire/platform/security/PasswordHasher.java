package fr.parcsolidaire.platform.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id (OWASP parameters: 19 MiB, 2 iterations, 1 lane) through password4j. */
public final class PasswordHasher {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
    /** Checked against when the user does not exist, so that timing does not reveal which usernames exist. */
    private static final String DECOY = hash("decoy-password-never-matches");

    private PasswordHasher() {
    }

    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public static boolean matches(String password, String hash) {
        return Password.check(password, hash).with(ARGON2ID);
    }

    public static void burnDecoy(String password) {
        matches(password, DECOY);
    }
}
