package app.tradebot.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemplateTest {

    private final Template template = Template.load();

    @Test
    void logicalIdAndBeanNameFollowOneRule() {
        assertThat(Template.beanNameOf("RecordAuditEventFunction")).isEqualTo("recordAuditEvent");
        assertThat(Template.logicalIdOf("recordAuditEvent")).isEqualTo("RecordAuditEventFunction");
        assertThatThrownBy(() -> Template.beanNameOf("HttpApi")).isInstanceOf(IllegalArgumentException.class);
        template.functions().forEach(f -> assertThat(Template.logicalIdOf(f.name())).isEqualTo(f.logicalId()));
    }

    @Test
    void readsTheHttpRoutesWithTheirAuthorizer() {
        assertThat(template.routes()).extracting(Template.HttpRoute::routeKey, Template.HttpRoute::function,
                Template.HttpRoute::authorizer)
            .contains(
                org.assertj.core.groups.Tuple.tuple("POST /api/auth/register", "register", null),
                org.assertj.core.groups.Tuple.tuple("POST /api/auth/login", "login", null),
                org.assertj.core.groups.Tuple.tuple("POST /api/auth/logout", "logout", "authorize"),
                org.assertj.core.groups.Tuple.tuple("GET /api/auth/me", "me", "authorize"),
                org.assertj.core.groups.Tuple.tuple("GET /health", "health", null));
        assertThat(template.authorizerFunction()).contains("authorize");
    }

    @Test
    void readsQueuesSchedulesAndThrottling() {
        assertThat(template.queues()).extracting(Template.QueueTrigger::function, Template.QueueTrigger::queue)
            .contains(org.assertj.core.groups.Tuple.tuple("recordAuditEvent", "audit-events"),
                    org.assertj.core.groups.Tuple.tuple("runBacktest", "backtest-runs"))
            .doesNotHaveDuplicates();
        Template.Schedule purge = template.schedules().stream().filter(s -> s.function().equals("purgeAuditEvents"))
                .findFirst().orElseThrow();
        assertThat(purge.function()).isEqualTo("purgeAuditEvents");
        assertThat(purge.expression()).isEqualTo("cron(15 3 * * ? *)");
        assertThat(purge.timezone()).isEqualTo("UTC");
        assertThat(purge.queue()).isEqualTo("schedule.purgeAuditEvents");
        assertThat(purge.input()).contains("<aws.scheduler.scheduled-time>");

        Template.HttpRoute login = template.routes().stream().filter(r -> r.function().equals("login")).findFirst().orElseThrow();
        Template.HttpRoute me = template.routes().stream().filter(r -> r.function().equals("me")).findFirst().orElseThrow();
        assertThat(template.throttleFor(login)).isEqualTo(new Template.Throttle(20, 5));
        assertThat(template.throttleFor(me)).isEqualTo(template.defaultThrottle());
        assertThat(template.defaultThrottle().limited()).isTrue();
    }

    @Test
    void aFunctionACustomResourceInvokesIsADeploymentStep() {
        assertThat(template.isDeploymentStep("migrate")).isTrue();
        assertThat(template.isDeploymentStep("me")).isFalse();
        Template other = Template.parse("""
                Resources:
                  MigrateFunction:
                    Type: AWS::Serverless::Function
                    Properties: {Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: migrate}}}
                  Queue:
                    Type: AWS::SQS::Queue
                """);
        assertThat(other.isDeploymentStep("migrate")).isFalse();
    }

    @Test
    void refusesAFunctionWhoseDefinitionBreaksTheRule() {
        String yaml = """
                Resources:
                  MeFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          SPRING_CLOUD_FUNCTION_DEFINITION: whoAmI
                """;
        assertThatThrownBy(() -> Template.parse(yaml)).hasMessageContaining("SPRING_CLOUD_FUNCTION_DEFINITION: me");
    }

    @Test
    void refusesAnEventTypeNoLocalRuntimeEmulates() {
        String yaml = """
                Resources:
                  MeFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          SPRING_CLOUD_FUNCTION_DEFINITION: me
                      Events:
                        Upload:
                          Type: S3
                          Properties:
                            Bucket: !Ref Bucket
                """;
        assertThatThrownBy(() -> Template.parse(yaml)).hasMessageContaining("not emulated");
    }

    @Test
    void readsThroughTheShapesOnlyAwsResolves() {
        // Conditions, Fn::If in both spellings, Sub with a variable map, the authorizer invoked
        // through its alias: the local runtimes need none of them resolved.
        String yaml = """
                Conditions:
                  CreateBroker: !Equals [!Ref ExistingBrokerArn, '']
                Globals:
                  Function:
                    Environment:
                      Variables:
                        RABBITMQ_URL: !If
                          - CreateBroker
                          - !Sub
                            - 'amqps://${Endpoint}'
                            - Endpoint: !Select [0, !GetAtt Broker.AmqpEndpoints]
                          - !Ref RabbitMqUrl
                Resources:
                  HttpApi:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth:
                        Authorizers:
                          TokenAuthorizer:
                            FunctionArn: !Ref AuthorizeFunction.Alias
                  AuthorizeFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          SPRING_CLOUD_FUNCTION_DEFINITION: authorize
                  RecordAuditEventFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          SPRING_CLOUD_FUNCTION_DEFINITION: recordAuditEvent
                      Events:
                        AuditEvents:
                          Type: MQ
                          Properties:
                            Broker: !If [CreateBroker, !GetAtt Broker.Arn, !Ref ExistingBrokerArn]
                            Queues: [audit-events]
                            SourceAccessConfigurations:
                              - Type: BASIC_AUTH
                                URI:
                                  Fn::If: [CreateBroker, {Ref: BrokerSecret}, {Ref: ExistingBrokerSecretArn}]
                  PurgeAuditEventsFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          SPRING_CLOUD_FUNCTION_DEFINITION: purgeAuditEvents
                      Events:
                        Daily:
                          Type: ScheduleV2
                          Properties:
                            ScheduleExpression: rate(1 day)
                            Input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}'
                            OmitName: true
                            RetryPolicy: {MaximumRetryAttempts: 3}
                            DeadLetterConfig: {Arn: !GetAtt ScheduleDeadLetterQueue.Arn}
                  Broker:
                    Type: AWS::AmazonMQ::Broker
                    Condition: CreateBroker
                    Properties:
                      EngineType: RABBITMQ
                """;
        Template parsed = Template.parse(yaml);
        assertThat(parsed.authorizerFunction()).contains("authorize");
        assertThat(parsed.functions()).extracting(Template.FunctionSpec::name)
            .containsExactly("authorize", "purgeAuditEvents", "recordAuditEvent");
        assertThat(parsed.queues()).containsExactly(new Template.QueueTrigger("recordAuditEvent", "audit-events", 100));
        assertThat(parsed.schedules()).containsExactly(new Template.Schedule("purgeAuditEvents", "Daily", "rate(1 day)",
                "UTC", "{\"scheduledTime\":\"<aws.scheduler.scheduled-time>\"}", true));
    }
}
