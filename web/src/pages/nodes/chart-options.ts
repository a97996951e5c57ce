import type { Sample, Scores } from '../../api/types.js';
import { plainRichText } from '../../charts/escape.js';
import { formatLocal } from '../../ui/time.js';
import { runs } from './ranges.js';

const ATTACK = 'rgba(230, 119, 0, 0.18)';
const ANOMALY = 'rgba(201, 42, 42, 0.16)';

function band(ranges: [number, number][], color: string, name: string) {
  return ranges.map(([a, b]) => [
    { xAxis: a * 1000, itemStyle: { color }, name },
    { xAxis: (b === a ? b + 1 : b) * 1000 },
  ]);
}

/** Shaded periods shared by every chart of a node: labelled attack, and score at or above threshold. */
export function bands(samples: Sample[], scores: Scores) {
  const attack = runs(
    samples,
    (s) => s.ts,
    (s) => s.attack === 1,
  );
  const anomalous = runs(
    scores.items,
    (p) => p.ts,
    (p) => p.score >= scores.threshold,
  );
  return [...band(attack, ATTACK, 'attack'), ...band(anomalous, ANOMALY, 'anomalous')];
}

const tooltip = {
  trigger: 'axis',
  renderMode: 'richText',
  // Values only: a number and the feature name, each made plain text for the rich-text renderer.
  formatter: (ps: { seriesName: string; value: [number, number | null] }[]) => {
    const t = ps[0]?.value[0];
    const lines = ps.map(
      (p) => `${plainRichText(p.seriesName)}: ${p.value[1] === null ? '—' : +p.value[1].toPrecision(6)}`,
    );
    return t === undefined ? '' : [formatLocal(t / 1000), ...lines].join('\n');
  },
};

/** A vertical line at the instant an alert linked here happened. */
function atLine(at: number | null) {
  return at === null
    ? []
    : [
        {
          xAxis: at * 1000,
          lineStyle: { color: '#212529', type: 'solid', width: 1.5 },
          label: { formatter: 'alert', fontSize: 10 },
        },
      ];
}

/**
 * One feature over time (left axis) with the node's anomaly score (right axis, 0–1), the detector's
 * threshold as a line, and the attack / anomalous bands behind them.
 */
export function featureOption(
  feature: string,
  unit: string,
  samples: Sample[],
  scores: Scores,
  shaded: unknown[],
  at: number | null = null,
) {
  return {
    animation: false,
    title: {
      text: feature,
      subtext: unit,
      left: 8,
      top: 2,
      textStyle: { fontSize: 13 },
      subtextStyle: { fontSize: 11 },
    },
    grid: { left: 56, right: 40, top: 44, bottom: 24 },
    tooltip,
    brush: {
      xAxisIndex: 0,
      brushType: 'lineX',
      brushMode: 'single',
      transformable: false,
      throttleType: 'debounce',
      throttleDelay: 200,
    },
    toolbox: { show: false },
    xAxis: { type: 'time' },
    yAxis: [
      { type: 'value', scale: true, splitNumber: 3, axisLabel: { fontSize: 10 } },
      {
        type: 'value',
        min: 0,
        max: 1,
        splitNumber: 2,
        splitLine: { show: false },
        axisLabel: { fontSize: 10 },
      },
    ],
    series: [
      {
        type: 'line',
        name: feature,
        showSymbol: false,
        lineStyle: { width: 1.5 },
        itemStyle: { color: '#1c7ed6' },
        data: samples.map((s) => [s.ts * 1000, typeof s[feature] === 'number' ? s[feature] : null]),
        markArea: { silent: true, label: { show: false }, data: shaded },
      },
      {
        type: 'line',
        name: 'anomaly score',
        yAxisIndex: 1,
        showSymbol: false,
        lineStyle: { width: 1, type: 'dashed' },
        itemStyle: { color: '#c92a2a' },
        data: scores.items.map((p) => [p.ts * 1000, p.score]),
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { color: '#c92a2a' },
          data: [{ yAxis: scores.threshold }, ...atLine(at)],
        },
      },
    ],
  };
}

/** The score chart at the top: the detector's score, its threshold and the same bands, larger. */
export function scoreOption(samples: Sample[], scores: Scores, shaded: unknown[], at: number | null = null) {
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 24, bottom: 56 },
    tooltip,
    legend: { show: true, bottom: 0, data: ['anomaly score', 'multivariate'] },
    brush: {
      xAxisIndex: 0,
      brushType: 'lineX',
      brushMode: 'single',
      transformable: false,
      throttleType: 'debounce',
      throttleDelay: 200,
    },
    toolbox: { show: false },
    xAxis: {
      type: 'time',
      min: samples[0] ? samples[0].ts * 1000 : undefined,
      max: samples.at(-1) ? samples.at(-1)!.ts * 1000 : undefined,
    },
    yAxis: { type: 'value', min: 0, max: 1, name: 'score' },
    series: [
      {
        type: 'line',
        name: 'anomaly score',
        showSymbol: false,
        itemStyle: { color: '#c92a2a' },
        data: scores.items.map((p) => [p.ts * 1000, p.score]),
        markArea: { silent: true, label: { show: false }, data: shaded },
        markLine: {
          silent: true,
          symbol: 'none',
          label: { formatter: `threshold ${scores.threshold}`, position: 'insideEndTop', fontSize: 10 },
          lineStyle: { color: '#c92a2a', type: 'solid' },
          data: [{ yAxis: scores.threshold }, ...atLine(at)],
        },
      },
      {
        type: 'line',
        name: 'multivariate',
        showSymbol: false,
        lineStyle: { width: 1 },
        itemStyle: { color: '#7048e8' },
        data: scores.items.map((p) => [p.ts * 1000, p.multivariate]),
      },
    ],
  };
}
