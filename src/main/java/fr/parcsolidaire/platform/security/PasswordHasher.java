package fr.parcsolidaire.platform.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import java.security.SecureRandom;

/** Argon2id (OWASP parameters: 19 MiB, 2 iterations, 1 lane) through password4j. */
public final class PasswordHasher {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
    /** Checked against when the user does not exist, so that timing does not reveal which usernames exist. */
    private static final String DECOY = hash("decoy-password-never-matches");
    /** Letters and digits that cannot be mistaken for one another when read off a console. */
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

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

    /** A fresh password of 16 characters, for an account created at start-up (printed once on the console). */
    public static String generate() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
