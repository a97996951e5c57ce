import { useMemo } from 'react';
import { Chart } from '../../charts/chart.js';
import { formatLocal, formatUtc } from '../../ui/time.js';

/** Alerts per bucket over the window, as bars; the tooltip is rich text (no HTML). */
export function RateChart({ points }: { points: { ts: number; count: number }[] }) {
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      tooltip: {
        trigger: 'axis',
        renderMode: 'richText',
        formatter: (p: { value: [number, number] }[]) => {
          const v = p[0]?.value;
          return v ? `${formatLocal(v[0] / 1000)}\n${formatUtc(v[0] / 1000)}\n${v[1]} alerts` : '';
        },
      },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', minInterval: 1, name: 'alerts' },
      series: [
        {
          type: 'bar',
          name: 'alerts',
          itemStyle: { color: '#d9480f' },
          data: points.map((p) => [p.ts * 1000, p.count]),
        },
      ],
    }),
    [points],
  );
  return <Chart option={option} height={220} label="Alert rate over time" testId="rate-chart" />;
}
