// The AWS SAM side of the validation: SAM is a transform, not a CloudFormation resource provider,
// so the CloudFormation resource specification describes its AWS::Serverless::* types only as a
// frozen snapshot (no SnapStart, LoggingConfig, RuntimeManagementConfig, ...; no MQ or ScheduleV2
// events). The shapes below are written from the AWS SAM specification (developer guide,
// "AWS::Serverless::Function", "AWS::Serverless::HttpApi", "Globals section of the AWS SAM
// template", and the event source pages HttpApi, MQ, ScheduleV2, Schedule). validate.mjs checks
// that they stay a superset of what the specification data knows of the two types.
//
// Only the event types the local runtimes emulate are allowed (functions/runtime Template refuses
// the others): a function is reachable locally exactly when it is reachable in AWS.

/** Any value at all (policy documents, OpenAPI bodies). */
export const ANY = { kind: 'any' };
/** A string, number or boolean (CloudFormation converts between them). */
export const SCALAR = { kind: 'scalar' };
export const object = (props, required = []) => ({ kind: 'object', props, required });
export const list = (element) => ({ kind: 'list', element });
export const map = (value) => ({ kind: 'map', value });
/** Valid when one of the shapes accepts the value. */
export const either = (...shapes) => ({ kind: 'either', shapes });
/** A scalar restricted to the given values. */
export const oneOf = (...values) => ({ kind: 'enum', values });

const SCALARS = list(SCALAR);

const ROUTE_SETTINGS = object({
  DataTraceEnabled: SCALAR,
  DetailedMetricsEnabled: SCALAR,
  LoggingLevel: oneOf('OFF', 'ERROR', 'INFO'),
  ThrottlingBurstLimit: SCALAR,
  ThrottlingRateLimit: SCALAR,
});

const ON_DESTINATION = object({ Destination: SCALAR, Type: oneOf('SQS', 'SNS', 'Lambda', 'EventBridge', 'S3Bucket') }, ['Type']);

/** AWS::Serverless::Function properties. */
export const FUNCTION = {
  Architectures: list(oneOf('x86_64', 'arm64')),
  AssumeRolePolicyDocument: ANY,
  AutoPublishAlias: SCALAR,
  AutoPublishAliasAllProperties: SCALAR,
  AutoPublishCodeSha256: SCALAR,
  CodeSigningConfigArn: SCALAR,
  CodeUri: either(SCALAR, object({ Bucket: SCALAR, Key: SCALAR, Version: SCALAR }, ['Bucket', 'Key'])),
  DeadLetterQueue: object({ TargetArn: SCALAR, Type: oneOf('SQS', 'SNS') }, ['TargetArn', 'Type']),
  DeploymentPreference: object({
    Alarms: ANY, Enabled: SCALAR, Hooks: object({ PostTraffic: SCALAR, PreTraffic: SCALAR }),
    PassthroughCondition: SCALAR, Role: SCALAR, TriggerConfigurations: ANY, Type: SCALAR,
  }),
  Description: SCALAR,
  Environment: object({ Variables: map(SCALAR) }),
  EphemeralStorage: object({ Size: SCALAR }, ['Size']),
  EventInvokeConfig: object({
    DestinationConfig: object({ OnFailure: ON_DESTINATION, OnSuccess: ON_DESTINATION }),
    MaximumEventAgeInSeconds: SCALAR,
    MaximumRetryAttempts: SCALAR,
  }),
  // Checked event by event against EVENTS.
  Events: ANY,
  FileSystemConfigs: list(object({ Arn: SCALAR, LocalMountPath: SCALAR }, ['Arn', 'LocalMountPath'])),
  FunctionName: SCALAR,
  FunctionUrlConfig: object({ AuthType: oneOf('AWS_IAM', 'NONE'), Cors: ANY, InvokeMode: oneOf('BUFFERED', 'RESPONSE_STREAM') }, ['AuthType']),
  Handler: SCALAR,
  ImageConfig: object({ Command: SCALARS, EntryPoint: SCALARS, WorkingDirectory: SCALAR }),
  ImageUri: SCALAR,
  InlineCode: SCALAR,
  KmsKeyArn: SCALAR,
  Layers: SCALARS,
  LoggingConfig: object({ ApplicationLogLevel: SCALAR, LogFormat: oneOf('Text', 'JSON'), LogGroup: SCALAR, SystemLogLevel: SCALAR }),
  MemorySize: SCALAR,
  PackageType: oneOf('Zip', 'Image'),
  PermissionsBoundary: SCALAR,
  Policies: ANY,
  PropagateTags: SCALAR,
  ProvisionedConcurrencyConfig: object({ ProvisionedConcurrentExecutions: SCALAR }, ['ProvisionedConcurrentExecutions']),
  RecursiveLoop: oneOf('Allow', 'Terminate'),
  ReservedConcurrentExecutions: SCALAR,
  Role: SCALAR,
  RolePath: SCALAR,
  Runtime: SCALAR,
  RuntimeManagementConfig: object({ RuntimeVersionArn: SCALAR, UpdateRuntimeOn: oneOf('Auto', 'FunctionUpdate', 'Manual') }),
  SnapStart: object({ ApplyOn: oneOf('PublishedVersions', 'None') }, ['ApplyOn']),
  SourceKMSKeyArn: SCALAR,
  Tags: map(SCALAR),
  Timeout: SCALAR,
  Tracing: oneOf('Active', 'PassThrough', 'Disabled'),
  VersionDescription: SCALAR,
  VpcConfig: object({ Ipv6AllowedForDualStack: SCALAR, SecurityGroupIds: SCALARS, SubnetIds: SCALARS }),
};

/** What the Globals section may set for every function: all but Role, Policies, FunctionName, Events, ... */
export const GLOBAL_FUNCTION = [
  'Handler', 'Runtime', 'CodeUri', 'DeadLetterQueue', 'Description', 'MemorySize', 'Timeout', 'VpcConfig',
  'Environment', 'Tags', 'PropagateTags', 'Tracing', 'KmsKeyArn', 'AutoPublishAlias', 'AutoPublishAliasAllProperties',
  'Layers', 'DeploymentPreference', 'RolePath', 'PermissionsBoundary', 'ReservedConcurrentExecutions',
  'ProvisionedConcurrencyConfig', 'AssumeRolePolicyDocument', 'EventInvokeConfig', 'FileSystemConfigs',
  'CodeSigningConfigArn', 'Architectures', 'SnapStart', 'EphemeralStorage', 'FunctionUrlConfig',
  'RuntimeManagementConfig', 'LoggingConfig', 'RecursiveLoop', 'SourceKMSKeyArn',
];

const LAMBDA_AUTHORIZER = object({
  AuthorizerPayloadFormatVersion: oneOf('1.0', '2.0'),
  EnableFunctionDefaultPermissions: SCALAR,
  EnableSimpleResponses: SCALAR,
  FunctionArn: SCALAR,
  FunctionInvokeRole: SCALAR,
  Identity: object({ Context: SCALARS, Headers: SCALARS, QueryStrings: SCALARS, ReauthorizeEvery: SCALAR, StageVariables: SCALARS }),
}, ['FunctionArn', 'AuthorizerPayloadFormatVersion']);

const OAUTH2_AUTHORIZER = object({
  AuthorizationScopes: SCALARS,
  IdentitySource: SCALAR,
  JwtConfiguration: object({ audience: SCALARS, issuer: SCALAR }),
}, ['IdentitySource', 'JwtConfiguration']);

/** AWS::Serverless::HttpApi properties. */
export const HTTP_API = {
  AccessLogSettings: object({ DestinationArn: SCALAR, Format: SCALAR }, ['DestinationArn', 'Format']),
  Auth: object({
    Authorizers: map(either(LAMBDA_AUTHORIZER, OAUTH2_AUTHORIZER)),
    DefaultAuthorizer: SCALAR,
    EnableIamAuthorizer: SCALAR,
  }),
  CorsConfiguration: either(SCALAR, object({
    AllowCredentials: SCALAR, AllowHeaders: SCALARS, AllowMethods: SCALARS, AllowOrigins: SCALARS,
    ExposeHeaders: SCALARS, MaxAge: SCALAR,
  })),
  DefaultRouteSettings: ROUTE_SETTINGS,
  DefinitionBody: ANY,
  DefinitionUri: ANY,
  Description: SCALAR,
  DisableExecuteApiEndpoint: SCALAR,
  Domain: ANY,
  FailOnWarnings: SCALAR,
  Name: SCALAR,
  PropagateTags: SCALAR,
  RouteSettings: map(ROUTE_SETTINGS),
  StageName: SCALAR,
  StageVariables: map(SCALAR),
  Tags: map(SCALAR),
};

export const GLOBAL_HTTP_API = [
  'Auth', 'AccessLogSettings', 'StageVariables', 'Tags', 'CorsConfiguration', 'DefaultRouteSettings', 'Domain',
  'RouteSettings', 'FailOnWarnings', 'PropagateTags',
];

const RETRY_POLICY = object({ MaximumEventAgeInSeconds: SCALAR, MaximumRetryAttempts: SCALAR });
const SCHEDULE_DEAD_LETTER = object({ Arn: SCALAR, QueueLogicalId: SCALAR, Type: oneOf('SQS') });

/** Function event types: the properties of each. */
export const EVENTS = {
  HttpApi: object({
    ApiId: SCALAR,
    Auth: object({ AuthorizationScopes: SCALARS, Authorizer: SCALAR }),
    Method: oneOf('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'any'),
    Path: SCALAR,
    PayloadFormatVersion: oneOf('1.0', '2.0'),
    RouteSettings: ROUTE_SETTINGS,
    TimeoutInMillis: SCALAR,
  }),
  MQ: object({
    BatchSize: SCALAR,
    Broker: SCALAR,
    DynamicPolicyName: SCALAR,
    Enabled: SCALAR,
    FilterCriteria: object({ Filters: list(object({ Pattern: SCALAR })) }),
    KmsKeyArn: SCALAR,
    MaximumBatchingWindowInSeconds: SCALAR,
    Queues: SCALARS,
    SecretsManagerKmsKeyId: SCALAR,
    SourceAccessConfigurations: list(object({ Type: oneOf('BASIC_AUTH', 'VIRTUAL_HOST'), URI: SCALAR }, ['Type', 'URI'])),
  }, ['Broker', 'Queues', 'SourceAccessConfigurations']),
  ScheduleV2: object({
    DeadLetterConfig: SCHEDULE_DEAD_LETTER,
    Description: SCALAR,
    EndDate: SCALAR,
    FlexibleTimeWindow: object({ MaximumWindowInMinutes: SCALAR, Mode: oneOf('OFF', 'FLEXIBLE') }, ['Mode']),
    GroupName: SCALAR,
    Input: SCALAR,
    KmsKeyArn: SCALAR,
    Name: SCALAR,
    OmitName: SCALAR,
    PermissionsBoundary: SCALAR,
    RetryPolicy: RETRY_POLICY,
    RoleArn: SCALAR,
    ScheduleExpression: SCALAR,
    ScheduleExpressionTimezone: SCALAR,
    StartDate: SCALAR,
    State: oneOf('ENABLED', 'DISABLED'),
  }, ['ScheduleExpression']),
  Schedule: object({
    DeadLetterConfig: SCHEDULE_DEAD_LETTER,
    Description: SCALAR,
    Enabled: SCALAR,
    Input: SCALAR,
    Name: SCALAR,
    RetryPolicy: RETRY_POLICY,
    Schedule: SCALAR,
    State: oneOf('ENABLED', 'DISABLED'),
  }, ['Schedule']),
};

/**
 * The CloudFormation resource each SAM type becomes: what !GetAtt on the SAM logical id reaches,
 * and what !Ref returns. Also the SAM-generated resources reachable as "LogicalId.Property".
 */
export const GENERATED = {
  'AWS::Serverless::Function': { type: 'AWS::Lambda::Function', referable: { Alias: 'AutoPublishAlias', Version: 'AutoPublishAlias' } },
  'AWS::Serverless::HttpApi': { type: 'AWS::ApiGatewayV2::Api', referable: { Stage: null, DomainName: null } },
};

/**
 * Properties the specification's snapshot of SAM lists under a name SAM does not accept; the
 * self-check does not require them in the allow-list.
 */
export const SNAPSHOT_ERRATA = {
  'AWS::Serverless::HttpApi': {
    AccessLogSetting: 'SAM calls it AccessLogSettings on HttpApi (AccessLogSetting is the Api spelling)',
  },
};
