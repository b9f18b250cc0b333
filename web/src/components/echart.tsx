import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, TreemapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, DatasetComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, TreemapChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, DatasetComponent, VisualMapComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** A clicked datum: its name, and its data item when that is an object (a treemap node's { name, value, code }). */
export type ChartDatum = Record<string, unknown> | null;

/** An ECharts chart that resizes with its box; `onClick` gets the clicked datum's name and its data item. */
export function EChart({ option, height = 320, onClick }: { option: ChartOption; height?: number; onClick?: (name: string, datum: ChartDatum) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current);
    chart.current = c;
    c.on('click', (p: echarts.ECElementEvent) => clickRef.current?.(p.name, p.data !== null && typeof p.data === 'object' && !Array.isArray(p.data) ? (p.data as Record<string, unknown>) : null));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => { ro.disconnect(); c.dispose(); chart.current = null; };
  }, []);
  useEffect(() => { chart.current?.setOption(option, true); }, [option]);
  return <div ref={ref} style={{ width: '100%', height }} />;
}
