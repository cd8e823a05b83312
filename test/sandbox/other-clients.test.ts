// The sandbox for AWS clients other than the JavaScript SDK: Debian's aws-cli (2.9) and boto3 (1.26, botocore
// 1.29), which read AWS_DEFAULT_REGION, read no AWS_ENDPOINT_URL and speak CloudWatch's query protocol (form
// bodies, XML answers). Each client runs as a child process against a sandbox on loopback; the tests skip when
// the clients are missing on a workstation, and fail in CI (CI=true), where scripts/setup.sh installs them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SageMakerClient, UpdateEndpointCommand } from '@aws-sdk/client-sagemaker';
import { sageMakerRequest, validateRollout } from '@shiftwise/core';
import { seedRollout, startSandbox } from '@shiftwise/sandbox';
import { main } from 'shiftwise';

const root = fileURLToPath(new URL('../..', import.meta.url));
const canary = 'examples/sagemaker-canary.rollout.yaml';

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program without blocking the event loop (the sandbox answers from this process). */
function runProgram(command: string, args: string[], env: Record<string, string>): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { env, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

const home = mkdtempSync(join(tmpdir(), 'shiftwise-clients-'));
/** No profile, config or credentials of the machine's user: only what the sandbox prints. */
const bare: Record<string, string> = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: home,
  AWS_EC2_METADATA_DISABLED: 'true',
  // A client from pyenv finds its Python through these, not through HOME.
  ...(process.env.PYENV_ROOT && { PYENV_ROOT: process.env.PYENV_ROOT }),
};

/** The first of the candidates that runs: Debian's own first (/usr/bin), then whatever PATH finds. */
async function first(
  candidates: [string, string[]][],
): Promise<{ command: string; version: string } | undefined> {
  for (const [command, args] of candidates) {
    const ran = await runProgram(command, args, bare);
    if (ran.code === 0) return { command, version: `${ran.stdout}${ran.stderr}`.trim() };
  }
  return undefined;
}

const aws = await first([
  ['/usr/bin/aws', ['--version']],
  ['aws', ['--version']],
]);
const versionCheck = 'import boto3, botocore; print(boto3.__version__, botocore.__version__)';
const python = await first([
  ['/usr/bin/python3', ['-c', versionCheck]],
  ['python3', ['-c', versionCheck]],
]);
const inCi = process.env.CI === 'true';
const missingAws = 'aws-cli is not installed (apt-get install awscli; scripts/setup.sh does)';
const missingBoto = 'python3 cannot import boto3 (apt-get install python3-boto3; scripts/setup.sh does)';
/** Skipped on a workstation without the client; in CI the test runs and fails on the missing client. */
const unless = (present: unknown, why: string) => (present || inCi ? false : why);

/** aws-cli reads AWS_ENDPOINT_URL from 2.13 (v2) or 1.29 (v1); Debian's 2.9 needs --endpoint-url. */
function readsEndpointVariable(version: string): boolean {
  const m = /aws-cli\/(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major === 2 ? minor >= 13 : major === 1 ? minor >= 29 : major > 2;
}

/** botocore before 1.31 knows no RollingUpdatePolicy (its SageMaker model predates it). */
function knowsRollingUpdates(version: string): boolean {
  const [major = 0, minor = 0] = (version.split(' ')[1] ?? '').split('.').map(Number);
  return major > 1 || minor >= 31;
}

/** boto3 code run with the sandbox's exports: endpoint_url given (botocore 1.29 reads no endpoint variable). */
function boto(code: string, env: Record<string, string>, args: string[] = []): Promise<Ran> {
  assert.ok(python, missingBoto);
  const prelude = `import boto3, json, os, sys\nurl = os.environ['AWS_ENDPOINT_URL']\n`;
  return runProgram(python.command, ['-c', prelude + code, ...args], { ...bare, ...env });
}

test(`aws-cli creates an endpoint on the sandbox, and boto3 sees it (${aws?.version ?? 'no aws'})`, {
  skip: unless(aws && python, `${missingAws}, or ${missingBoto}`),
}, async () => {
  assert.ok(aws, missingAws);
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    const env = { ...bare, ...sandbox.env };
    const cli = (...args: string[]) => runProgram(aws.command, ['--endpoint-url', sandbox.url, ...args], env);
    const steps = [
      [
        'sagemaker',
        'create-model',
        '--model-name',
        'cli-model',
        '--execution-role-arn',
        'arn:aws:iam::123456789012:role/sandbox',
        '--primary-container',
        'Image=123456789012.dkr.ecr.us-east-1.amazonaws.com/cli:latest',
      ],
      [
        'sagemaker',
        'create-endpoint-config',
        '--endpoint-config-name',
        'cli-config',
        '--production-variants',
        'VariantName=AllTraffic,ModelName=cli-model,InitialInstanceCount=2,InstanceType=ml.m5.large',
      ],
      [
        'sagemaker',
        'create-endpoint',
        '--endpoint-name',
        'cli-endpoint',
        '--endpoint-config-name',
        'cli-config',
      ],
    ];
    for (const args of steps) {
      const ran = await cli(...args);
      assert.equal(ran.code, 0, `aws ${args.slice(0, 2).join(' ')}: ${ran.stderr}`);
    }
    const creating = JSON.parse(
      (await cli('sagemaker', 'describe-endpoint', '--endpoint-name', 'cli-endpoint')).stdout,
    );
    assert.equal(creating.EndpointStatus, 'Creating');
    await sandbox.clock.advance(30 * 60_000);
    const described = await boto(
      "c = boto3.client('sagemaker', endpoint_url=url)\nprint(json.dumps(c.describe_endpoint(EndpointName='cli-endpoint'), default=str))",
      sandbox.env,
    );
    assert.equal(described.code, 0, described.stderr);
    const endpoint = JSON.parse(described.stdout);
    assert.equal(endpoint.EndpointStatus, 'InService');
    assert.equal(endpoint.ProductionVariants[0].CurrentInstanceCount, 2);
  } finally {
    await sandbox.stop();
  }
});

test(`boto3 sends the UpdateEndpoint of 'shiftwise plan --format json' as it is (${python?.version ?? 'no boto3'})`, {
  skip: unless(python, missingBoto),
}, async () => {
  assert.ok(python, missingBoto);
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    const { parseRollout } = await import('@shiftwise/core');
    seedRollout(sandbox.control, parseRollout(readFileSync(join(root, canary), 'utf8')).value!);
    const planned = await runCli(['plan', canary, '--format', 'json'], {});
    assert.equal(planned.code, 0, planned.stderr);
    const request = JSON.parse(planned.stdout).request;
    assert.equal(request.operation, 'UpdateEndpoint');
    const sent = await boto(
      [
        "c = boto3.client('sagemaker', endpoint_url=url)",
        'c.update_endpoint(**json.loads(sys.argv[1]))',
        "d = c.describe_endpoint(EndpointName=json.loads(sys.argv[1])['EndpointName'])",
        "pending = d.get('PendingDeploymentSummary', {}).get('EndpointConfigName')",
        "print(json.dumps({'status': d['EndpointStatus'], 'region': c.meta.region_name, 'config': pending}))",
      ].join('\n'),
      sandbox.env,
      [JSON.stringify(request.input)],
    );
    assert.equal(sent.code, 0, sent.stderr);
    // The region comes from AWS_DEFAULT_REGION: boto3 reads no AWS_REGION.
    assert.deepEqual(JSON.parse(sent.stdout), {
      status: 'Updating',
      region: 'us-east-1',
      config: 'fraud-detector-v42',
    });
  } finally {
    await sandbox.stop();
  }
});

test('boto3 runs the six CloudWatch operations Shiftwise uses, and reads the sandbox errors as the service errors', {
  skip: unless(python, missingBoto),
}, async () => {
  assert.ok(python, missingBoto);
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    const ran = await boto(
      [
        'from datetime import datetime, timezone',
        "c = boto3.client('cloudwatch', endpoint_url=url)",
        "dims = [{'Name': 'EndpointName', 'Value': 'e'}]",
        "c.put_metric_alarm(AlarmName='a-5xx', MetricName='Invocation5XXErrors', Namespace='AWS/SageMaker', Statistic='Sum', Period=60, EvaluationPeriods=1, Threshold=1.0, ComparisonOperator='GreaterThanOrEqualToThreshold', Dimensions=dims)",
        "c.set_alarm_state(AlarmName='a-5xx', StateValue='ALARM', StateReason='test')",
        "alarm = c.describe_alarms(AlarmNames=['a-5xx'])['MetricAlarms'][0]",
        'at = datetime(2026, 1, 1, 8, 59, tzinfo=timezone.utc)',
        "c.put_metric_data(Namespace='T', MetricData=[{'MetricName': 'Errors', 'Value': 3.0, 'Timestamp': at, 'Dimensions': dims}])",
        "q = [{'Id': 'e', 'MetricStat': {'Metric': {'Namespace': 'T', 'MetricName': 'Errors', 'Dimensions': dims}, 'Period': 60, 'Stat': 'Sum'}}]",
        "data = c.get_metric_data(MetricDataQueries=q, StartTime=datetime(2026, 1, 1, 8, 58, tzinfo=timezone.utc), EndTime=datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc))['MetricDataResults'][0]",
        "c.delete_alarms(AlarmNames=['a-5xx'])",
        'try:',
        "  c.set_alarm_state(AlarmName='a-5xx', StateValue='OK', StateReason='gone')",
        '  error = None',
        'except c.exceptions.ResourceNotFound as e:',
        "  error = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]",
        "print(json.dumps({'state': alarm['StateValue'], 'dimensions': alarm['Dimensions'], 'updated': alarm['StateUpdatedTimestamp'].isoformat(), 'values': data['Values'], 'timestamps': [t.isoformat() for t in data['Timestamps']], 'error': error}))",
      ].join('\n'),
      sandbox.env,
    );
    assert.equal(ran.code, 0, ran.stderr);
    assert.deepEqual(JSON.parse(ran.stdout), {
      state: 'ALARM',
      dimensions: [{ Name: 'EndpointName', Value: 'e' }],
      updated: '2026-01-01T09:00:00+00:00',
      values: [3],
      timestamps: ['2026-01-01T08:59:00+00:00'],
      error: ['ResourceNotFound', 404],
    });
  } finally {
    await sandbox.stop();
  }
});

test('boto3 before botocore 1.31 refuses a rolling DeploymentConfig on its side (its model predates RollingUpdatePolicy)', {
  skip: unless(python, missingBoto),
}, async () => {
  assert.ok(python, missingBoto);
  const planned = await runCli(['plan', 'examples/sagemaker-rolling.rollout.yaml', '--format', 'json'], {});
  const input = JSON.parse(planned.stdout).request.input;
  assert.ok(input.DeploymentConfig.RollingUpdatePolicy);
  const ran = await runProgram(
    python.command,
    [
      '-c',
      "import boto3, json, sys\nc = boto3.client('sagemaker', endpoint_url='http://127.0.0.1:9', region_name='us-east-1')\ntry:\n  c.update_endpoint(**json.loads(sys.argv[1]))\nexcept Exception as e:\n  print(type(e).__name__)",
      JSON.stringify(input),
    ],
    { ...bare, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' },
  );
  // botocore validates parameters before it connects: port 9 on loopback is never reached.
  const expected = knowsRollingUpdates(python.version) ? 'EndpointConnectionError' : 'ParamValidationError';
  assert.equal(ran.stdout.trim(), expected, ran.stderr);
});

test('an alarm flipped with aws cloudwatch set-alarm-state while deploy bakes rolls the deploy back: exit 3', {
  skip: unless(aws, missingAws),
}, async () => {
  assert.ok(aws, missingAws);
  const speed = '60';
  const sandbox = runSandboxCli(['--port', '0', '--speed', speed, '--seed', canary]);
  try {
    const printed = await sandbox.ready;
    const exports = Object.fromEntries(
      [...printed.matchAll(/^export ([A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]),
    );
    assert.ok(exports.AWS_DEFAULT_REGION && exports.AWS_ENDPOINT_URL_CLOUDWATCH, printed);
    assert.match(printed, /--endpoint-url http:\/\/127\.0\.0\.1:\d+ cloudwatch set-alarm-state/);
    let progress = '';
    const baking = new Promise<void>((resolve) => {
      progress = '';
      deployWatch = (text) => {
        progress += text;
        if (/step 1\/2/.test(progress)) resolve();
      };
    });
    const deploy = runCli(['deploy', canary], { ...exports, SHIFTWISE_CLOCK_SPEED: speed }, (t) =>
      deployWatch(t),
    );
    await baking;
    // Only the printed exports, plus --endpoint-url for an aws-cli that reads no AWS_ENDPOINT_URL (2.9 does not).
    const endpointFlag = readsEndpointVariable(aws.version)
      ? []
      : ['--endpoint-url', exports.AWS_ENDPOINT_URL as string];
    const flipped = await runProgram(
      aws.command,
      [
        ...endpointFlag,
        'cloudwatch',
        'set-alarm-state',
        '--alarm-name',
        'fraud-5xx',
        '--state-value',
        'ALARM',
        '--state-reason',
        'test',
      ],
      { ...bare, ...exports },
    );
    assert.equal(flipped.code, 0, flipped.stderr);
    const described = await runProgram(
      aws.command,
      [...endpointFlag, 'cloudwatch', 'describe-alarms', '--alarm-names', 'fraud-5xx'],
      { ...bare, ...exports },
    );
    assert.equal(JSON.parse(described.stdout).MetricAlarms[0].StateValue, 'ALARM', described.stderr);
    const { code, stdout } = await deploy;
    assert.equal(code, 3, stdout);
    assert.match(stdout, /rolled-back — alarm fraud-5xx/);
  } finally {
    await sandbox.stop();
  }
});

let deployWatch: (text: string) => void = () => {};

/** `shiftwise <args>` in-process with the given environment; `watch` sees stdout as it is written. */
async function runCli(
  args: string[],
  env: Record<string, string>,
  watch?: (text: string) => void,
): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: sink((s) => {
      stdout += s;
      watch?.(s);
    }),
    stderr: sink((s) => {
      stderr += s;
      watch?.(s);
    }),
    env,
    cwd: root,
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}

/** `shiftwise sandbox <args>` in-process: `ready` resolves with its banner; `stop` ends it. */
function runSandboxCli(args: string[]) {
  const controller = new AbortController();
  let stdout = '';
  let announce: (text: string) => void = () => {};
  const ready = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const exit = main(['sandbox', ...args], {
    stdout: sink((s) => {
      stdout += s;
      if (stdout.includes('Press Ctrl+C')) announce(stdout);
    }),
    stderr: sink(() => undefined),
    env: {},
    cwd: root,
    signal: controller.signal,
  });
  return {
    ready,
    stop: async () => {
      controller.abort();
      await exit;
    },
  };
}

function sink(write: (s: string) => void): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      write(String(chunk));
      done();
    },
  });
}

test('sagemaker: AutoRollbackConfiguration without Alarms is accepted (Alarms is not required); an empty list is not', async () => {
  const text = readFileSync(new URL('../../examples/sagemaker-canary.rollout.yaml', import.meta.url), 'utf8');
  const rollout = validateRollout(text).value;
  if (rollout?.provider !== 'sagemaker') throw new Error('a SageMaker example');
  const sandbox = await startSandbox({ clock: 'virtual' });
  const client = new SageMakerClient({
    endpoint: sandbox.env.AWS_ENDPOINT_URL!,
    region: sandbox.env.AWS_REGION!,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  try {
    seedRollout(sandbox.control, rollout);
    const input = sageMakerRequest(rollout).input;
    const withRollback = (auto: { Alarms?: { AlarmName: string }[] }) => ({
      ...input,
      DeploymentConfig: { ...input.DeploymentConfig, AutoRollbackConfiguration: auto },
    });
    await assert.rejects(
      client.send(new UpdateEndpointCommand(withRollback({ Alarms: [] }))),
      /Member must have length between 1 and 10/,
    );
    await client.send(new UpdateEndpointCommand(withRollback({})));
  } finally {
    client.destroy();
    await sandbox.stop();
  }
});
