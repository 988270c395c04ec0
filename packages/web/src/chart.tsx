/**
 * One ECharts chart in a div: created on mount, updated with its option, disposed on unmount.
 * Only the parts the pages draw are registered (bars, lines, maps), so the charts' chunk carries
 * those and not all of ECharts; the map of Shandong itself comes with the page that draws it.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, MapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

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
