package cn.mediation.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;

/** The runnable server: the write side, the read side, the embedded MongoDB default and the web pages. */
@SpringBootApplication(scanBasePackages = "cn.mediation", exclude = MongoAutoConfiguration.class)
public class MediationApplication {

    public static void main(String[] args) {
        SpringApplication.run(MediationApplication.class, args);
    }
}
