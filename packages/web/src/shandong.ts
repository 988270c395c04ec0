/** The map of Shandong's cities, registered for ECharts by the one page that draws it (its outlines are 400 kB). */
import { registerMap } from 'echarts/core';
import shandong from './geo/shandong.json';

registerMap('shandong', shandong as unknown as Parameters<typeof registerMap>[1]);
