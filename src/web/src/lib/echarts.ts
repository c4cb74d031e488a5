// Apache ECharts, only the parts the report charts use (bars, a grid, tooltips, a legend, the canvas
// renderer). Imported dynamically by ReportChart, so no other screen downloads it.
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
