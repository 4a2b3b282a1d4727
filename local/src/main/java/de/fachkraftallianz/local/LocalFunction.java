package de.fachkraftallianz.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import de.fachkraftallianz.Env;

/**
 * One function of the template, loaded once like a warm Lambda instance: its handler class built through the public
 * constructor that takes {@link Env}. Invocations run one at a time, as a Lambda instance never runs two at once.
 */
public final class LocalFunction {

    private final SamFunction definition;
    private final Map<String, String> environment;
    private final RequestStreamHandler handler;
    private final ReentrantLock instance = new ReentrantLock(true);

    private LocalFunction(SamFunction definition, Map<String, String> environment, RequestStreamHandler handler) {
        this.definition = definition;
        this.environment = environment;
        this.handler = handler;
    }

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
        try {
            Object handler = type.getConstructor(Env.class).newInstance(new Env(Map.copyOf(environment)));
            return new LocalFunction(definition, Map.copyOf(environment), (RequestStreamHandler) handler);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(where + " needs a public constructor taking " + Env.class.getName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(where + " failed to start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(where + " cannot be instantiated: " + e, e);
        }
    }

    public SamFunction definition() {
        return definition;
    }

    /** The environment the handler was given. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Runs the handler on one event; exceptions are the function's errors. */
    public byte[] invoke(byte[] event) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        instance.lock();
        try {
            LocalContext context = new LocalContext(UUID.randomUUID().toString(), definition, System.out);
            handler.handleRequest(new ByteArrayInputStream(event), output, context);
        } finally {
            instance.unlock();
        }
        return output.toByteArray();
    }
}
