#!/usr/bin/env node
// Offline validation of template.yaml, no AWS account needed:
//   - every AWS::* resource type other than SAM's exists in the CloudFormation resource
//     specification (npm @aws-cdk/aws-service-spec), its properties (nested ones too) are known
//     there, have the right shape, and the required ones are present;
//   - AWS::Serverless::Function and ::HttpApi, their events and the Globals section follow the
//     allow-list in sam.mjs (SAM is a transform; the specification only has an old snapshot of it);
//   - every !Ref, !GetAtt, !Sub variable, !If condition, Condition, DependsOn and dynamic reference
//     resolves to a parameter, resource, condition or pseudo parameter;
//   - then a self-check: mutated copies of the template (a misspelt property, an unknown resource
//     type, a dangling reference, ...) must each be rejected, so a pass means something.
//
// Usage: node .ci/validate-template/validate.mjs [template.yaml] [--no-self-check]
// Installs its dependencies with `npm ci` in its own directory when they are missing.
// Exit status: 0 valid, 1 invalid (or the self-check failed), 2 cannot run.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkAwsRules } from './aws-rules.mjs';
import * as sam from './sam.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');

const PSEUDO_PARAMETERS = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition',
  'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const FUNCTIONS = new Set(['Fn::Base64', 'Fn::Cidr', 'Fn::FindInMap', 'Fn::GetAtt', 'Fn::GetAZs', 'Fn::ImportValue',
  'Fn::Join', 'Fn::Length', 'Fn::Select', 'Fn::Split', 'Fn::Sub', 'Fn::ToJsonString', 'Fn::Transform', 'Fn::If',
  'Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Ref']);
const TOP_LEVEL = new Set(['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings',
  'Conditions', 'Transform', 'Globals', 'Resources', 'Outputs']);
const RESOURCE_ATTRIBUTES = new Set(['Type', 'Properties', 'Condition', 'DependsOn', 'DeletionPolicy',
  'UpdateReplacePolicy', 'UpdatePolicy', 'CreationPolicy', 'Metadata', 'IgnoreGlobals']);
const PARAMETER_KEYS = new Set(['Type', 'Default', 'AllowedValues', 'AllowedPattern', 'ConstraintDescription',
  'Description', 'MaxLength', 'MinLength', 'MaxValue', 'MinValue', 'NoEcho']);
const PARAMETER_TYPE = /^(String|Number|List<Number>|CommaDelimitedList|AWS::SSM::Parameter::Name|AWS::SSM::Parameter::Value<.+>|(List<)?AWS::(EC2::(AvailabilityZone::Name|Image::Id|Instance::Id|KeyPair::KeyName|SecurityGroup::GroupName|SecurityGroup::Id|Subnet::Id|Volume::Id|VPC::Id)|Route53::HostedZone::Id)>?)$/;
const DYNAMIC_REFERENCE_SERVICES = new Set(['ssm', 'ssm-secure', 'secretsmanager']);
const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

// --- dependencies ------------------------------------------------------------------------------

function ensureDependencies() {
  const present = ['js-yaml', '@aws-cdk/aws-service-spec']
    .every((name) => fs.existsSync(path.join(HERE, 'node_modules', name, 'package.json')));
  if (present) {
    return;
  }
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: HERE, stdio: 'inherit' });
  if (npm.status !== 0) {
    console.error('validate-template: `npm ci` failed in ' + HERE);
    process.exit(2);
  }
}

// --- YAML with CloudFormation's short-form tags -------------------------------------------------

function cloudFormationSchema(yaml) {
  const types = [];
  const add = (tag, kinds, construct) => {
    for (const kind of kinds) {
      types.push(new yaml.Type('!' + tag, { kind, construct }));
    }
  };
  add('Ref', ['scalar'], (value) => ({ Ref: value }));
  add('Condition', ['scalar'], (value) => ({ Condition: value }));
  // !GetAtt Resource.Attribute.With.Dots: the logical id ends at the first dot.
  add('GetAtt', ['scalar'], (value) => {
    const dot = String(value).indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  });
  add('GetAtt', ['sequence'], (value) => ({ 'Fn::GetAtt': value }));
  for (const name of ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Length', 'Select', 'Split',
    'Sub', 'ToJsonString', 'Transform', 'If', 'Equals', 'And', 'Or', 'Not']) {
    add(name, ['scalar', 'sequence', 'mapping'], (value) => ({ ['Fn::' + name]: value }));
  }
  return yaml.DEFAULT_SCHEMA.extend(types);
}

// --- helpers ----------------------------------------------------------------------------------

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A CloudFormation intrinsic function: a one-key object whose key is Ref or Fn::*. */
function intrinsicName(value) {
  if (!isObject(value)) {
    return null;
  }
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')) ? keys[0] : null;
}

function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

function suggest(name, candidates) {
  let best = null;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean ${best}?)` : '';
}

/** SAM's Globals merge: objects merge key by key, lists concatenate, anything else: the resource wins. */
function mergeGlobals(global, local) {
  if (local === undefined) {
    return global;
  }
  if (isObject(global) && isObject(local) && !intrinsicName(global) && !intrinsicName(local)) {
    const merged = { ...global };
    for (const [key, value] of Object.entries(local)) {
      merged[key] = key in global ? mergeGlobals(global[key], value) : value;
    }
    return merged;
  }
  if (Array.isArray(global) && Array.isArray(local)) {
    return [...global, ...local];
  }
  return local;
}

// --- the validator ----------------------------------------------------------------------------

class TemplateValidator {

  constructor(spec, template, notes = []) {
    this.spec = spec;
    this.template = template;
    this.errors = [];
    this.notes = notes;
    this.parameters = isObject(template.Parameters) ? template.Parameters : {};
    this.conditions = isObject(template.Conditions) ? template.Conditions : {};
    this.mappings = isObject(template.Mappings) ? template.Mappings : {};
    this.resources = isObject(template.Resources) ? template.Resources : {};
    this.globals = isObject(template.Globals) ? template.Globals : {};
    this.references = 0;
  }

  error(where, message) {
    this.errors.push(`${where}: ${message}`);
  }

  validate() {
    this.checkTopLevel();
    this.checkParameters();
    this.checkConditions();
    this.checkGlobals();
    this.checkResources();
    this.checkOutputs();
    this.walk(this.template.Globals, 'Globals', {});
    this.walk(this.template.Resources, 'Resources', {});
    this.walk(this.template.Outputs, 'Outputs', {});
    this.walk(this.template.Conditions, 'Conditions', { inConditions: true });
    this.checkRules();
    const functions = Object.fromEntries(Object.entries(this.resources)
      .filter(([, r]) => r?.Type === 'AWS::Serverless::Function')
      .map(([id, r]) => [id, mergeGlobals(this.globals.Function ?? {}, isObject(r.Properties) ? r.Properties : {})]));
    this.errors.push(...checkAwsRules({ template: this.template, functions, root: ROOT, notes: this.notes }));
    return this.errors;
  }

  /** Rules: assertions on parameters, checked by CloudFormation before it changes anything. */
  checkRules() {
    const rules = this.template.Rules ?? {};
    if (!isObject(rules)) {
      this.error('Rules', 'must be a mapping');
      return;
    }
    for (const [name, rule] of Object.entries(rules)) {
      const where = `Rules.${name}`;
      this.errors.push(...checkShape(sam.object({
        RuleCondition: sam.ANY,
        Assertions: sam.list(sam.object({ Assert: sam.ANY, AssertDescription: sam.SCALAR }, ['Assert'])),
      }, ['Assertions']), rule, where));
      this.walk(rule, where, { inConditions: true });
    }
  }

  checkTopLevel() {
    for (const key of Object.keys(this.template)) {
      if (!TOP_LEVEL.has(key)) {
        this.error(key, 'unknown template section' + suggest(key, TOP_LEVEL));
      }
    }
    if (!isObject(this.template.Resources) || Object.keys(this.template.Resources).length === 0) {
      this.error('Resources', 'missing or empty');
    }
    const transforms = [].concat(this.template.Transform ?? []);
    const usesSam = Object.values(this.resources).some((r) => String(r?.Type).startsWith('AWS::Serverless::'));
    if ((usesSam || Object.keys(this.globals).length > 0) && !transforms.includes(SAM_TRANSFORM)) {
      this.error('Transform', `must include ${SAM_TRANSFORM} (the template uses SAM)`);
    }
  }

  checkParameters() {
    for (const [name, parameter] of Object.entries(this.parameters)) {
      const where = `Parameters.${name}`;
      if (!isObject(parameter)) {
        this.error(where, 'must be a mapping');
        continue;
      }
      for (const key of Object.keys(parameter)) {
        if (!PARAMETER_KEYS.has(key)) {
          this.error(`${where}.${key}`, 'unknown parameter attribute' + suggest(key, PARAMETER_KEYS));
        }
      }
      if (!PARAMETER_TYPE.test(String(parameter.Type))) {
        this.error(`${where}.Type`, `unknown parameter type ${parameter.Type}`);
      }
      if ('Default' in parameter) {
        const value = String(parameter.Default);
        if (Array.isArray(parameter.AllowedValues) && !parameter.AllowedValues.map(String).includes(value)) {
          this.error(`${where}.Default`, `${value} is not one of AllowedValues`);
        }
        if (parameter.AllowedPattern && value !== '' && !new RegExp(`^(?:${parameter.AllowedPattern})$`).test(value)) {
          this.error(`${where}.Default`, `${value} does not match AllowedPattern`);
        }
        if (parameter.Type === 'Number' && Number.isNaN(Number(value))) {
          this.error(`${where}.Default`, `${value} is not a number`);
        }
      }
    }
  }

  checkConditions() {
    for (const [name, condition] of Object.entries(this.conditions)) {
      const fn = intrinsicName(condition);
      const isCondition = fn && ['Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not'].includes(fn)
        || (isObject(condition) && Object.keys(condition).length === 1 && 'Condition' in condition);
      if (!isCondition) {
        this.error(`Conditions.${name}`, 'must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition');
      }
    }
  }

  checkGlobals() {
    const sections = { Function: [sam.GLOBAL_FUNCTION, sam.FUNCTION], HttpApi: [sam.GLOBAL_HTTP_API, sam.HTTP_API] };
    for (const [section, properties] of Object.entries(this.globals)) {
      const where = `Globals.${section}`;
      if (!(section in sections)) {
        this.error(where, `not allow-listed (sam.mjs knows Globals ${Object.keys(sections).join(', ')})`);
        continue;
      }
      if (!isObject(properties)) {
        this.error(where, 'must be a mapping');
        continue;
      }
      const [allowed, shapes] = sections[section];
      for (const [key, value] of Object.entries(properties)) {
        if (!allowed.includes(key)) {
          this.error(`${where}.${key}`, `not supported in Globals.${section}` + suggest(key, allowed));
          continue;
        }
        this.errors.push(...checkShape(shapes[key], value, `${where}.${key}`));
      }
    }
  }

  checkResources() {
    for (const [logicalId, resource] of Object.entries(this.resources)) {
      const where = `Resources.${logicalId}`;
      if (!/^[A-Za-z0-9]+$/.test(logicalId)) {
        this.error(where, 'logical ids are alphanumeric');
      }
      if (!isObject(resource)) {
        this.error(where, 'must be a mapping');
        continue;
      }
      for (const key of Object.keys(resource)) {
        if (!RESOURCE_ATTRIBUTES.has(key)) {
          this.error(`${where}.${key}`, 'unknown resource attribute' + suggest(key, RESOURCE_ATTRIBUTES));
        }
      }
      if ('Condition' in resource) {
        this.checkConditionName(resource.Condition, `${where}.Condition`);
      }
      for (const dependency of [].concat(resource.DependsOn ?? [])) {
        if (!(dependency in this.resources)) {
          this.error(`${where}.DependsOn`, `no resource ${dependency}` + suggest(String(dependency), Object.keys(this.resources)));
        }
      }
      const type = String(resource.Type);
      const properties = resource.Properties ?? {};
      if (!isObject(properties)) {
        this.error(`${where}.Properties`, 'must be a mapping');
        continue;
      }
      if (type === 'AWS::Serverless::Function') {
        this.checkFunction(logicalId, properties, where);
      }
      else if (type === 'AWS::Serverless::HttpApi') {
        this.errors.push(...checkShape(sam.object(sam.HTTP_API), properties, `${where}.Properties`, type));
      }
      else if (type.startsWith('AWS::Serverless::')) {
        this.error(`${where}.Type`, `${type} is not allow-listed: describe its properties in sam.mjs first`);
      }
      else {
        this.checkCloudFormationResource(type, properties, where);
      }
    }
  }

  checkFunction(logicalId, properties, where) {
    this.errors.push(...checkShape(sam.object(sam.FUNCTION), properties, `${where}.Properties`, 'AWS::Serverless::Function'));
    const merged = mergeGlobals(this.globals.Function ?? {}, properties);
    const image = merged.PackageType === 'Image';
    const needed = image ? ['ImageUri'] : ['Runtime', 'Handler'];
    for (const key of needed) {
      if (!(key in merged)) {
        this.error(`${where}.Properties`, `${key} is required (here or in Globals.Function)`);
      }
    }
    if (!image && !('CodeUri' in merged) && !('InlineCode' in merged)) {
      this.error(`${where}.Properties`, 'CodeUri or InlineCode is required (here or in Globals.Function)');
    }
    if (isObject(merged.SnapStart) && merged.SnapStart.ApplyOn === 'PublishedVersions' && !merged.AutoPublishAlias) {
      this.error(`${where}.Properties`, 'SnapStart applies to published versions only: set AutoPublishAlias so triggers invoke one');
    }
    const events = properties.Events ?? {};
    if (!isObject(events)) {
      this.error(`${where}.Properties.Events`, 'must be a mapping');
      return;
    }
    for (const [name, event] of Object.entries(events)) {
      const at = `${where}.Properties.Events.${name}`;
      if (!/^[A-Za-z0-9]+$/.test(name)) {
        this.error(at, 'event names are alphanumeric');
      }
      this.errors.push(...checkShape(sam.object({ Type: sam.SCALAR, Properties: sam.ANY }, ['Type']), event, at));
      if (!isObject(event)) {
        continue;
      }
      const shape = sam.EVENTS[event.Type];
      if (!shape) {
        this.error(`${at}.Type`, `event type ${event.Type} is not allow-listed (${Object.keys(sam.EVENTS).join(', ')}: what the local runtimes emulate)` + suggest(String(event.Type), Object.keys(sam.EVENTS)));
        continue;
      }
      this.errors.push(...checkShape(shape, event.Properties ?? {}, `${at}.Properties`, `${event.Type} event`));
      if (event.Type === 'HttpApi') {
        this.checkRoute(event.Properties ?? {}, `${at}.Properties`);
      }
    }
  }

  /** A route's ApiId names an HttpApi of this template, and its authorizer is one of that API's. */
  checkRoute(route, where) {
    let api = null;
    if (route.ApiId !== undefined) {
      const target = route.ApiId?.Ref;
      if (this.resources[target]?.Type !== 'AWS::Serverless::HttpApi') {
        this.error(`${where}.ApiId`, 'must be !Ref of an AWS::Serverless::HttpApi of this template');
        return;
      }
      api = this.resources[target];
    }
    const authorizer = route.Auth?.Authorizer;
    if (authorizer === undefined || authorizer === 'NONE' || authorizer === 'AWS_IAM') {
      return;
    }
    const authorizers = mergeGlobals(this.globals.HttpApi?.Auth ?? {}, api?.Properties?.Auth ?? {}).Authorizers ?? {};
    if (!(authorizer in authorizers)) {
      this.error(`${where}.Auth.Authorizer`, `no authorizer ${authorizer} on the API` + suggest(String(authorizer), Object.keys(authorizers)));
    }
  }

  checkCloudFormationResource(type, properties, where) {
    if (type === 'AWS::CloudFormation::CustomResource' || type.startsWith('Custom::')) {
      // Any properties: they are the function's input. ServiceToken names the function.
      if (!('ServiceToken' in properties)) {
        this.error(`${where}.Properties`, 'required property ServiceToken of a custom resource is missing');
      }
      return;
    }
    const definition = this.spec.resource(type);
    if (!definition) {
      this.error(`${where}.Type`, `unknown resource type ${type}` + suggest(type, this.spec.typesLike(type)));
      return;
    }
    this.errors.push(...this.spec.checkProperties(definition.properties, properties, `${where}.Properties`, type));
  }

  checkOutputs() {
    for (const [name, output] of Object.entries(this.template.Outputs ?? {})) {
      const where = `Outputs.${name}`;
      this.errors.push(...checkShape(sam.object({ Value: sam.ANY, Description: sam.SCALAR, Export: sam.object({ Name: sam.SCALAR }, ['Name']), Condition: sam.SCALAR }, ['Value']), output, where));
      if (isObject(output) && 'Condition' in output) {
        this.checkConditionName(output.Condition, `${where}.Condition`);
      }
    }
  }

  checkConditionName(name, where) {
    if (!(name in this.conditions)) {
      this.error(where, `no condition ${name}` + suggest(String(name), Object.keys(this.conditions)));
    }
  }

  /** Every reference in a value: Ref, GetAtt, Sub variables, If conditions, dynamic references. */
  walk(value, where, context) {
    if (Array.isArray(value)) {
      value.forEach((element, i) => this.walk(element, `${where}[${i}]`, context));
      return;
    }
    if (typeof value === 'string') {
      this.checkDynamicReferences(value, where);
      return;
    }
    if (!isObject(value)) {
      return;
    }
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Condition' && context.inConditions) {
      this.references++;
      this.checkConditionName(value.Condition, where);
      return;
    }
    const fn = intrinsicName(value);
    if (!fn) {
      for (const [key, child] of Object.entries(value)) {
        this.walk(child, `${where}.${key}`, context);
      }
      return;
    }
    const argument = value[fn];
    const at = `${where}.${fn}`;
    if (!FUNCTIONS.has(fn)) {
      this.error(at, 'unknown intrinsic function' + suggest(fn, FUNCTIONS));
      return;
    }
    switch (fn) {
      case 'Ref':
        this.checkRef(argument, at, context);
        return;
      case 'Fn::GetAtt':
        if (!Array.isArray(argument) || argument.length !== 2) {
          this.error(at, 'takes [LogicalId, Attribute] or LogicalId.Attribute');
          return;
        }
        this.checkGetAtt(argument[0], argument[1], at, context);
        return;
      case 'Fn::Sub':
        this.checkSub(argument, at, context);
        return;
      case 'Fn::If':
        if (!Array.isArray(argument) || argument.length !== 3) {
          this.error(at, 'takes [Condition, ValueIfTrue, ValueIfFalse]');
          return;
        }
        this.references++;
        this.checkConditionName(argument[0], at);
        this.walk(argument[1], `${at}[1]`, context);
        this.walk(argument[2], `${at}[2]`, context);
        return;
      case 'Fn::FindInMap':
        if (Array.isArray(argument) && typeof argument[0] === 'string' && !(argument[0] in this.mappings)) {
          this.error(at, `no mapping ${argument[0]}`);
        }
        this.walk(argument, at, context);
        return;
      default:
        this.walk(argument, at, context);
    }
  }

  checkRef(name, where, context) {
    this.references++;
    if (typeof name !== 'string') {
      this.error(where, 'takes a logical id or parameter name');
      return;
    }
    if (PSEUDO_PARAMETERS.has(name) || name in this.parameters) {
      return;
    }
    if (context.inConditions) {
      this.error(where, `conditions may only reference parameters and pseudo parameters, not ${name}`);
      return;
    }
    if (name in this.resources) {
      return;
    }
    const dot = name.indexOf('.');
    if (dot > 0) {
      // SAM's referable properties: !Ref MyFunction.Alias is the alias AutoPublishAlias made.
      const [base, property] = [name.slice(0, dot), name.slice(dot + 1)];
      const generated = sam.GENERATED[this.resources[base]?.Type];
      if (generated && property in generated.referable) {
        const needs = generated.referable[property];
        const merged = mergeGlobals(this.globals.Function ?? {}, this.resources[base].Properties ?? {});
        if (needs && !merged[needs]) {
          this.error(where, `${name} exists only when ${base} sets ${needs}`);
        }
        return;
      }
    }
    this.error(where, `no parameter, resource or pseudo parameter ${name}`
      + suggest(name, [...Object.keys(this.parameters), ...Object.keys(this.resources), ...PSEUDO_PARAMETERS]));
  }

  checkGetAtt(logicalId, attribute, where, context) {
    this.references++;
    if (context.inConditions) {
      this.error(where, 'conditions cannot use Fn::GetAtt');
      return;
    }
    const resource = this.resources[logicalId];
    if (!resource) {
      this.error(where, `no resource ${logicalId}` + suggest(String(logicalId), Object.keys(this.resources)));
      return;
    }
    if (typeof attribute !== 'string') {
      this.walk(attribute, where, context);
      return;
    }
    const type = sam.GENERATED[resource.Type]?.type ?? resource.Type;
    const definition = this.spec.resource(type);
    if (!definition) {
      return; // an unknown type is reported once, by checkResources
    }
    const attributes = Object.keys(definition.attributes ?? {});
    if (!attributes.includes(attribute)) {
      this.error(where, `${type} has no attribute ${attribute}` + suggest(attribute, attributes));
    }
  }

  checkSub(argument, where, context) {
    let [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
    if (typeof text !== 'string' || !isObject(variables)) {
      this.error(where, 'takes a string, or [string, {Name: value}]');
      return;
    }
    this.walk(variables, `${where}[1]`, context);
    // Variables first: {{resolve:secretsmanager:${Secret}:SecretString:KEY}} is one reference.
    this.checkDynamicReferences(text.replace(/\$\{[^}]*\}/g, 'x'), where);
    for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
      const name = match[1].trim();
      if (name.startsWith('!') || name in variables) {
        continue;
      }
      const dot = name.indexOf('.');
      if (dot > 0 && !PSEUDO_PARAMETERS.has(name) && !(name in this.parameters)) {
        const base = name.slice(0, dot);
        const generated = sam.GENERATED[this.resources[base]?.Type];
        if (generated && name.slice(dot + 1) in generated.referable) {
          this.checkRef(name, `${where} \${${name}}`, context);
        }
        else {
          this.checkGetAtt(base, name.slice(dot + 1), `${where} \${${name}}`, context);
        }
      }
      else {
        this.checkRef(name, `${where} \${${name}}`, context);
      }
    }
  }

  checkDynamicReferences(text, where) {
    for (const match of text.matchAll(/\{\{resolve:([^:}]*):([^}]*)\}\}/g)) {
      this.references++;
      if (!DYNAMIC_REFERENCE_SERVICES.has(match[1])) {
        this.error(where, `dynamic reference to unknown service ${match[1]}` + suggest(match[1], DYNAMIC_REFERENCE_SERVICES));
      }
    }
    if (/\{\{resolve:/.test(text.replace(/\{\{resolve:[^:}]*:[^}]*\}\}/g, ''))) {
      this.error(where, 'unterminated dynamic reference');
    }
  }
}

// --- shapes: the SAM allow-list -----------------------------------------------------------------

/** Errors of a value against a sam.mjs shape; intrinsics are accepted (both branches of an If checked). */
function checkShape(shape, value, where, what = 'it') {
  const fn = intrinsicName(value);
  if (fn) {
    return fn === 'Fn::If' && Array.isArray(value[fn])
      ? value[fn].slice(1).filter((branch) => branch?.Ref !== 'AWS::NoValue')
        .flatMap((branch, i) => checkShape(shape, branch, `${where}.Fn::If[${i + 1}]`, what))
      : [];
  }
  switch (shape.kind) {
    case 'any':
      return [];
    case 'scalar':
      return value === null || typeof value === 'object' ? [`${where}: expected a single value`] : [];
    case 'enum':
      if (value === null || typeof value === 'object') {
        return [`${where}: expected a single value`];
      }
      return shape.values.includes(String(value)) ? [] : [`${where}: ${value} is not one of ${shape.values.join(', ')}`];
    case 'list':
      return Array.isArray(value)
        ? value.flatMap((element, i) => checkShape(shape.element, element, `${where}[${i}]`, what))
        : [`${where}: expected a list`];
    case 'map':
      return isObject(value)
        ? Object.entries(value).flatMap(([key, child]) => checkShape(shape.value, child, `${where}.${key}`, what))
        : [`${where}: expected a mapping`];
    case 'object': {
      if (!isObject(value)) {
        return [`${where}: expected a mapping`];
      }
      const errors = [];
      for (const [key, child] of Object.entries(value)) {
        if (!(key in shape.props)) {
          errors.push(`${where}.${key}: unknown property of ${what}` + suggest(key, Object.keys(shape.props)));
        }
        else {
          errors.push(...checkShape(shape.props[key], child, `${where}.${key}`, what));
        }
      }
      for (const key of shape.required) {
        if (!(key in value)) {
          errors.push(`${where}: required property ${key} is missing`);
        }
      }
      return errors;
    }
    case 'either': {
      const attempts = shape.shapes.map((candidate) => checkShape(candidate, value, where, what));
      return attempts.find((errors) => errors.length === 0) ?? attempts.sort((a, b) => a.length - b.length)[0];
    }
    default:
      throw new Error('unknown shape ' + shape.kind);
  }
}

// --- the CloudFormation resource specification ------------------------------------------------------

function specification(db) {
  const resources = new Map(db.all('resource').map((r) => [r.cloudFormationType, r]));

  function checkType(type, value, where, what) {
    const fn = intrinsicName(value);
    if (fn) {
      return fn === 'Fn::If' && Array.isArray(value[fn])
        ? value[fn].slice(1).filter((branch) => branch?.Ref !== 'AWS::NoValue')
          .flatMap((branch, i) => checkType(type, branch, `${where}.Fn::If[${i + 1}]`, what))
        : [];
    }
    switch (type.type) {
      case 'string': case 'number': case 'integer': case 'boolean': case 'date-time':
        return value === null || typeof value === 'object' ? [`${where}: expected a single ${type.type}`] : [];
      case 'json':
        return [];
      case 'tag':
        return checkShape(sam.object({ Key: sam.SCALAR, Value: sam.SCALAR }, ['Key', 'Value']), value, where, 'a tag');
      case 'array':
        return Array.isArray(value)
          ? value.flatMap((element, i) => checkType(type.element, element, `${where}[${i}]`, what))
          : [`${where}: expected a list`];
      case 'map':
        return isObject(value)
          ? Object.entries(value).flatMap(([key, child]) => checkType(type.element, child, `${where}.${key}`, what))
          : [`${where}: expected a mapping`];
      case 'ref': {
        const definition = db.get('typeDefinition', type.reference.$ref);
        return checkProperties(definition.properties, value, where, `${what} ${definition.name}`);
      }
      case 'union': {
        const attempts = type.types.map((candidate) => checkType(candidate, value, where, what));
        return attempts.find((errors) => errors.length === 0) ?? attempts.sort((a, b) => a.length - b.length)[0];
      }
      default:
        return [];
    }
  }

  function checkProperties(properties, value, where, what) {
    if (!isObject(value)) {
      return [`${where}: expected a mapping`];
    }
    const errors = [];
    for (const [key, child] of Object.entries(value)) {
      const property = properties[key];
      if (!property) {
        errors.push(`${where}.${key}: unknown property of ${what}` + suggest(key, Object.keys(properties)));
        continue;
      }
      // A value of the property's current or an earlier type is still accepted by CloudFormation.
      const attempts = [property.type, ...(property.previousTypes ?? [])]
        .map((type) => checkType(type, child, `${where}.${key}`, what));
      const passed = attempts.find((e) => e.length === 0);
      errors.push(...(passed ?? attempts[0]));
    }
    for (const [key, property] of Object.entries(properties)) {
      if (property.required && !(key in value)) {
        errors.push(`${where}: required property ${key} of ${what} is missing`);
      }
    }
    return errors;
  }

  return {
    resource: (type) => resources.get(type),
    typesLike: (type) => [...resources.keys()].filter((t) => t.split('::').slice(0, 2).join('::') === type.split('::').slice(0, 2).join('::')),
    checkProperties,
    samProperties: (type) => Object.keys(resources.get(type)?.properties ?? {}),
  };
}

// --- self-check -------------------------------------------------------------------------------

/** Mutations of template.yaml that must each be rejected, with a word the error must name. */
const MUTATIONS = [
  { name: 'misspelt SAM function property', from: 'MemorySize: 1024', to: 'MemorySzie: 1024', expect: 'MemorySzie' },
  { name: 'misspelt MQ event property', from: 'Queues: [audit-events]', to: 'Queue: [audit-events]', expect: 'Queue:' },
  { name: 'event type not allow-listed', from: 'Type: MQ', to: 'Type: RabbitMQ', expect: 'RabbitMQ' },
  { name: 'unknown resource type', from: 'Type: AWS::SQS::Queue', to: 'Type: AWS::SQS::Queeu', expect: 'AWS::SQS::Queeu' },
  { name: 'misspelt CloudFormation property', from: 'EngineType: RABBITMQ', to: 'EngineTyp: RABBITMQ', expect: 'EngineTyp:' },
  { name: 'misspelt nested CloudFormation property', from: 'ExcludePunctuation: true', to: 'ExcludePunctation: true', expect: 'ExcludePunctation' },
  { name: 'required property missing', from: /^\s*HostInstanceType: .*\n/m, to: '', expect: 'HostInstanceType' },
  { name: 'property not allowed in Globals', from: /^Globals:\n  Function:\n/m, to: 'Globals:\n  Function:\n    Policies: [AWSLambdaBasicExecutionRole]\n', expect: 'Policies' },
  { name: 'dangling !Ref', from: 'ApiId: !Ref HttpApi\n', to: 'ApiId: !Ref HttpAPI\n', expect: 'HttpAPI' },
  { name: 'unknown !GetAtt attribute', from: '!GetAtt Broker.AmqpEndpoints', to: '!GetAtt Broker.AmqpEndpoint', expect: 'AmqpEndpoint ' },
  { name: 'unknown !Sub variable', from: "!Sub '${AWS::StackName}-db'", to: "!Sub '${StackNam}-db'", expect: 'StackNam' },
  { name: 'unknown condition in !If', from: '!If [CreateBroker,', to: '!If [CreateBrokr,', expect: 'CreateBrokr' },
  { name: 'unknown authorizer on a route', from: 'Authorizer: TokenAuthorizer', to: 'Authorizer: TokenAuthoriser', expect: 'TokenAuthoriser' },
  { name: 'SnapStart without AutoPublishAlias', from: /^\s*AutoPublishAlias: .*\n/m, to: '', expect: 'AutoPublishAlias' },
  { name: 'dynamic reference to an unknown service', from: '{{resolve:secretsmanager:${BrokerSecret}:SecretString:username}}', to: '{{resolve:secretmanager:${BrokerSecret}:SecretString:username}}', expect: 'secretmanager' },
  // AWS's rules (aws-rules.mjs)
  { name: 'deprecated runtime', from: 'Runtime: java21', to: 'Runtime: java17', expect: 'java17 is deprecated' },
  { name: 'runtime without SnapStart', from: 'Runtime: java21', to: 'Runtime: provided.al2023', expect: 'does not support SnapStart' },
  { name: 'dynamic references over the quota after Globals expansion', from: /^(\s*)ENVIRONMENT: !Ref Environment\n/m,
    to: "$1ENVIRONMENT: !Ref Environment\n$1BROKER_USER: !If [CreateBroker, !Sub '{{resolve:secretsmanager:${BrokerSecret}:SecretString:username}}', '']\n$1BROKER_PASSWORD: !If [CreateBroker, !Sub '{{resolve:secretsmanager:${BrokerSecret}:SecretString:password}}', '']\n",
    expect: 'dynamic references once Globals are copied' },
  { name: 'a secret in a function\'s configuration', from: /^(\s*)ENVIRONMENT: !Ref Environment\n/m,
    to: "$1ENVIRONMENT: !Ref Environment\n$1SECRET_KEY: !Sub '{{resolve:secretsmanager:${AppSecret}:SecretString:SECRET_KEY}}'\n", expect: 'a secret in the function' },
  { name: 'HttpApi route without its path', from: /^\s*Path: \/health\n/m, to: '', expect: 'required property Path' },
  { name: 'MQ event source with two queues', from: 'Queues: [audit-events]', to: 'Queues: [audit-events, audit-events-2]', expect: 'exactly one queue' },
  { name: 'route function outlasting the HTTP API timeout', from: /^    Timeout: 29\n/m, to: '    Timeout: 60\n', expect: 'integration gives up after 30000 ms' },
  { name: 'HTTP API integration timeout over 30 s', from: 'Path: /health\n', to: 'Path: /health\n            TimeoutInMillis: 60000\n', expect: 'times out after 30000 ms at most' },
  { name: 'fast-start JIT on a CPU-bound function', from: /^\s*JAVA_TOOL_OPTIONS: -XX:\+UseParallelGC\n/m, to: '', expect: 'TieredStopAtLevel=1 on a function' },
  { name: 'function without the tag that lets it read AppSecret', from: /^    Tags:\n      tradebot:stack: .*\n/m, to: '', expect: 'tradebot:stack' },
  { name: 'empty broker secret not refused by a Rule', from: /^      - Assert: !Not \[!Equals \[!Ref ExistingBrokerSecretArn, ''\]\]\n.*\n/m,
    to: "      - Assert: !Not [!Equals [!Ref ExistingBrokerArn, '']]\n        AssertDescription: x\n", expect: 'parameter ExistingBrokerSecretArn may be empty' },
  { name: 'Rules assertion on an unknown parameter', from: "Assert: !Not [!Equals [!Ref DatabaseCredentialsSecretArn, '']]", to: "Assert: !Not [!Equals [!Ref DatabaseCredentialSecretArn, '']]", expect: 'DatabaseCredentialSecretArn' },
  { name: 'functions migrating at start', from: /^\s*SPRING_FLYWAY_ENABLED: 'false'\n/m, to: '', expect: 'SPRING_FLYWAY_ENABLED' },
  { name: 'MQ function without the step that declares its queue', from: /^    # Its queue exists before its event source mapping does.*\n    DependsOn: DatabaseMigration\n/m, to: '', expect: 'must depend on the deployment step that declares' },
  { name: 'functions declaring the queues on connect', from: /^\s*TRADEBOT_MESSAGING_TOPOLOGY: deployment\n/m, to: '', expect: 'TRADEBOT_MESSAGING_TOPOLOGY' },
  { name: 'broker without quorum queues', from: "EngineVersion: '3.13'", to: "EngineVersion: '3.12'", expect: 'has no quorum queues' },
  { name: 'settings change without a new version', from: 'AutoPublishAliasAllProperties: true', to: 'AutoPublishAliasAllProperties: false', expect: 'AutoPublishAliasAllProperties' },
  { name: 'secret change without a new version', from: /^\s*APP_SECRET_VERSION: !Ref AppSecretVersion\n/m, to: '', expect: 'APP_SECRET_VERSION' },
  { name: 'old versions never pruned', from: 'Action: [lambda:ListTags, lambda:ListVersionsByFunction, lambda:ListAliases, lambda:DeleteFunction]', to: 'Action: [lambda:ListTags, lambda:ListVersionsByFunction, lambda:ListAliases]', expect: 'no deployment step prunes old versions' },
  { name: 'presigning function without the right to write the bucket', from: /^      # Presigns with its own role.*\n      Policies:\n        - S3WritePolicy:\n            BucketName: !Ref CandleUploadBucket\n/m, to: '', expect: 'no policy names that bucket' },
  { name: 'package over 250 MB unzipped', from: /^    CodeUri: .*\n/m, to: () => `    CodeUri: ${oversizedPackage()}\n`, expect: 'Lambda takes at most 250 MB' },
];

/** A zip whose entries add up to 251 MB of zeros (a few hundred KB on disk), made once. */
let oversized;
function oversizedPackage() {
  if (oversized) {
    return oversized;
  }
  const zlib = require('node:zlib');
  const chunk = Buffer.alloc(1024 * 1024);
  const data = zlib.deflateRawSync(chunk);
  const crc = zlib.crc32 ? zlib.crc32(chunk) : 0;
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (let i = 0; i < 251; i++) {
    const name = Buffer.from(`zeros/${i}.bin`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(chunk.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(chunk.length, 24);
    central.writeUInt16LE(name.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(251, 8); end.writeUInt16LE(251, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  const directoryPath = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-template-package-'));
  oversized = path.join(directoryPath, 'oversized.jar');
  fs.writeFileSync(oversized, Buffer.concat([...locals, directory, end]));
  process.on('exit', () => fs.rmSync(directoryPath, { recursive: true, force: true }));
  return oversized;
}

function selfCheck(text, validateText, spec) {
  const failures = [];
  for (const mutation of MUTATIONS) {
    const mutated = text.replace(mutation.from, typeof mutation.to === 'function' ? mutation.to() : mutation.to);
    if (mutated === text) {
      failures.push(`${mutation.name}: the template no longer contains ${mutation.from}; update MUTATIONS in validate.mjs`);
      continue;
    }
    // Through a file, as the real run goes.
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-template-'));
    const file = path.join(directory, 'template.yaml');
    fs.writeFileSync(file, mutated);
    let errors;
    try {
      errors = validateText(fs.readFileSync(file, 'utf8'));
    }
    finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
    if (!errors.some((e) => e.includes(mutation.expect))) {
      failures.push(`${mutation.name}: not rejected` + (errors.length ? ` (errors: ${errors.join('; ')})` : ''));
    }
  }
  // The allow-list is written from the SAM specification: it must know every property the
  // CloudFormation specification's snapshot of SAM knows (beyond that: SnapStart and newer).
  for (const [type, allowed] of [['AWS::Serverless::Function', sam.FUNCTION], ['AWS::Serverless::HttpApi', sam.HTTP_API]]) {
    const errata = sam.SNAPSHOT_ERRATA[type] ?? {};
    const missing = spec.samProperties(type).filter((p) => !(p in allowed) && !(p in errata));
    if (missing.length) {
      failures.push(`sam.mjs lacks ${type} properties the specification knows: ${missing.join(', ')}`);
    }
  }
  return failures;
}

// --- main ---------------------------------------------------------------------------------------

async function main() {
  const args = process.argv.slice(2);
  const file = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(ROOT, 'template.yaml'));
  ensureDependencies();
  const yaml = (await import('js-yaml')).default;
  const specModule = await import('@aws-cdk/aws-service-spec');
  const loadSpec = specModule.loadAwsServiceSpecSync ?? specModule.default.loadAwsServiceSpecSync;
  const specVersion = JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules/@aws-cdk/aws-service-spec/package.json'), 'utf8')).version;
  const spec = specification(loadSpec());
  const schema = cloudFormationSchema(yaml);

  const validateText = (text) => {
    let template;
    try {
      template = yaml.load(text, { schema });
    }
    catch (e) {
      return [`YAML: ${e.message}`];
    }
    return isObject(template) ? new TemplateValidator(spec, template).validate() : ['the template is not a mapping'];
  };

  const text = fs.readFileSync(file, 'utf8');
  const name = path.relative(process.cwd(), file) || file;
  const errors = validateText(text);
  if (errors.length) {
    console.log(`validate-template: ${name}: ${errors.length} error(s)`);
    errors.forEach((e) => console.log('  ' + e));
    return 1;
  }
  const template = yaml.load(text, { schema });
  const notes = [];
  const validator = new TemplateValidator(spec, template, notes);
  validator.validate();
  const types = {};
  for (const resource of Object.values(template.Resources)) {
    types[resource.Type] = (types[resource.Type] ?? 0) + 1;
  }
  console.log(`validate-template: ${name} is valid: ${Object.keys(template.Resources).length} resources (`
    + Object.entries(types).map(([t, n]) => `${n} ${t}`).join(', ')
    + `), ${Object.keys(template.Parameters ?? {}).length} parameters, ${Object.keys(template.Outputs ?? {}).length} outputs,`
    + ` ${validator.references} references resolved; CloudFormation specification @aws-cdk/aws-service-spec ${specVersion}, SAM allow-list sam.mjs`);

  notes.forEach((n) => console.log('validate-template: ' + n));
  if (args.includes('--no-self-check')) {
    return 0;
  }
  const failures = selfCheck(text, validateText, spec);
  if (failures.length) {
    console.log(`validate-template: self-check FAILED (${failures.length}):`);
    failures.forEach((f) => console.log('  ' + f));
    return 1;
  }
  console.log(`validate-template: self-check: ${MUTATIONS.length} mutated copies each rejected (${MUTATIONS.map((m) => m.name).join('; ')})`);
  return 0;
}

main().then((status) => process.exit(status), (e) => {
  console.error('validate-template: ' + (e.stack ?? e));
  process.exit(2);
});
