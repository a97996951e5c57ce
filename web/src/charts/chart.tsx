import { useEffect, useRef, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

type Lib = typeof import('./echarts-lib.js');
type Instance = ReturnType<Lib['echarts']['init']>;

/** A time range picked with the brush, in epoch seconds. */
export interface BrushRange {
  from: number;
  to: number;
}

interface Props {
  option: EChartsCoreOption;
  height: number;
  label: string;
  /** Charts in one group share the axis pointer (hover one, see the same instant in all). */
  group?: string;
  /** Turns on x-range brushing; called with the selected range (null when cleared). */
  onBrush?: (r: BrushRange | null) => void;
  testId?: string;
}

function apply(chart: Instance, option: EChartsCoreOption, brush: boolean): void {
  chart.setOption(option, { notMerge: true });
  // Brushing is on without a toolbox click: a drag across the plot selects a time range.
  if (brush)
    chart.dispatchAction({
      type: 'takeGlobalCursor',
      key: 'brush',
      brushOption: { brushType: 'lineX', brushMode: 'single' },
    });
}

let libPromise: Promise<Lib> | null = null;
const loadLib = (): Promise<Lib> => (libPromise ??= import('./echarts-lib.js'));

/**
 * One ECharts canvas. The library arrives by dynamic import, so pages render their tables first and the
 * charts fill in. Tooltips use richText mode: data strings are drawn on the canvas, never parsed as HTML.
 */
export function Chart({ option, height, label, group, onBrush, testId }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const inst = useRef<Instance | null>(null);
  const brushRef = useRef(onBrush);
  brushRef.current = onBrush;
  const optionRef = useRef(option);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let disposed = false;
    let ro: ResizeObserver | null = null;
    loadLib().then(
      ({ echarts }) => {
        if (disposed || el.current === null) return;
        const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
        inst.current = chart;
        if (group !== undefined) {
          chart.group = group;
          echarts.connect(group);
        }
        chart.on('brushSelected', (p: unknown) => {
          const area = (p as { batch?: { areas?: { coordRange?: number[] }[] }[] }).batch?.[0]?.areas?.[0];
          const r = area?.coordRange;
          brushRef.current?.(r && r.length === 2 ? { from: r[0]! / 1000, to: r[1]! / 1000 } : null);
        });
        ro = new ResizeObserver(() => chart.resize());
        ro.observe(el.current);
        setFailed(null);
        apply(chart, optionRef.current, brushRef.current !== undefined);
      },
      (err: unknown) => setFailed(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      disposed = true;
      ro?.disconnect();
      inst.current?.dispose();
      inst.current = null;
    };
  }, [group]);

  useEffect(() => {
    optionRef.current = option;
    if (inst.current !== null) apply(inst.current, option, brushRef.current !== undefined);
  }, [option]);

  if (failed !== null) return <div className="state error">Chart could not load: {failed}</div>;
  return (
    <div className="chart" ref={el} style={{ height }} role="img" aria-label={label} data-testid={testId} />
  );
}
