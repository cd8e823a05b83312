import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toSarif } from '../../src/index.js';

// SARIF's artifactLocation.uri is a URI reference (RFC 3986): code scanning rejects or misplaces a raw path with a
// space, `#` (a fragment), `%` (an escape) or a leading drive or slash. [file as given, uri]
const rows: [string, string][] = [
  ['rollouts/fraud.rollout.yaml', 'rollouts/fraud.rollout.yaml'],
  ['odd dir/a b.rollout.yaml', 'odd%20dir/a%20b.rollout.yaml'],
  ['rollouts/#1.rollout.yaml', 'rollouts/%231.rollout.yaml'],
  ['rollouts/100%.rollout.yaml', 'rollouts/100%25.rollout.yaml'],
  ['rollouts/a?b.rollout.yaml', 'rollouts/a%3Fb.rollout.yaml'],
  ['c:x.rollout.yaml', 'c%3Ax.rollout.yaml'],
  ['./a.rollout.yaml', './a.rollout.yaml'],
  ['rollouts\\eu\\a.rollout.yaml', 'rollouts/eu/a.rollout.yaml'],
  ['/home/me/odd dir/a.rollout.yaml', 'file:///home/me/odd%20dir/a.rollout.yaml'],
  ['C:\\work\\odd dir\\a.rollout.yaml', 'file:///C:/work/odd%20dir/a.rollout.yaml'],
  ['rollouts/é.rollout.yaml', 'rollouts/%C3%A9.rollout.yaml'],
];

for (const [file, uri] of rows)
  test(`SARIF artifactLocation.uri of ${JSON.stringify(file)} is ${uri}`, () => {
    const diagnostic = {
      code: 'no-alarms',
      severity: 'warning',
      message: 'm',
      range: { start: 0, end: 1 },
    } as const;
    const log = toSarif([{ file, text: 'x', diagnostics: [diagnostic] }]) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const got = log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri;
    assert.equal(got, uri);
    assert.doesNotThrow(() => new URL(got ?? '', 'file:///repo/'), 'a valid URI reference');
  });

test('SARIF: a text from standard input with no name is run.artifacts[0], located by index, not by a URI', () => {
  const diagnostic = {
    code: 'no-alarms',
    severity: 'warning',
    message: 'm',
    range: { start: 0, end: 1 },
  } as const;
  const log = toSarif(
    [
      { file: 'a.rollout.yaml', text: 'x', diagnostics: [diagnostic] },
      { file: '<stdin>', text: 'x', diagnostics: [diagnostic], standardInput: true },
    ],
    { unreadable: [{ file: 'b.rollout.yaml', reason: 'permission denied' }] },
  ) as {
    runs: {
      artifacts?: { location: unknown; roles: string[] }[];
      results: { locations: { physicalLocation: { artifactLocation: unknown } }[] }[];
      invocations: {
        toolExecutionNotifications: { locations: { physicalLocation: { artifactLocation: unknown } }[] }[];
      }[];
    }[];
  };
  const [run] = log.runs;
  assert.deepEqual(
    run?.artifacts?.map((a) => [a.location, a.roles]),
    [[{ index: 0 }, ['analysisTarget', 'standardStream']]],
  );
  assert.deepEqual(
    run?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation),
    [{ uri: 'a.rollout.yaml' }, { index: 0 }],
  );
  assert.deepEqual(
    run?.invocations[0]?.toolExecutionNotifications[0]?.locations[0]?.physicalLocation.artifactLocation,
    {
      uri: 'b.rollout.yaml',
    },
  );
  // Without a text from standard input, no artifacts at all.
  assert.equal((toSarif([]) as { runs: { artifacts?: unknown }[] }).runs[0]?.artifacts, undefined);
});
