// CloudWatch in the query protocol, over HTTP as botocore 1.29 and aws-cli 2.9 send it: a form body, an XML
// answer or an <ErrorResponse> with the service's status. Each row is one request of a conversation against one
// sandbox on a virtual clock (rows run in order); request IDs are the only varying text and are masked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Sandbox, startSandbox } from '@shiftwise/sandbox';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ clock: 'virtual' });
});
after(() => sandbox.stop());

const ns = 'xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"';
const meta = '<ResponseMetadata><RequestId>RID</RequestId></ResponseMetadata>';

interface Row {
  readonly name: string;
  readonly form: Record<string, string>;
  readonly status: number;
  readonly xml: string;
}

const rows: Row[] = [
  {
    name: 'PutMetricAlarm with a dimension',
    form: {
      Action: 'PutMetricAlarm',
      Version: '2010-08-01',
      AlarmName: 'fraud-5xx',
      MetricName: 'Invocation5XXErrors',
      Namespace: 'AWS/SageMaker',
      Statistic: 'Sum',
      Period: '60',
      EvaluationPeriods: '1',
      Threshold: '1.5',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      'Dimensions.member.1.Name': 'EndpointName',
      'Dimensions.member.1.Value': 'fraud-detector-prod',
    },
    status: 200,
    xml: `<PutMetricAlarmResponse ${ns}>${meta}</PutMetricAlarmResponse>`,
  },
  {
    name: 'SetAlarmState',
    form: {
      Action: 'SetAlarmState',
      Version: '2010-08-01',
      AlarmName: 'fraud-5xx',
      StateValue: 'ALARM',
      StateReason: 'test <flip> & "more"',
    },
    status: 200,
    xml: `<SetAlarmStateResponse ${ns}>${meta}</SetAlarmStateResponse>`,
  },
  {
    name: 'DescribeAlarms by name: MetricAlarms as <member>, timestamps ISO 8601, text escaped',
    form: { Action: 'DescribeAlarms', Version: '2010-08-01', 'AlarmNames.member.1': 'fraud-5xx' },
    status: 200,
    xml:
      `<DescribeAlarmsResponse ${ns}><DescribeAlarmsResult><MetricAlarms><member>` +
      '<AlarmName>fraud-5xx</AlarmName><AlarmArn>arn:aws:cloudwatch:us-east-1:123456789012:alarm:fraud-5xx</AlarmArn>' +
      '<ActionsEnabled>true</ActionsEnabled><MetricName>Invocation5XXErrors</MetricName><Namespace>AWS/SageMaker</Namespace>' +
      '<Statistic>Sum</Statistic><Period>60</Period><EvaluationPeriods>1</EvaluationPeriods><Threshold>1.5</Threshold>' +
      '<ComparisonOperator>GreaterThanOrEqualToThreshold</ComparisonOperator>' +
      '<Dimensions><member><Name>EndpointName</Name><Value>fraud-detector-prod</Value></member></Dimensions>' +
      '<AlarmConfigurationUpdatedTimestamp>2026-01-01T09:00:00.000Z</AlarmConfigurationUpdatedTimestamp>' +
      '<StateValue>ALARM</StateValue><StateReason>test &lt;flip&gt; &amp; "more"</StateReason>' +
      '<StateUpdatedTimestamp>2026-01-01T09:00:00.000Z</StateUpdatedTimestamp>' +
      '<StateTransitionedTimestamp>2026-01-01T09:00:00.000Z</StateTransitionedTimestamp>' +
      `</member></MetricAlarms><CompositeAlarms></CompositeAlarms></DescribeAlarmsResult>${meta}</DescribeAlarmsResponse>`,
  },
  {
    name: 'PutMetricData: values and a timestamp',
    form: {
      Action: 'PutMetricData',
      Version: '2010-08-01',
      Namespace: 'Shiftwise/Test',
      'MetricData.member.1.MetricName': 'Errors',
      'MetricData.member.1.Value': '3',
      'MetricData.member.1.Timestamp': '2026-01-01T08:59:00Z',
      'MetricData.member.1.Dimensions.member.1.Name': 'Variant',
      'MetricData.member.1.Dimensions.member.1.Value': 'new',
    },
    status: 200,
    xml: `<PutMetricDataResponse ${ns}>${meta}</PutMetricDataResponse>`,
  },
  {
    name: 'GetMetricData: nested MetricStat dimensions, Timestamps and Values as <member>',
    form: {
      Action: 'GetMetricData',
      Version: '2010-08-01',
      StartTime: '2026-01-01T08:58:00Z',
      EndTime: '2026-01-01T09:00:00Z',
      'MetricDataQueries.member.1.Id': 'errors',
      'MetricDataQueries.member.1.MetricStat.Metric.Namespace': 'Shiftwise/Test',
      'MetricDataQueries.member.1.MetricStat.Metric.MetricName': 'Errors',
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name': 'Variant',
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value': 'new',
      'MetricDataQueries.member.1.MetricStat.Period': '60',
      'MetricDataQueries.member.1.MetricStat.Stat': 'Sum',
      'MetricDataQueries.member.1.ReturnData': 'true',
    },
    status: 200,
    xml:
      `<GetMetricDataResponse ${ns}><GetMetricDataResult><MetricDataResults><member><Id>errors</Id><Label>Errors</Label>` +
      '<Timestamps><member>2026-01-01T08:59:00.000Z</member></Timestamps><Values><member>3</member></Values>' +
      `<StatusCode>Complete</StatusCode><Messages></Messages></member></MetricDataResults><Messages></Messages></GetMetricDataResult>${meta}</GetMetricDataResponse>`,
  },
  {
    name: 'DeleteAlarms',
    form: { Action: 'DeleteAlarms', Version: '2010-08-01', 'AlarmNames.member.1': 'fraud-5xx' },
    status: 200,
    xml: `<DeleteAlarmsResponse ${ns}>${meta}</DeleteAlarmsResponse>`,
  },
  {
    name: 'SetAlarmState on an alarm that is gone: 404 ResourceNotFound',
    form: {
      Action: 'SetAlarmState',
      Version: '2010-08-01',
      AlarmName: 'fraud-5xx',
      StateValue: 'ALARM',
      StateReason: 'x',
    },
    status: 404,
    xml: `<ErrorResponse ${ns}><Error><Type>Sender</Type><Code>ResourceNotFound</Code><Message>Alarm fraud-5xx not found</Message></Error><RequestId>RID</RequestId></ErrorResponse>`,
  },
  {
    name: 'a number that is none: 400 InvalidParameterValue',
    form: {
      Action: 'PutMetricAlarm',
      Version: '2010-08-01',
      AlarmName: 'a',
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 'one',
    },
    status: 400,
    xml: `<ErrorResponse ${ns}><Error><Type>Sender</Type><Code>InvalidParameterValue</Code><Message>The value one for parameter EvaluationPeriods is invalid: expected a whole number.</Message></Error><RequestId>RID</RequestId></ErrorResponse>`,
  },
  {
    name: 'a required parameter missing: 400 MissingParameter',
    form: { Action: 'DeleteAlarms', Version: '2010-08-01' },
    status: 400,
    xml: `<ErrorResponse ${ns}><Error><Type>Sender</Type><Code>MissingParameter</Code><Message>The parameter AlarmNames must be specified.</Message></Error><RequestId>RID</RequestId></ErrorResponse>`,
  },
  {
    name: 'an action the sandbox does not serve: 400 InvalidAction',
    form: { Action: 'ListDashboards', Version: '2010-08-01' },
    status: 400,
    xml: `<ErrorResponse ${ns}><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>CloudWatch action 'ListDashboards' is not served by the sandbox; it serves PutMetricAlarm, DescribeAlarms, SetAlarmState, DeleteAlarms, PutMetricData, GetMetricData.</Message></Error><RequestId>RID</RequestId></ErrorResponse>`,
  },
];

test('CloudWatch query protocol: form in, XML out, errors as <ErrorResponse> with the status', async () => {
  for (const row of rows) {
    const response = await fetch(`${sandbox.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams(row.form).toString(),
    });
    const text = await response.text();
    assert.equal(response.status, row.status, `${row.name}: ${text}`);
    assert.equal(response.headers.get('content-type'), 'text/xml', row.name);
    const requestId = response.headers.get('x-amzn-requestid') ?? '';
    assert.ok(text.includes(`<RequestId>${requestId}</RequestId>`), `${row.name}: the header's request ID`);
    assert.equal(text.replaceAll(requestId, 'RID'), row.xml, row.name);
  }
});

test('an injected fault answers the query protocol too, as an XML error', async () => {
  sandbox.control.injectFault({
    match: 'GraniteServiceVersion20100801.DescribeAlarms',
    kind: 'throttle',
  });
  const response = await fetch(`${sandbox.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Action=DescribeAlarms&Version=2010-08-01',
  });
  assert.equal(response.status, 400);
  assert.match(await response.text(), /<Code>Throttling<\/Code><Message>Rate exceeded<\/Message>/);
});
