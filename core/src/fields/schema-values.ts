import type { Schema } from './schema-names.js';
import { durationRangePattern, pauseRangePattern, percentRangePattern } from './schema-patterns.js';
import type { FieldDoc } from './table.js';

/** 1–255 code points, not blank, no control characters or line separators (the alarm-name rule). */
const alarmNamePattern = '^(?=.*\\S)[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]{1,255}$';

function integer(f: FieldDoc, floor = 0): Schema {
  return {
    type: 'integer',
    minimum: f.minimum ?? floor,
    ...(f.maximum !== undefined && { maximum: f.maximum }),
  };
}

/** `600` → `10m`, `3600` → `1h`, `90` → `90s`: a bound in the unit a reader would write it in. */
function durationWords(seconds: number): string {
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

const durationForms =
  "seconds (600) or a string of hours, minutes and seconds in that order, like '90s', '10m', '1h30m'";

/** An integer of seconds or a duration string, both within the field's bounds. */
function duration(f: FieldDoc): Schema {
  const min = f.minimum ?? 0;
  const range =
    f.maximum === undefined
      ? `at least ${durationWords(min)}`
      : `${durationWords(min)}–${durationWords(f.maximum)}`;
  return {
    type: ['integer', 'string'],
    minimum: min,
    ...(f.maximum !== undefined && { maximum: f.maximum }),
    pattern: durationRangePattern(min, f.maximum),
    patternErrorMessage: `Expected a duration of ${range}: ${durationForms}.`,
  };
}

/** A count within the field's bounds, or a whole percent within its percent bounds. */
function size(f: FieldDoc): Schema {
  const lo = f.percentMinimum ?? 0;
  const hi = f.percentMaximum ?? 100;
  return {
    type: ['integer', 'string'],
    minimum: f.minimum ?? 0,
    ...(f.maximum !== undefined && { maximum: f.maximum }),
    pattern: percentRangePattern(lo, hi),
    patternErrorMessage: `Expected a whole percent of ${lo}–${hi}% (like '${f.examples.find((e) => typeof e === 'string') ?? `${hi}%`}') or a count of instances.`,
  };
}
/**
 * The value shape of a leaf field: its type, integer bounds, and for percents, durations, pauses and names the
 * pattern of its bounds with a `patternErrorMessage` that says what to write (what yaml-language-server shows
 * instead of "Incorrect type").
 */
export function leafShape(f: FieldDoc): Schema {
  switch (f.kind) {
    case 'version':
      return { const: 1 };
    case 'text':
      return { type: 'string' };
    case 'name':
      return { type: 'string', ...(f.pattern !== undefined && { pattern: f.pattern }) };
    case 'integer':
      return integer(f);
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'percent': {
      const [lo, hi] = [f.minimum ?? 0, f.maximum ?? 100];
      return {
        type: 'string',
        pattern: percentRangePattern(lo, hi),
        patternErrorMessage: `Expected a whole percent of ${lo}–${hi}%, like '${f.examples[0]}'.`,
      };
    }
    case 'pause':
      return {
        type: ['integer', 'string'],
        minimum: f.minimum ?? 0,
        ...(f.maximum !== undefined && { maximum: f.maximum }),
        pattern: pauseRangePattern(f.minimum ?? 0, f.maximum),
        patternErrorMessage: `Expected 'manual' or a duration of ${durationWords(f.minimum ?? 0)}–${durationWords(f.maximum ?? 0)}: ${durationForms}.`,
      };
    case 'enum':
      return { type: 'string', enum: f.values };
    case 'duration':
      return duration(f);
    case 'size':
      return size(f);
    case 'names':
      return {
        type: 'array',
        maxItems: f.maximum ?? 10,
        // A pattern, not maxLength: yaml-language-server counts maxLength in UTF-16 units, CloudWatch (and the
        // rules) in code points, and a pattern with the `u` flag counts code points in both.
        items: {
          type: 'string',
          pattern: f.pattern ?? alarmNamePattern,
          patternErrorMessage:
            f.path === 'rollback.alarms'
              ? 'Expected a CloudWatch alarm name: 1–255 characters, not blank, on one line (no control characters).'
              : `Expected ${f.bounds ?? 'a name'}.`,
        },
      };
    case 'mapping':
    case 'list':
      // Shaped by where they sit (the provider and strategy around them): schema.ts writes them out.
      return {};
  }
}
