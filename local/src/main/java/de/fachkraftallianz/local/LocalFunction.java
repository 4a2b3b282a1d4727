package de.fachkraftallianz.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import de.fachkraftallianz.Env;

/**
 * One function of the template, run the way Lambda runs it: up to its reserved concurrency of instances at once,
 * each a handler object built through the public constructor that takes {@link Env} (a cold start), each handling
 * one request at a time and kept warm for the next. The most recently used instance is reused first.
 */
public final class LocalFunction {

    /** How long a request waits for a free instance before it is throttled. */
    static final long THROTTLE_WAIT_MILLIS = 2_000;

    /** All instances are busy: Lambda throttles the invocation. */
    public static final class ThrottledException extends Exception {
        ThrottledException(String message) {
            super(message);
        }
    }

    private final SamFunction definition;
    private final Map<String, String> environment;
    private final Constructor<?> constructor;
    private final Semaphore concurrency;
    private final ConcurrentLinkedDeque<RequestStreamHandler> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger instances = new AtomicInteger();

    private LocalFunction(SamFunction definition, Map<String, String> environment, Constructor<?> constructor) {
        this.definition = definition;
        this.environment = environment;
        this.constructor = constructor;
        this.concurrency = new Semaphore(Math.max(1, definition.maxInstances()), true);
    }

    /** Loads the handler class and starts the first instance, so a function that cannot start fails the stack. */
    public static LocalFunction load(SamFunction definition, Map<String, String> environment) {
        String where = "Function " + definition.logicalId() + ": handler " + definition.handlerClass();
        Class<?> type;
        try {
            type = Class.forName(definition.handlerClass());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(where + " is not on the classpath (is the functions module built?)", e);
        }
        if (!RequestStreamHandler.class.isAssignableFrom(type)) {
            throw new IllegalStateException(where + " must implement " + RequestStreamHandler.class.getName());
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(Env.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(where + " needs a public constructor taking " + Env.class.getName(), e);
        }
        LocalFunction function = new LocalFunction(definition, Map.copyOf(environment), constructor);
        function.idle.push(function.newInstance());
        return function;
    }

    public SamFunction definition() {
        return definition;
    }

    /** The environment the handler was given. */
    public Map<String, String> environment() {
        return environment;
    }

    /** How many instances have been started (cold starts). */
    public int instances() {
        return instances.get();
    }

    /** Runs the handler on one event in a free instance; exceptions are the function's errors. */
    public byte[] invoke(byte[] event) throws IOException, ThrottledException {
        try {
            if (!concurrency.tryAcquire(THROTTLE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new ThrottledException(definition.logicalId() + ": all " + definition.maxInstances()
                        + " instances busy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ThrottledException("interrupted while waiting for an instance");
        }
        try {
            RequestStreamHandler handler = idle.pollFirst();
            if (handler == null) {
                handler = newInstance();
            }
            try {
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                LocalContext context = new LocalContext(UUID.randomUUID().toString(), definition, System.out);
                handler.handleRequest(new ByteArrayInputStream(event), output, context);
                return output.toByteArray();
            } finally {
                idle.push(handler);
            }
        } finally {
            concurrency.release();
        }
    }

    private RequestStreamHandler newInstance() {
        String where = "Function " + definition.logicalId() + ": handler " + definition.handlerClass();
        try {
            RequestStreamHandler handler = (RequestStreamHandler) constructor.newInstance(new Env(environment));
            instances.incrementAndGet();
            return handler;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(where + " failed to start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(where + " cannot be instantiated: " + e, e);
        }
    }
}
