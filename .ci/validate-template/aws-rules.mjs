// AWS's documented limits and rules that a template can break while being well-formed, checked on
// the template as the SAM transform will expand it (Globals copied into every function):
//   - the runtime is one Lambda still accepts for new functions, and supports SnapStart if asked to;
//   - at most 60 dynamic references in the expanded template (CloudFormation quota), and no secret in
//     a function's configuration (functions read their secrets at initialisation, LambdaSecrets);
//   - event sources carry the properties their service requires;
//   - a route's function finishes before the HTTP API's integration timeout (at most 30 s);
//   - the deployment package is at most 250 MB unzipped;
//   - a parameter that may be empty and feeds a broker connection is asserted non-empty by a Rule;
//   - long-running functions do not carry the fast-start JIT flags; no function migrates at start;
//   - every function's role can read the application secret (the tag AppSecretPolicy admits);
//   - the broker's queues (quorum, dead-letter exchange, delivery limit) are declared by a deployment step
//     before any MQ event source reads them, on a broker version with quorum queues, and no function
//     declares them itself;
//   - a change of settings or of the secret's version publishes a new version behind the alias, and a
//     deployment step prunes the old versions (code storage quota).
import fs from 'node:fs';
import path from 'node:path';

/**
 * Lambda runtimes (AWS Lambda developer guide, "Lambda runtimes", supported and deprecated tables):
 * the date function creation is blocked, and SnapStart support. Java 8 (AL2), 11 and 17 run on
 * Amazon Linux 2, whose end of life ends them: creation blocked from 31 July 2026.
 */
export const RUNTIMES = {
  'java25': { blockCreate: '2029-07-31', snapStart: true },
  'java21': { blockCreate: '2029-07-31', snapStart: true },
  'java17': { blockCreate: '2026-07-31', snapStart: true },
  'java11': { blockCreate: '2026-07-31', snapStart: true },
  'java8.al2': { blockCreate: '2026-07-31', snapStart: false },
  'provided.al2023': { blockCreate: '2029-07-31', snapStart: false },
  'provided.al2': { blockCreate: '2026-07-31', snapStart: false },
};

/** CloudFormation: "Maximum number of dynamic references in a template: 60". */
export const MAX_DYNAMIC_REFERENCES = 60;
/** Lambda quota: deployment package (.zip) 250 MB unzipped, layers included. */
export const MAX_UNZIPPED_BYTES = 250 * 1024 * 1024;
/** API Gateway HTTP API: integration timeout 30 s at most, and by default. */
export const HTTP_API_MAX_TIMEOUT_MS = 30000;
/** Lambda's default function timeout. */
const LAMBDA_DEFAULT_TIMEOUT_S = 3;
/** Amazon MQ for RabbitMQ has quorum queues (the delivery limit) from engine version 3.13. */
export const MIN_RABBITMQ_FOR_QUORUM = [3, 13];
/** The tag AppSecretPolicy admits; SAM copies a function's Tags to the role it generates. */
export const STACK_TAG = 'tradebot:stack';

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function countDynamicReferences(value) {
  return (JSON.stringify(value ?? null).match(/\{\{resolve:/g) ?? []).length;
}

/** The values an intrinsic may take: both branches of Fn::If, the value itself otherwise. */
function branches(value) {
  if (isObject(value) && Array.isArray(value['Fn::If'])) {
    return value['Fn::If'].slice(1).flatMap(branches);
  }
  return [value];
}

/** A plain number, else undefined (an intrinsic decided at deploy time). */
function number(value) {
  return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
    ? Number(value) : undefined;
}

/** Sum of the uncompressed sizes in a zip's central directory (what Lambda unpacks). */
export function unzippedSize(file) {
  const buffer = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65535); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new Error(`${file} is not a zip archive`);
  }
  let entries = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (entries === 0xffff || offset === 0xffffffff) {
    // Zip64: the locator sits just before the end record.
    const locator = eocd - 20;
    const record = Number(buffer.readBigUInt64LE(locator + 8));
    entries = Number(buffer.readBigUInt64LE(record + 32));
    offset = Number(buffer.readBigUInt64LE(record + 48));
  }
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) {
      throw new Error(`${file}: broken central directory`);
    }
    let size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    if (size === 0xffffffff) {
      // Zip64 extended information: the uncompressed size comes first.
      let extra = offset + 46 + nameLength;
      const end = extra + extraLength;
      while (extra < end) {
        const id = buffer.readUInt16LE(extra);
        const length = buffer.readUInt16LE(extra + 2);
        if (id === 0x0001) {
          size = Number(buffer.readBigUInt64LE(extra + 4));
          break;
        }
        extra += 4 + length;
      }
    }
    total += size;
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return total;
}

/**
 * The errors of a template against AWS's rules. `functions` maps each AWS::Serverless::Function's
 * logical id to its properties with Globals merged in; `root` resolves a relative CodeUri.
 */
export function checkAwsRules({ template, functions, root, today = new Date(), notes = [] }) {
  const errors = [];
  const error = (where, message) => errors.push(`${where}: ${message}`);
  const parameters = isObject(template.Parameters) ? template.Parameters : {};
  const resources = isObject(template.Resources) ? template.Resources : {};

  // --- runtime ------------------------------------------------------------------------------------
  for (const [id, fn] of Object.entries(functions)) {
    if (fn.PackageType === 'Image') {
      continue;
    }
    const where = `Resources.${id}.Properties.Runtime`;
    const runtime = String(fn.Runtime);
    const known = RUNTIMES[runtime];
    if (!known) {
      error(where, `${runtime} is not a Lambda runtime validate-template knows (${Object.keys(RUNTIMES).join(', ')})`);
      continue;
    }
    if (today >= new Date(known.blockCreate + 'T00:00:00Z')) {
      error(where, `${runtime} is deprecated: Lambda blocks creating functions with it since ${known.blockCreate}; use `
        + Object.entries(RUNTIMES).filter(([, r]) => r.snapStart && today < new Date(r.blockCreate)).map(([n]) => n).join(' or '));
    }
    if (isObject(fn.SnapStart) && fn.SnapStart.ApplyOn === 'PublishedVersions' && !known.snapStart) {
      error(where, `${runtime} does not support SnapStart`);
    }
  }

  // --- dynamic references and secrets -----------------------------------------------------------
  let references = 0;
  for (const [id, resource] of Object.entries(resources)) {
    references += id in functions ? countDynamicReferences(functions[id]) : countDynamicReferences(resource);
  }
  references += countDynamicReferences(template.Outputs) + countDynamicReferences(template.Rules);
  if (references > MAX_DYNAMIC_REFERENCES) {
    error('Resources', `${references} dynamic references once Globals are copied into each of ${Object.keys(functions).length}`
      + ` functions; CloudFormation allows ${MAX_DYNAMIC_REFERENCES} per template`);
  }
  for (const [id, fn] of Object.entries(functions)) {
    for (const [name, value] of Object.entries(fn.Environment?.Variables ?? {})) {
      if (/\{\{resolve:(secretsmanager|ssm-secure):/.test(JSON.stringify(value ?? null))) {
        error(`Resources.${id}.Properties.Environment.Variables.${name}`, 'a secret in the function\'s configuration'
          + ' (shown to anyone who may read it): pass the secret\'s ARN and read it at initialisation');
      }
    }
  }

  // --- event sources -----------------------------------------------------------------------------
  for (const [id, fn] of Object.entries(functions)) {
    for (const [name, event] of Object.entries(fn.Events ?? {})) {
      const where = `Resources.${id}.Properties.Events.${name}.Properties`;
      const props = isObject(event?.Properties) ? event.Properties : {};
      if (event?.Type === 'HttpApi') {
        for (const key of ['ApiId', 'Method', 'Path']) {
          if (!(key in props)) {
            error(where, `required property ${key} of an HttpApi route is missing (without it SAM makes a route on an implicit API)`);
          }
        }
      }
      if (event?.Type === 'MQ') {
        const queues = props.Queues;
        if (Array.isArray(queues) && queues.length !== 1) {
          error(`${where}.Queues`, 'an Amazon MQ event source consumes exactly one queue');
        }
        const auth = (Array.isArray(props.SourceAccessConfigurations) ? props.SourceAccessConfigurations : [])
          .filter((c) => c?.Type === 'BASIC_AUTH');
        if (auth.length !== 1) {
          error(`${where}.SourceAccessConfigurations`, 'needs exactly one BASIC_AUTH secret (the broker user)');
        }
        const batch = number(props.BatchSize);
        if (batch !== undefined && (batch < 1 || batch > 10000)) {
          error(`${where}.BatchSize`, `${batch} is outside 1..10000`);
        }
      }
      if (event?.Type === 'ScheduleV2' && !('ScheduleExpression' in props)) {
        error(where, 'required property ScheduleExpression is missing');
      }
    }
  }

  // --- HTTP API timeouts ------------------------------------------------------------------------------
  for (const [id, fn] of Object.entries(functions)) {
    const timeout = number(fn.Timeout) ?? LAMBDA_DEFAULT_TIMEOUT_S;
    for (const [name, event] of Object.entries(fn.Events ?? {})) {
      if (event?.Type !== 'HttpApi') {
        continue;
      }
      const where = `Resources.${id}.Properties.Events.${name}.Properties`;
      const integration = number(event.Properties?.TimeoutInMillis) ?? HTTP_API_MAX_TIMEOUT_MS;
      if (integration > HTTP_API_MAX_TIMEOUT_MS) {
        error(`${where}.TimeoutInMillis`, `${integration} ms: an HTTP API integration times out after 30000 ms at most`);
      }
      if (timeout * 1000 >= integration) {
        error(`Resources.${id}.Properties.Timeout`, `${timeout} s behind route ${event.Properties?.Method} ${event.Properties?.Path}`
          + `, whose integration gives up after ${integration} ms: the caller would get 503 while the function still runs;`
          + ' make the function shorter than the route, or move the work to a task');
      }
    }
  }

  // --- long-running functions and the fast-start JIT ----------------------------------------------
  for (const [id, fn] of Object.entries(functions)) {
    const timeout = number(fn.Timeout) ?? LAMBDA_DEFAULT_TIMEOUT_S;
    const options = JSON.stringify(fn.Environment?.Variables?.JAVA_TOOL_OPTIONS ?? '');
    if (timeout * 1000 >= HTTP_API_MAX_TIMEOUT_MS && /TieredStopAtLevel=1/.test(options)) {
      error(`Resources.${id}.Properties.Environment.Variables.JAVA_TOOL_OPTIONS`, `-XX:TieredStopAtLevel=1 on a function`
        + ` that runs up to ${timeout} s: the C1-only JIT makes CPU-bound work several times slower; set its own JAVA_TOOL_OPTIONS`);
    }
  }

  // --- no function migrates when it starts (the migrate function, a deployment step, does) -------------
  for (const [id, fn] of Object.entries(functions)) {
    if (String(fn.Environment?.Variables?.SPRING_FLYWAY_ENABLED) !== 'false') {
      error(`Resources.${id}.Properties.Environment.Variables.SPRING_FLYWAY_ENABLED`, 'must be \'false\': a function that'
        + ' migrates at start migrates during SnapStart publication of every function at once; DatabaseMigration migrates');
    }
  }

  // --- every function's role may read the application secret -------------------------------------
  for (const [id, fn] of Object.entries(functions)) {
    if ('Role' in fn) {
      error(`Resources.${id}.Properties.Role`, 'functions use the role SAM generates (tagged for AppSecretPolicy);'
        + ' grant more with Policies');
    }
    if (!isObject(fn.Tags) || !(STACK_TAG in fn.Tags)) {
      error(`Resources.${id}.Properties.Tags`, `needs the tag ${STACK_TAG} (Globals.Function.Tags) or its role cannot read AppSecret`);
    }
  }

  // --- parameters that may be empty and reach a broker connection ------------------------------------
  const assertedNonEmpty = new Set();
  for (const rule of Object.values(isObject(template.Rules) ? template.Rules : {})) {
    for (const assertion of Array.isArray(rule?.Assertions) ? rule.Assertions : []) {
      const text = JSON.stringify(assertion?.Assert ?? null);
      for (const match of text.matchAll(/\{"Fn::Not":\[\{"Fn::Equals":\[(?:\{"Ref":"([^"]+)"\},""|"",\{"Ref":"([^"]+)"\})\]\}\]\}/g)) {
        assertedNonEmpty.add(match[1] ?? match[2]);
      }
    }
  }
  const conditions = isObject(template.Conditions) ? template.Conditions : {};
  /** Parameters a value may be, skipping the branch a condition "P is empty" takes only when P is set. */
  const mayBe = (value) => {
    if (isObject(value) && Array.isArray(value['Fn::If'])) {
      const [condition, whenTrue, whenFalse] = value['Fn::If'];
      const guard = JSON.stringify(conditions[condition] ?? null).match(/^\{"Fn::Equals":\[\{"Ref":"([^"]+)"\},""\]\}$/);
      return [...mayBe(whenTrue), ...mayBe(whenFalse).filter((p) => !guard || p !== guard[1])];
    }
    return isObject(value) && typeof value.Ref === 'string' ? [value.Ref] : [];
  };
  for (const [id, fn] of Object.entries(functions)) {
    for (const [name, event] of Object.entries(fn.Events ?? {})) {
      if (event?.Type !== 'MQ') {
        continue;
      }
      const props = event.Properties ?? {};
      const used = [...mayBe(props.Broker), ...(props.SourceAccessConfigurations ?? []).flatMap((c) => mayBe(c?.URI))];
      for (const parameter of new Set(used)) {
        const definition = parameters[parameter];
        if (definition && String(definition.Default ?? 'x') === '' && !assertedNonEmpty.has(parameter)) {
          error(`Resources.${id}.Properties.Events.${name}`, `parameter ${parameter} may be empty here (its default is '')`
            + ` and no Rules assertion refuses that: the event source would be created without a broker or secret`);
        }
      }
    }
  }

  // --- the broker's topology: declared at deployment, before the event sources ------------------------
  /** Custom resources whose ServiceToken is one of the template's functions: the deployment's steps. */
  const tokenFunction = (resource) => {
    const token = resource?.Properties?.ServiceToken;
    const ref = isObject(token) ? (token.Ref ?? (Array.isArray(token['Fn::GetAtt']) ? token['Fn::GetAtt'][0] : token['Fn::GetAtt'])) : undefined;
    return typeof ref === 'string' ? ref.split('.')[0] : undefined;
  };
  const deploymentSteps = Object.fromEntries(Object.entries(resources)
    .filter(([, r]) => (r?.Type === 'AWS::CloudFormation::CustomResource' || String(r?.Type).startsWith('Custom::'))
      && tokenFunction(r) in functions)
    .map(([id, r]) => [id, tokenFunction(r)]));
  const mqFunctions = Object.entries(functions)
    .filter(([, fn]) => Object.values(fn.Events ?? {}).some((e) => e?.Type === 'MQ'));
  for (const [id] of mqFunctions) {
    const dependsOn = [resources[id]?.DependsOn ?? []].flat();
    if (!dependsOn.some((d) => d in deploymentSteps)) {
      error(`Resources.${id}.DependsOn`, 'a function with an MQ event must depend on the deployment step that declares'
        + ' the queues (DatabaseMigration): otherwise its event source mapping may read a queue that does not exist yet,'
        + ' or one without its dead-letter exchange and delivery limit');
    }
  }
  if (mqFunctions.length > 0) {
    for (const [id, fn] of Object.entries(functions)) {
      if (String(fn.Environment?.Variables?.TRADEBOT_MESSAGING_TOPOLOGY) !== 'deployment') {
        error(`Resources.${id}.Properties.Environment.Variables.TRADEBOT_MESSAGING_TOPOLOGY`, 'must be \'deployment\':'
          + ' the migrate step declares the queues; a function declaring them on connect would do so on its first publish');
      }
    }
  }
  for (const [id, resource] of Object.entries(resources)) {
    if (resource?.Type !== 'AWS::AmazonMQ::Broker' || String(resource.Properties?.EngineType).toUpperCase() !== 'RABBITMQ') {
      continue;
    }
    const version = String(resource.Properties?.EngineVersion ?? '').split('.').map(Number);
    const [major, minor] = MIN_RABBITMQ_FOR_QUORUM;
    if (!(version[0] > major || (version[0] === major && (version[1] ?? 0) >= minor))) {
      error(`Resources.${id}.Properties.EngineVersion`, `RabbitMQ ${resource.Properties?.EngineVersion} on Amazon MQ has no`
        + ` quorum queues (from ${major}.${minor}): a failing message would be handed out forever, with no delivery limit`);
    }
  }

  // --- uploads past the HTTP API's payload limit: a function naming the bucket may reach it -----------
  for (const [id, fn] of Object.entries(functions)) {
    const bucket = fn.Environment?.Variables?.UPLOAD_BUCKET;
    if (bucket === undefined) {
      continue;
    }
    const policies = JSON.stringify(fn.Policies ?? null);
    if (!policies.includes(JSON.stringify(bucket))) {
      error(`Resources.${id}.Properties.Policies`, `the function works with UPLOAD_BUCKET (${JSON.stringify(bucket)}) but no`
        + ' policy names that bucket: its presigned URLs and reads would be refused by S3');
    }
  }

  // --- versions: a new one for every change, the old ones pruned ------------------------------------------
  const aliased = Object.entries(functions).filter(([, fn]) => typeof fn.AutoPublishAlias === 'string');
  for (const [id, fn] of aliased) {
    if (fn.AutoPublishAliasAllProperties !== true && String(fn.AutoPublishAliasAllProperties) !== 'true') {
      error(`Resources.${id}.Properties.AutoPublishAliasAllProperties`, 'must be true: otherwise SAM publishes a new version'
        + ' only when the code changes, and a change of settings (or of AppSecretVersion) stays behind the alias\'s old snapshot');
    }
    const variables = fn.Environment?.Variables ?? {};
    if ('APP_SECRET_ARN' in variables && !('APP_SECRET_VERSION' in variables)) {
      error(`Resources.${id}.Properties.Environment.Variables.APP_SECRET_VERSION`, 'missing: a SnapStart version keeps the'
        + ' secret it read when published, so a new value of the secret must change the configuration (a new VersionId)'
        + ' to publish a version that reads it');
    }
  }
  if (aliased.length > 0) {
    const pruners = Object.values(deploymentSteps).filter((fnId) => JSON.stringify(functions[fnId]?.Policies ?? null)
      .includes('lambda:DeleteFunction'));
    if (pruners.length === 0) {
      error('Resources', `${aliased.length} functions publish a version per deploy (AutoPublishAlias) but no deployment step`
        + ' prunes old versions (a custom resource whose function may call lambda:DeleteFunction): each version keeps a copy'
        + ' of the package, and Lambda\'s code storage quota fills');
    }
  }

  // --- package size ------------------------------------------------------------------------------
  const packages = new Set(Object.values(functions).map((fn) => fn.CodeUri).filter((uri) => typeof uri === 'string'));
  for (const uri of packages) {
    const file = path.resolve(root, uri);
    if (!fs.existsSync(file)) {
      notes.push(`package size not checked: ${uri} is not built (mvn -B package -pl functions -am builds it)`);
      continue;
    }
    if (fs.statSync(file).isDirectory()) {
      continue;
    }
    const size = unzippedSize(file);
    if (size > MAX_UNZIPPED_BYTES) {
      error('Globals.Function.CodeUri', `${uri} is ${(size / 1048576).toFixed(1)} MB unzipped; Lambda takes at most 250 MB`);
    }
    else {
      notes.push(`package ${uri}: ${(size / 1048576).toFixed(1)} MB unzipped (Lambda's limit 250 MB)`);
    }
  }
  return errors;
}
