/**
 * A field's title inside a sentence: an ordinary first word is lower-cased, names keep their capitals.
 *
 *   'Bake time' → 'bake time';  'Endpoint ID' → 'endpoint ID';  'AWS region' → 'AWS region';
 *   'Vertex AI location' → 'Vertex AI location';  'Google Cloud project' → 'Google Cloud project'
 */
export function titleInSentence(title: string): string {
  const first = /^[A-Z][a-z]+\b/.exec(title)?.[0];
  if (first === undefined || properNouns.has(first)) return title;
  return title[0]?.toLowerCase() + title.slice(1);
}

const properNouns = new Set(['Google', 'Vertex', 'Shiftwise', 'CloudWatch', 'SageMaker']);
