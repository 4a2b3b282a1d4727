package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynaliteIT {

    @Test
    void it_starts_on_a_free_port_answers_dynamodb_calls_and_stops_with_close() {
        int port;
        try (Dynalite dynalite = Dynalite.start(ProjectRoot.find(), 0, Optional.empty());
             DynamoDbClient client = LocalStack.dynamoDbClient(dynalite.endpoint())) {
            port = dynalite.port();
            assertThat(port).isPositive();
            assertThat(client.listTables().tableNames()).isEmpty();
        }
        assertThat(LocalStackIT.accepts(port)).isFalse();
    }

    @Test
    void a_port_in_use_fails_with_dynalites_own_error() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Dynalite.start(ProjectRoot.find(), taken.getLocalPort(), Optional.empty()))
                    .hasMessageContaining("dynalite exited")
                    .hasMessageContaining("EADDRINUSE");
        }
    }
}
