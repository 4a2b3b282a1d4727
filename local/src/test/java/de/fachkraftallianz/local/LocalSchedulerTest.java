package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.fachkraftallianz.local.LocalScheduler.Schedule;

/** The local scheduler reads the template's schedules and fires them when EventBridge Scheduler would. */
class LocalSchedulerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void the_templates_schedules_are_the_notifiers_two_and_the_retention_sweeper() {
        List<Schedule> schedules = LocalScheduler.fromTemplate(
                CloudFormationTemplate.read(ProjectRoot.find().resolve("template.yaml")));
        assertThat(schedules).containsExactlyInAnyOrder(
                new Schedule("NotifierFunction", "DeliverPending", "rate(1 minute)", ZoneOffset.UTC, "{\"task\":\"deliver\"}"),
                new Schedule("NotifierFunction", "SpamSummary", "cron(0 7 * * ? *)", BERLIN,
                        "{\"task\":\"spam-summary\"}"),
                new Schedule("SweeperFunction", "Hourly", "rate(1 hour)", ZoneOffset.UTC, "{}"));
    }

    @Test
    void a_rate_fires_one_period_after_the_start_and_then_every_period() {
        Instant start = Instant.parse("2026-05-04T10:00:00.500Z");
        Schedule everyMinute = new Schedule("F", "E", "rate(1 minute)", ZoneOffset.UTC, "{}");
        assertThat(everyMinute.nextAfter(start, start)).isEqualTo("2026-05-04T10:01:00.500Z");
        assertThat(everyMinute.nextAfter(Instant.parse("2026-05-04T10:01:00.500Z"), start))
                .isEqualTo("2026-05-04T10:02:00.500Z");
        assertThat(everyMinute.nextAfter(Instant.parse("2026-05-04T10:07:30Z"), start))
                .isEqualTo("2026-05-04T10:08:00.500Z");
        assertThat(new Schedule("F", "E", "rate(2 hours)", ZoneOffset.UTC, "{}").nextAfter(start, start))
                .isEqualTo("2026-05-04T12:00:00.500Z");
        assertThat(new Schedule("F", "E", "rate(1 day)", ZoneOffset.UTC, "{}").nextAfter(start, start))
                .isEqualTo("2026-05-05T10:00:00.500Z");
    }

    @Test
    void a_daily_cron_fires_at_its_local_time_across_the_change_to_summer_time() {
        Schedule seven = new Schedule("F", "E", "cron(0 7 * * ? *)", BERLIN, "{}");
        Instant any = Instant.EPOCH;
        assertThat(seven.nextAfter(Instant.parse("2026-03-28T05:00:00Z"), any)).isEqualTo("2026-03-28T06:00:00Z");
        assertThat(seven.nextAfter(Instant.parse("2026-03-28T06:00:00Z"), any)).as("summer time from the 29th")
                .isEqualTo("2026-03-29T05:00:00Z");
        Schedule twice = new Schedule("F", "E", "cron(30 6,18 * * ? *)", ZoneOffset.UTC, "{}");
        assertThat(twice.nextAfter(Instant.parse("2026-05-04T07:00:00Z"), any)).isEqualTo("2026-05-04T18:30:00Z");
    }

    @Test
    void expressions_it_cannot_follow_stop_the_stack_instead_of_running_at_the_wrong_time() {
        assertThatThrownBy(() -> LocalScheduler.fromTemplate(template("cron(0 7 ? * MON-FRI *)")))
                .hasMessageContaining("daily only");
        assertThatThrownBy(() -> LocalScheduler.fromTemplate(template("cron(0/15 * * * ? *)")))
                .hasMessageContaining("0/15");
        assertThatThrownBy(() -> LocalScheduler.fromTemplate(template("at(2026-05-04T10:00:00)")))
                .hasMessageContaining("not understood");
        assertThatThrownBy(() -> LocalScheduler.fromTemplate(template("rate(0 minutes)")))
                .hasMessageContaining("positive");
        assertThat(LocalScheduler.fromTemplate(template("rate(5 minutes)"))).extracting(Schedule::input)
                .containsExactly("{}");
    }

    private static CloudFormationTemplate template(String expression) {
        return CloudFormationTemplate.parse("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.Y::handleRequest
                      Events:
                        Tick:
                          Type: ScheduleV2
                          Properties:
                            ScheduleExpression: "%s"
                """.formatted(expression));
    }
}
