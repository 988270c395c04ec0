/** One ECharts chart in a div: created on mount, updated with its option, disposed on unmount. */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import shandong from './geo/shandong.json';

echarts.registerMap('shandong', shandong as unknown as Parameters<typeof echarts.registerMap>[1]);

export function Chart({ option, height = 320, testId }: { option: echarts.EChartsCoreOption; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts>(undefined);
  useEffect(() => {
    chart.current = echarts.init(ref.current!);
    const resize = () => chart.current?.resize();
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => chart.current?.setOption(option, true), [option]);
  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} />;
}
