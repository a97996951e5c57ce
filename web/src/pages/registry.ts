import { lazy, type ComponentType } from 'react';
import type { PageName } from '../router/route.js';
import { OverviewPage } from './overview/overview-page.js';

/**
 * One entry per page. The overview, the landing page, is in the main bundle so its requests start without
 * another round trip (its chart still loads ECharts on demand); every other page is its own chunk, and the
 * ECharts and Cytoscape pages fetch their libraries only when opened.
 */
export const Pages: Record<PageName, ComponentType> = {
  overview: OverviewPage,
  alerts: lazy(() => import('./alerts/alerts-page.js').then((m) => ({ default: m.AlertsPage }))),
  logs: lazy(() => import('./logs/logs-page.js').then((m) => ({ default: m.LogsPage }))),
  nodes: lazy(() => import('./nodes/nodes-page.js').then((m) => ({ default: m.NodesPage }))),
  audit: lazy(() => import('./audit/audit-page.js').then((m) => ({ default: m.AuditPage }))),
};
