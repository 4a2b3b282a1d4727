package de.fachkraftallianz.notify.mail;

import de.fachkraftallianz.Env;
import de.fachkraftallianz.notify.mail.Mailer.SendFailure.Outcome;
import de.fachkraftallianz.store.DynamoClients;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Sends through Amazon SES (API v2, SendEmail with simple content, UTF-8 plain text), from the configured address and
 * with the configured configuration set. Locally the same client reaches aws-ses-v2-local through SES_ENDPOINT.
 *
 * <p>The client never retries by itself: a retry after a lost answer could send a mail twice, and the outbox retries
 * with its own backoff anyway. Each failure is classified by what is known about the mail (see {@link Outcome}).
 */
public final class SesMailer implements Mailer {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final SesV2Client ses;
    private final String from;
    private final String configurationSet;

    public SesMailer(SesV2Client ses, String from, String configurationSet) {
        this.ses = ses;
        this.from = from;
        this.configurationSet = configurationSet;
    }

    /** The SES client of a function: region and credentials as for DynamoDB, endpoint override locally. */
    public static SesV2Client client(Env env) {
        SesV2ClientBuilder builder = SesV2Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(ATTEMPT_TIMEOUT)
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(ATTEMPT_TIMEOUT.plusSeconds(1))
                        .build())
                .region(Region.of(env.runtime("AWS_REGION").orElseThrow(
                        () -> new IllegalStateException("AWS_REGION is not set"))))
                .credentialsProvider(DynamoClients.credentials(env));
        env.localOnly("SES_ENDPOINT").map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public String send(Mail mail) throws SendFailure {
        SendEmailRequest request = SendEmailRequest.builder()
                .fromEmailAddress(from)
                .destination(d -> d.toAddresses(mail.to()))
                .configurationSetName(configurationSet)
                .emailTags(MessageTag.builder().name("kind").value(mail.kind()).build())
                .content(EmailContent.builder().simple(m -> m
                        .subject(s -> s.data(mail.subject()).charset(UTF_8))
                        .body(b -> b.text(t -> t.data(mail.text()).charset(UTF_8)))).build())
                .build();
        try {
            return ses.sendEmail(request).messageId();
        } catch (SdkException e) {
            throw classify(e);
        }
    }

    /**
     * What a failure means for the mail. An answer from SES means it did not take the mail (a bad request for good,
     * anything else, such as throttling, a paused account or an unverified identity, perhaps not next time). Without
     * an answer it depends on whether the request left: a refused connection or an unknown host sent nothing; a
     * timeout or a broken connection after the request went out leaves the mail's fate unknown.
     */
    static SendFailure classify(SdkException e) {
        if (e instanceof SesV2Exception service) {
            String code = service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null
                    ? service.awsErrorDetails().errorCode() : service.getClass().getSimpleName();
            return new SendFailure(service instanceof BadRequestException ? Outcome.NOT_SENT_PERMANENTLY
                    : Outcome.NOT_SENT, code, e);
        }
        if (e instanceof SdkClientException) {
            boolean io = false;
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConnectException || cause instanceof UnknownHostException
                        || cause instanceof NoRouteToHostException) {
                    return new SendFailure(Outcome.NOT_SENT, cause.getClass().getSimpleName(), e);
                }
                io |= cause instanceof IOException || cause instanceof ApiCallAttemptTimeoutException
                        || cause instanceof ApiCallTimeoutException;
            }
            // No I/O at all: the client failed before sending (credentials, signing), nothing left this process.
            return new SendFailure(io ? Outcome.UNKNOWN : Outcome.NOT_SENT, rootName(e), e);
        }
        return new SendFailure(Outcome.UNKNOWN, rootName(e), e);
    }

    private static String rootName(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
