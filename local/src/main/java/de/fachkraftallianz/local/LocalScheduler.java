package de.fachkraftallianz.local;

import static de.fachkraftallianz.local.CloudFormationTemplate.map;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's schedules run locally: every {@code Schedule} or {@code ScheduleV2} event of a function invokes that
 * function with the event's {@code Input}, as EventBridge (Scheduler) does on AWS, at the times its expression says:
 * {@code rate(N minute|minutes|hour|hours|day|days)}, first one period after the start, or {@code cron(…)} in the
 * event's {@code ScheduleExpressionTimezone} (UTC if none). Of cron's six fields the local stack understands what
 * this template uses: minutes and hours as numbers, lists or {@code *}; day of month, month, day of week and year as
 * {@code *} or {@code ?}. Anything else stops the stack with a clear message rather than run at the wrong time.
 */
public final class LocalScheduler implements AutoCloseable {

    /**
     * One schedule of the template.
     *
     * @param input the event the function gets (the Input property, or "{}")
     */
    public record Schedule(String functionLogicalId, String eventId, String expression, ZoneId zone, String input) {

        /** The first time after {@code after} that the schedule fires ({@code start}: when the stack started). */
        public Instant nextAfter(Instant after, Instant start) {
            Matcher rate = RATE.matcher(expression);
            if (rate.matches()) {
                Duration period = period(rate);
                long elapsed = Duration.between(start, after).toMillis();
                long periods = elapsed < 0 ? 0 : elapsed / period.toMillis() + 1;
                return start.plus(period.multipliedBy(Math.max(1, periods)));
            }
            Cron cron = Cron.parse(expression);
            LocalDate day = LocalDate.ofInstant(after, zone);
            for (int i = 0; i < 400; i++, day = day.plusDays(1)) {
                for (int hour : cron.hours) {
                    for (int minute : cron.minutes) {
                        Instant at = ZonedDateTime.of(day, LocalTime.of(hour, minute), zone).toInstant();
                        if (at.isAfter(after)) {
                            return at;
                        }
                    }
                }
            }
            throw new IllegalStateException("No time for " + expression);
        }

        /** Checks the expression once, so a schedule the local stack cannot follow fails at the start. */
        void validate() {
            Matcher rate = RATE.matcher(expression);
            if (rate.matches()) {
                period(rate);
            } else {
                Cron.parse(expression);
            }
        }
    }

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (\\S+)\\)");

    private static Duration period(Matcher rate) {
        long value = Long.parseLong(rate.group(1));
        if (value < 1) {
            throw new IllegalArgumentException("rate needs a positive value");
        }
        return switch (rate.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(value);
            case "hour", "hours" -> Duration.ofHours(value);
            default -> Duration.ofDays(value);
        };
    }

    /** The cron fields this scheduler follows: the minutes and hours of every day. */
    record Cron(List<Integer> minutes, List<Integer> hours) {

        static Cron parse(String expression) {
            Matcher cron = CRON.matcher(expression);
            if (!cron.matches()) {
                throw new IllegalArgumentException("Schedule expression not understood locally: " + expression
                        + " (rate(N unit) or cron(minutes hours day-of-month month day-of-week year))");
            }
            for (int field = 3; field <= 6; field++) {
                if (!cron.group(field).equals("*") && !cron.group(field).equals("?")) {
                    throw new IllegalArgumentException("The local scheduler runs cron expressions daily only (day of "
                            + "month, month, day of week and year as * or ?): " + expression);
                }
            }
            return new Cron(values(cron.group(1), 59, expression), values(cron.group(2), 23, expression));
        }

        private static List<Integer> values(String field, int max, String expression) {
            TreeSet<Integer> values = new TreeSet<>();
            if (field.equals("*")) {
                for (int i = 0; i <= max; i++) {
                    values.add(i);
                }
                return List.copyOf(values);
            }
            for (String part : field.split(",")) {
                int value;
                try {
                    value = Integer.parseInt(part);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("The local scheduler takes numbers, lists and * in cron's "
                            + "minutes and hours, not '" + part + "': " + expression, e);
                }
                if (value < 0 || value > max) {
                    throw new IllegalArgumentException(part + " is out of range in " + expression);
                }
                values.add(value);
            }
            return List.copyOf(values);
        }
    }

    /** Every Schedule/ScheduleV2 event of every function in the template. */
    public static List<Schedule> fromTemplate(CloudFormationTemplate template) {
        List<Schedule> schedules = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            if (!SamFunction.TYPE.equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> properties = map(resource.get("Properties"), id + ".Properties");
            map(properties.get("Events"), id + ".Events").forEach((eventId, event) -> {
                Map<String, Object> eventMap = map(event, id + ".Events." + eventId);
                Object type = eventMap.get("Type");
                if (!"Schedule".equals(type) && !"ScheduleV2".equals(type)) {
                    return;
                }
                Map<String, Object> eventProperties = map(eventMap.get("Properties"), eventId + ".Properties");
                Object timezone = eventProperties.get("ScheduleExpressionTimezone");
                Object input = eventProperties.get("Input");
                Schedule schedule = new Schedule(id, eventId, String.valueOf(eventProperties.get("ScheduleExpression")),
                        timezone == null ? ZoneOffset.UTC : ZoneId.of(String.valueOf(timezone)),
                        input == null ? "{}" : String.valueOf(input));
                schedule.validate();
                schedules.add(schedule);
            });
        });
        return List.copyOf(schedules);
    }

    private final List<Schedule> schedules;
    private final Map<String, LocalFunction> functions;
    private final PrintStream log;
    private final ScheduledExecutorService timer;
    private final Instant start;

    private LocalScheduler(List<Schedule> schedules, Map<String, LocalFunction> functions, PrintStream log,
                           ScheduledExecutorService timer, Instant start) {
        this.schedules = schedules;
        this.functions = Map.copyOf(functions);
        this.log = log;
        this.timer = timer;
        this.start = start;
    }

    /**
     * @param functions the functions by logical id; every schedule's function must be among them
     * @param timers    false: nothing fires by itself, only {@link #run} (tests that decide when the notifier runs)
     */
    public static LocalScheduler start(List<Schedule> schedules, Map<String, LocalFunction> functions,
                                       PrintStream log, boolean timers) {
        return start(schedules, functions, log, timers, Instant.now());
    }

    /** @param start when rate schedules count from (tests start in the past to see a timer fire soon) */
    static LocalScheduler start(List<Schedule> schedules, Map<String, LocalFunction> functions, PrintStream log,
                                boolean timers, Instant start) {
        for (Schedule schedule : schedules) {
            if (!functions.containsKey(schedule.functionLogicalId())) {
                throw new IllegalStateException("Schedule " + schedule.eventId() + ": no function "
                        + schedule.functionLogicalId());
            }
        }
        ScheduledExecutorService timer = null;
        if (timers) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "local-scheduler");
                thread.setDaemon(true);
                return thread;
            });
        }
        LocalScheduler scheduler = new LocalScheduler(List.copyOf(schedules), functions, log, timer, start);
        if (timers) {
            for (Schedule schedule : schedules) {
                scheduler.plan(schedule, scheduler.start);
            }
        }
        return scheduler;
    }

    public List<Schedule> schedules() {
        return schedules;
    }

    /** Invokes a schedule's function now, with the schedule's input, as its timer does; returns the function's output. */
    public String run(String functionLogicalId, String eventId) {
        for (Schedule schedule : schedules) {
            if (schedule.functionLogicalId().equals(functionLogicalId) && schedule.eventId().equals(eventId)) {
                return invoke(schedule);
            }
        }
        throw new IllegalArgumentException("No schedule " + functionLogicalId + "." + eventId);
    }

    private void plan(Schedule schedule, Instant after) {
        Instant next = schedule.nextAfter(after.isBefore(Instant.now()) ? Instant.now() : after, start);
        long delay = Math.max(0, Duration.between(Instant.now(), next).toMillis());
        timer.schedule(() -> {
            try {
                invoke(schedule);
            } catch (RuntimeException e) {
                log.println("[local] schedule " + schedule.functionLogicalId() + "." + schedule.eventId()
                        + " failed: " + e);
            } finally {
                if (!timer.isShutdown()) {
                    plan(schedule, next);
                }
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private String invoke(Schedule schedule) {
        try {
            byte[] output = functions.get(schedule.functionLogicalId())
                    .invoke(schedule.input().getBytes(StandardCharsets.UTF_8));
            return new String(output, StandardCharsets.UTF_8);
        } catch (LocalFunction.ThrottledException e) {
            // As on AWS with reserved concurrency 1: a run still going takes the next one's turn.
            log.println("[local] schedule " + schedule.functionLogicalId() + "." + schedule.eventId()
                    + " skipped: " + e.getMessage());
            return "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
