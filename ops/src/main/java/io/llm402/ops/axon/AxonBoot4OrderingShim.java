package io.llm402.ops.axon;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Axon 4.13 orders its JDBC and transaction auto-configuration after Boot 3's class names; Boot 4 moved those
 * classes, so without this empty configuration Axon's would run before a DataSource exists and no transaction
 * manager or JDBC beans would be made (stack-evidence §1). Sitting between the two restores the order.
 * {@code AxonWiringTest} guards it.
 */
@AutoConfiguration(
        afterName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
                "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"},
        beforeName = {
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration"})
public class AxonBoot4OrderingShim {
}
