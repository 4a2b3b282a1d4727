package de.fachkraftallianz.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.notify.mail.Mailer.SendFailure;
import de.fachkraftallianz.notify.mail.Mailer.SendFailure.Outcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/** What a failed SendEmail means for the mail: the basis of "never twice". */
class SesMailerTest {

    @Test
    void an_answer_from_ses_means_not_sent_and_only_a_bad_request_is_final() {
        SendFailure throttled = SesMailer.classify(TooManyRequestsException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TooManyRequestsException").build()).build());
        assertThat(throttled.outcome()).isEqualTo(Outcome.NOT_SENT);
        assertThat(throttled.code()).isEqualTo("TooManyRequestsException");
        assertThat(SesMailer.classify(MessageRejectedException.builder().message("Email address is not verified: x@y")
                .build()).outcome()).isEqualTo(Outcome.NOT_SENT);
        SendFailure bad = SesMailer.classify(BadRequestException.builder().message("Illegal address x@y").build());
        assertThat(bad.outcome()).isEqualTo(Outcome.NOT_SENT_PERMANENTLY);
        assertThat(bad.code()).as("never the message, which may quote an address").doesNotContain("x@y");
    }

    @Test
    void no_connection_means_not_sent_but_silence_after_sending_means_unknown() {
        assertThat(SesMailer.classify(SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused"))).outcome()).isEqualTo(Outcome.NOT_SENT);
        assertThat(SesMailer.classify(SdkClientException.create("Unable to execute HTTP request",
                new UnknownHostException("email.eu-central-1.amazonaws.com"))).outcome()).isEqualTo(Outcome.NOT_SENT);
        assertThat(SesMailer.classify(SdkClientException.create("Unable to execute HTTP request",
                new SocketTimeoutException("Read timed out"))).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(SesMailer.classify(SdkClientException.create("reset", new IOException("Connection reset")))
                .outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(SesMailer.classify(ApiCallAttemptTimeoutException.create(5000)).outcome())
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(SesMailer.classify(SdkClientException.create("Unable to load credentials")).outcome())
                .as("nothing left the process").isEqualTo(Outcome.NOT_SENT);
    }
}
