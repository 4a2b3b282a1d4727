package de.fachkraftallianz.notify.mail;

/** Sends one e-mail. The only implementation that matters is {@link SesMailer}. */
public interface Mailer {

    /**
     * @return the message id the mail service gave the mail
     * @throws SendFailure if it was not accepted, or if it cannot be known whether it was
     */
    String send(Mail mail) throws SendFailure;

    /** A mail that was not accepted, or whose fate is unknown. {@link #code()} never holds an address or text. */
    final class SendFailure extends Exception {

        /** What is known about the mail after the failure. */
        public enum Outcome {
            /** The service refused it or was not reached: not sent, worth another try later. */
            NOT_SENT,
            /** The service refused it for a reason another try cannot change (an address it cannot take). */
            NOT_SENT_PERMANENTLY,
            /** The request went out and no answer came back: the mail may or may not have been sent. */
            UNKNOWN
        }

        private final Outcome outcome;
        private final String code;

        public SendFailure(Outcome outcome, String code, Throwable cause) {
            super(outcome + " " + code, cause);
            this.outcome = outcome;
            this.code = code;
        }

        public Outcome outcome() {
            return outcome;
        }

        /** The service's error code or the exception's class name: safe to log and to store. */
        public String code() {
            return code;
        }
    }
}
