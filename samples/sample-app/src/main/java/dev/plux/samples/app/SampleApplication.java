package dev.plux.samples.app;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Starts the sample: two plux namespaces configured in {@code application.yml}, a table of their plugins printed
 * when the application is ready, and the {@code /actuator/plux} endpoint.
 */
@SpringBootApplication
public class SampleApplication {

    /**
     * The clock {@link ClockGreetingPlugin} receives through its constructor.
     *
     * @return the system clock
     */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    /**
     * Runs the sample.
     *
     * @param args command line arguments, such as {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
