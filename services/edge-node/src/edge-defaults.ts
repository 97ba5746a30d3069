/** The edge node's demo-ready defaults: a Thai immigration post, data under ./data/edge. The environment wins. */
export const EDGE_DEFAULTS = {
  PORT: '3000',
  NODE_COUNTRY: 'TH',
  NODE_AGENCY: 'TH-IMM',
  DATA_DIR: 'data/edge',
} as const;
