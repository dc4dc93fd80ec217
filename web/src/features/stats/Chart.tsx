import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// ECharts through echarts/core: only the charts and components used here are bundled. SVG renderer: crisp in print
// and in the PDF, and the chart's text stays text.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** A chart with an accessible name (role img + aria-label); `onClick` gets the clicked item's name (drill-down). */
export function Chart({
  option,
  height = 280,
  label,
  onClick,
  dark,
}: {
  option: ChartOption;
  height?: number;
  label: string;
  onClick?: (name: string) => void;
  dark?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, dark ? 'dark' : undefined, { renderer: 'svg' });
    chart.current = c;
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, [dark]);
  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', ...option }, true);
  }, [option, dark]);
  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    const h = (p: { name?: string }) => {
      if (p.name) onClick(p.name);
    };
    c.on('click', h);
    return () => {
      c.off('click', h);
    };
  }, [onClick, dark]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
