import { invalidField, type MetricKind, type ValueType } from './descriptors.js';

/** A point's value: a number (INT64 or DOUBLE) or a distribution reduced to its count and mean. */
export type PointValue = number | { count: number; mean: number };

export interface StoredPoint {
  /** Epoch ms; absent when the point was written with an end time only. */
  start?: number;
  end: number;
  value: PointValue;
}

export const ALIGNERS = [
  'ALIGN_NONE',
  'ALIGN_SUM',
  'ALIGN_MEAN',
  'ALIGN_MAX',
  'ALIGN_MIN',
  'ALIGN_COUNT',
  'ALIGN_DELTA',
  'ALIGN_RATE',
] as const;
export type Aligner = (typeof ALIGNERS)[number];
export const REDUCERS = [
  'REDUCE_NONE',
  'REDUCE_SUM',
  'REDUCE_MEAN',
  'REDUCE_MAX',
  'REDUCE_MIN',
  'REDUCE_COUNT',
] as const;
export type Reducer = (typeof REDUCERS)[number];

/**
 * The kind and value type an aligner turns a series of `kind`/`valueType` into, as the Aligner reference gives them:
 * ALIGN_SUM (numeric and distribution) and ALIGN_MIN/MAX keep the value type, ALIGN_MEAN gives DOUBLE, ALIGN_COUNT
 * INT64, ALIGN_DELTA (DELTA input here) keeps it, ALIGN_RATE is a GAUGE of DOUBLE; the kind is otherwise kept.
 * MEAN, MIN, MAX, COUNT and RATE take numeric values only: the mean of a distribution is read with ALIGN_SUM (the
 * merged distribution carries it) or ALIGN_SUM and REDUCE_MEAN.
 */
export function alignedShape(
  aligner: Exclude<Aligner, 'ALIGN_NONE'>,
  kind: MetricKind,
  valueType: ValueType,
): { kind: MetricKind; valueType: ValueType } {
  const distribution = valueType === 'DISTRIBUTION';
  const refuse = () =>
    invalidField(
      'aggregation.perSeriesAligner',
      `The aligner cannot be applied to metrics with kind ${kind} and value type ${valueType}.`,
      aligner,
    );
  if (aligner === 'ALIGN_SUM') return { kind, valueType };
  if (aligner === 'ALIGN_DELTA') {
    if (kind !== 'DELTA') throw refuse();
    return { kind, valueType };
  }
  if (distribution) throw refuse();
  if (aligner === 'ALIGN_RATE') {
    if (kind !== 'DELTA') throw refuse();
    return { kind: 'GAUGE', valueType: 'DOUBLE' };
  }
  if (aligner === 'ALIGN_MEAN') return { kind, valueType: 'DOUBLE' };
  if (aligner === 'ALIGN_COUNT') return { kind, valueType: 'INT64' };
  return { kind, valueType };
}

/**
 * The ends of the alignment periods over [start, end], newest first: the last period ends at `end` and each one
 * before it `period` earlier, down to the first that reaches `start`. A point belongs to the period (e − period, e]
 * that holds its end time.
 *
 *   start 09:00:00, end 09:03:30, period 60 s → 09:03:30, 09:02:30, 09:01:30, 09:00:30
 */
export function periodEnds(start: number, end: number, period: number): number[] {
  const ends = [end];
  for (let e = end - period; e > start; e -= period) ends.push(e);
  return ends;
}

/** One aligned value per period that holds points, newest first (distributions only reach SUM and DELTA). */
export function alignPoints(
  points: readonly StoredPoint[],
  aligner: Exclude<Aligner, 'ALIGN_NONE'>,
  ends: readonly number[],
  period: number,
): { end: number; value: PointValue }[] {
  const out: { end: number; value: PointValue }[] = [];
  for (const end of ends) {
    const values = points.filter((p) => p.end > end - period && p.end <= end).map((p) => p.value);
    if (values.length === 0) continue;
    out.push({ end, value: aligned(aligner, values, period) });
  }
  return out;
}

function aligned(aligner: Exclude<Aligner, 'ALIGN_NONE'>, values: PointValue[], period: number): PointValue {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const sum = numbers.reduce((a, b) => a + b, 0);
  switch (aligner) {
    case 'ALIGN_SUM':
    case 'ALIGN_DELTA':
      return numbers.length === values.length ? sum : merge(values);
    case 'ALIGN_MEAN':
      return sum / numbers.length;
    case 'ALIGN_RATE':
      return sum / (period / 1000);
    case 'ALIGN_COUNT':
      return values.length;
    case 'ALIGN_MAX':
      return Math.max(...numbers);
    case 'ALIGN_MIN':
      return Math.min(...numbers);
  }
}

/** Distributions (and plain numbers, as one sample each) merged: counts add up, means weigh by count. */
export function merge(values: readonly PointValue[]): { count: number; mean: number } {
  let count = 0;
  let total = 0;
  for (const v of values) {
    const d = typeof v === 'number' ? { count: 1, mean: v } : v;
    count += d.count;
    total += d.count * d.mean;
  }
  return { count, mean: count === 0 ? 0 : total / count };
}

/** The value type a reducer gives over aligned values of `valueType`; refuses a pair it cannot apply to. */
export function reducedType(reducer: Exclude<Reducer, 'REDUCE_NONE'>, valueType: ValueType): ValueType {
  if (reducer === 'REDUCE_COUNT') return 'INT64';
  if (reducer === 'REDUCE_MEAN') return 'DOUBLE';
  if (reducer === 'REDUCE_SUM') return valueType;
  if (valueType === 'DISTRIBUTION')
    throw invalidField(
      'aggregation.crossSeriesReducer',
      `The reducer cannot be applied to aligned values of type ${valueType}.`,
      reducer,
    );
  return valueType;
}

/** Aligned values of several series at one period end, reduced to one. */
export function reduce(reducer: Exclude<Reducer, 'REDUCE_NONE'>, values: readonly PointValue[]): PointValue {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const plain = numbers.length === values.length;
  switch (reducer) {
    case 'REDUCE_SUM':
      return plain ? numbers.reduce((a, b) => a + b, 0) : merge(values);
    case 'REDUCE_MEAN':
      return plain ? numbers.reduce((a, b) => a + b, 0) / numbers.length : merge(values).mean;
    case 'REDUCE_COUNT':
      return values.length;
    case 'REDUCE_MAX':
      return Math.max(...numbers);
    case 'REDUCE_MIN':
      return Math.min(...numbers);
  }
}
