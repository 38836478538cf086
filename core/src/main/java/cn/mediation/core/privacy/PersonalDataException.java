package cn.mediation.core.privacy;

/** Encrypted personal data that cannot be opened although its key exists: tampering or a damaged value. */
public class PersonalDataException extends RuntimeException {

    public PersonalDataException(String message) {
        super(message);
    }
}
